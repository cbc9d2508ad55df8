import * as vscode from 'vscode';
import type { CommandHandler } from '../commands/runCommand';
import { loadDetector } from './lazyDetect';
import { callWorkspace, chooseDestination, replaceLiterals, withCancellableProgress, type MoveDeps } from './moveFlow';
import { resolveFinding } from './resolveFinding';

/**
 * **Move to Databricks Secret**: asks where (workspace, scope, key), stores the literal's value with the client,
 * and only when that succeeded replaces the literal with the scope reference for its language, in one
 * WorkspaceEdit (one undo brings the literal back). A failed or cancelled put leaves the document as it was.
 * Resolves to true when the text was replaced.
 */
export function moveSecretHandler(deps: MoveDeps): CommandHandler {
  return async (arg) => {
    const target = await resolveFinding(deps.findings, arg);
    if (!target) return false;
    const { document, finding } = target;
    if (!finding.replacement) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('This {0} cannot be replaced automatically here (no secret reference in this language or string form). Store it with the explorer and edit the line by hand, or Ignore it.', finding.title),
      );
      return false;
    }
    const detector = loadDetector();
    const destination = await chooseDestination(deps, finding.configScope);
    if (!destination) return false;
    const { workspace, scope, existing } = destination;
    const key = await deps.prompter().pickKey(scope, finding.suggestedKey, existing, detector.SECRET_KEY_PATTERN);
    if (key === undefined) return false;
    if (!detector.SECRET_KEY_PATTERN.test(key)) throw new Error(vscode.l10n.t('"{0}" is not a valid key: use 1–128 letters, digits, "_", "." or "-".', key));
    if (existing.has(key) && !(await deps.prompter().confirmOverwrite(scope, [key]))) return false;
    const text = detector.replacementFor(finding.raw, finding.configScope, scope, key);
    if (text === undefined) throw new Error(vscode.l10n.t('No replacement text for this {0}.', finding.title));
    const literal = document.getText(finding.replacement.range);

    await withCancellableProgress(vscode.l10n.t('Storing {0} in {1}/{2}…', finding.masked, scope, key), (signal) =>
      callWorkspace(deps, workspace, (client) => client.putSecret(scope, key, finding.raw.secret, { signal })),
    );
    deps.log.info(`stored a ${finding.ruleId} value in ${scope}/${key} on ${workspace.host}`);
    deps.stored?.(workspace, scope);

    if (!(await replaceLiterals(deps, document, [{ finding, literal, text }]))) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The value is stored in {0}/{1}, but the text changed meanwhile and the literal was not replaced. Replace it with: {2}', scope, key, text),
      );
      return false;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Moved to {0}/{1} in {2}. Undo (Ctrl+Z) brings the literal back; the stored secret stays.', scope, key, workspace.name));
    return true;
  };
}
