import * as vscode from 'vscode';
import { completionContextAt } from '../../core/references';
import { formatDateTime } from '../tree/time';
import { isKeyVaultScope } from '../tree/nodes/scopeNode';
import { findScope, type ReferenceLookup } from './referenceLookup';
import type { ReferenceTarget } from './referenceTarget';
import { rangeIn, textAround } from './referenceText';

/**
 * Completion inside a reference's scope argument (the workspace's scopes) and key argument (that scope's keys), for
 * keyword and positional forms, SQL `secret()` and `{{secrets/…}}`. Each key's detail is its last-updated time.
 */
export class ReferenceCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly target: Pick<ReferenceTarget, 'workspaceFor'>,
    private readonly lookup: ReferenceLookup,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const window = textAround(document, position);
    const context = completionContextAt(window.text, window.cursor);
    if (!context) return undefined;
    const workspace = this.target.workspaceFor(document.uri);
    if (!workspace) return undefined;
    const range = rangeIn(document, window, context.replaceStart, context.replaceEnd);
    const inserting = rangeIn(document, window, context.replaceStart, window.cursor);
    if (context.argument === 'scope') {
      const scopes = await this.lookup.scopes(workspace);
      return scopes?.map((scope) => {
        const item = new vscode.CompletionItem(scope.name, vscode.CompletionItemKind.Folder);
        item.detail = isKeyVaultScope(scope) ? vscode.l10n.t('Azure Key Vault scope in {0}', workspace.name) : vscode.l10n.t('Secret scope in {0}', workspace.name);
        item.range = { inserting, replacing: range };
        return item;
      });
    }
    if (context.scope === undefined) return undefined;
    const scopes = await this.lookup.scopes(workspace);
    const scope = scopes ? findScope(scopes, context.scope) : undefined;
    if (!scope) return undefined;
    const secrets = await this.lookup.secrets(workspace, scope.name);
    return secrets?.map((secret) => {
      const item = new vscode.CompletionItem(secret.key, vscode.CompletionItemKind.Value);
      item.detail = vscode.l10n.t('Updated {0}', formatDateTime(secret.last_updated_timestamp, vscode.env.language));
      item.range = { inserting, replacing: range };
      return item;
    });
  }
}
