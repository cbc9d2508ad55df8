import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import { formatDateTime } from '../tree/time';
import { isKeyVaultScope } from '../tree/nodes/scopeNode';
import { findScope, type ReferenceLookup } from './referenceLookup';
import type { ReferenceTarget } from './referenceTarget';
import { rangeIn, referenceAt, textAround } from './referenceText';

/** Command that reveals a referenced scope or key in the explorer (hover link; see registerReferences.ts). */
const REVEAL_REFERENCE_COMMAND = 'databricksSecrets.references.reveal';

/** Hover on a reference: workspace, scope backend, key, last updated, and links; never the value. */
export class ReferenceHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly target: Pick<ReferenceTarget, 'workspaceFor'>,
    private readonly lookup: ReferenceLookup,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const window = textAround(document, position);
    const reference = referenceAt(window);
    const scopeName = reference?.scope?.value;
    if (!reference || scopeName === undefined) return undefined;
    const workspace = this.target.workspaceFor(document.uri);
    if (!workspace) return undefined;
    const keyName = reference.key?.value;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${vscode.l10n.t('Databricks secret')}** \`${scopeName}${keyName !== undefined ? ` / ${keyName}` : ''}\`\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Workspace')}: ${escape(workspace.name)} (${escape(workspace.host)})\n\n`);
    const scopes = await this.lookup.scopes(workspace);
    const scope = scopes ? findScope(scopes, scopeName) : undefined;
    if (!scopes) md.appendMarkdown(`${vscode.l10n.t('The scopes of this workspace could not be listed.')}\n\n`);
    else if (!scope) md.appendMarkdown(`$(warning) ${vscode.l10n.t('No scope {0} in this workspace.', escape(scopeName))}\n\n`);
    else {
      md.appendMarkdown(`${vscode.l10n.t('Scope backend')}: ${isKeyVaultScope(scope) ? 'Azure Key Vault' : 'Databricks'}\n\n`);
      if (keyName !== undefined) {
        const secrets = await this.lookup.secrets(workspace, scope.name);
        const secret = secrets?.find((s) => s.key === keyName);
        if (!secrets) md.appendMarkdown(`${vscode.l10n.t('The keys of this scope could not be listed.')}\n\n`);
        else if (!secret) md.appendMarkdown(`$(warning) ${vscode.l10n.t('No key {0} in scope {1}.', escape(keyName), escape(scope.name))}\n\n`);
        else md.appendMarkdown(`${vscode.l10n.t('Last updated')}: ${formatDateTime(secret.last_updated_timestamp, vscode.env.language)}\n\n`);
      }
      const args = encodeURIComponent(JSON.stringify([{ workspaceId: workspace.id, scope: scope.name, key: keyName }]));
      md.appendMarkdown(`[${vscode.l10n.t('Reveal in Explorer')}](command:${REVEAL_REFERENCE_COMMAND}?${args})`);
      if (keyName !== undefined) md.appendMarkdown(` · [${vscode.l10n.t('Copy Reference')}](command:${CommandIds.copyReference}?${args})`);
    }
    md.isTrusted = { enabledCommands: [REVEAL_REFERENCE_COMMAND, CommandIds.copyReference] };
    return new vscode.Hover(md, rangeIn(document, window, reference.start, reference.end));
  }
}

/** Markdown-escapes a name (scope names may hold `.`, `@`, `_`, `-`; hosts and display names anything). */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
