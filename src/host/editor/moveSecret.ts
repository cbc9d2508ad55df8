import * as vscode from 'vscode';
import type { CommandHandler } from '../commands/runCommand';
import { loadCommands } from '../lazyCommands';
import { loadDetector } from './lazyDetect';
import { callWorkspace, chooseDestination, replaceLiterals, type MoveDeps } from './moveFlow';
import { resolveFinding } from './resolveFinding';

/**
 * **Move to Databricks Secret**: asks where (workspace, scope, key: the shared pickers), stores the literal's value
 * with the client, and only when that succeeded replaces the literal with the scope reference for its language, in
 * one WorkspaceEdit (one undo brings the literal back). A failed or cancelled put leaves the document as it was.
 * Resolves to true when the text was replaced.
 */
export function moveSecretHandler(deps: MoveDeps): CommandHandler {
  return async (arg) => {
    const target = await resolveFinding(deps.findings, arg);
    if (!target) return false;
    const { document, finding } = target;
    if (!finding.replacement) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('This {0} cannot be replaced automatically here (no secret reference in this language or string form). Store it with Put Secret and edit the line by hand, or Ignore it.', finding.title),
      );
      return false;
    }
    const title = vscode.l10n.t('Move to Databricks Secret');
    const destination = await chooseDestination(deps, title);
    if (!destination) return false;
    const { workspace, scope } = destination;
    const answer = await loadCommands().askKeyName(deps, workspace, scope, { title, value: finding.suggestedKey });
    if (!answer) return false;
    const { key } = answer;
    const text = loadDetector().replacementFor(finding.raw, finding.configScope, scope, key);
    if (text === undefined) throw new Error(vscode.l10n.t('No replacement text for this {0}.', finding.title));
    const literal = document.getText(finding.replacement.range);

    await deps.prompts.progress(vscode.l10n.t('Storing {0} in {1}/{2}…', finding.masked, scope, key), (signal) =>
      callWorkspace(deps, workspace, (client) => client.putSecret(scope, key, finding.raw.secret, { signal })),
    );
    deps.log.info(`stored a ${finding.ruleId} value in ${scope}/${key} on ${workspace.host}`);
    deps.model.refresh(workspace.id, scope);

    if (!(await replaceLiterals(deps, document, [{ finding, literal, text }]))) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The value is stored in {0}/{1}, but the text changed meanwhile and the literal was not replaced. Replace it with: {2}', scope, key, text),
      );
      return false;
    }
    deps.prompts.status(vscode.l10n.t('$(check) Moved to {0}/{1} in {2}. Undo (Ctrl+Z) brings the literal back; the stored secret stays.', scope, key, workspace.name));
    return true;
  };
}
