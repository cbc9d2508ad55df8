import * as vscode from 'vscode';
import type { CommandHandler } from '../commands/runCommand';
import type { EditorFinding } from './findings';
import { loadDetector } from './lazyDetect';
import { callWorkspace, chooseDestination, replaceLiterals, withCancellableProgress, type MoveDeps, type PendingReplacement } from './moveFlow';
import { documentOf } from './resolveFinding';

/**
 * **Move All in This File**: lists every movable finding with the text that will replace it (a checkbox each),
 * asks for the workspace and scope once, stores the values (suggested keys, numbered when two values would share
 * one; asks before overwriting existing keys), then replaces the stored ones in one WorkspaceEdit. Values whose put
 * failed stay in the text, and the message says which. Resolves to the number of literals replaced.
 */
export function moveAllHandler(deps: MoveDeps): CommandHandler {
  return async (arg) => {
    const document = typeof arg === 'string' ? await documentOf(arg) : arg instanceof vscode.Uri ? await documentOf(arg.toString()) : vscode.window.activeTextEditor?.document;
    if (!document) return 0;
    const movable = ((await deps.findings.findings(document))?.findings ?? []).filter((f): f is EditorFinding & Required<Pick<EditorFinding, 'replacement'>> => f.replacement !== undefined);
    if (movable.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No hardcoded credential in this file can be moved automatically.'));
      return 0;
    }
    const detector = loadDetector();
    const keys = detector.distinctKeys(movable.map((f) => f.raw));
    const configScope = movable[0].configScope;
    const items = movable.map((f, i) => ({
      label: vscode.l10n.t('Line {0}: {1} {2}', f.range.start.line + 1, f.title, f.masked),
      detail: `→ ${detector.replacementFor(f.raw, configScope, configScope, keys[i]) ?? ''}`,
    }));
    const chosen = await deps.prompter().pickFindings(items);
    if (!chosen || chosen.length === 0) return 0;
    const destination = await chooseDestination(deps, configScope);
    if (!destination) return 0;
    const { workspace, scope, existing } = destination;
    const selected = chosen.filter((i) => Number.isInteger(i) && i >= 0 && i < movable.length);
    const overwritten = [...new Set(selected.map((i) => keys[i]).filter((k) => existing.has(k)))];
    if (overwritten.length > 0 && !(await deps.prompter().confirmOverwrite(scope, overwritten))) return 0;

    const pending: PendingReplacement[] = [];
    const failed: string[] = [];
    await withCancellableProgress(vscode.l10n.t('Storing {0} secret(s) in {1}…', selected.length, scope), async (signal) => {
      const done = new Set<string>();
      for (const i of selected) {
        const f = movable[i];
        const key = keys[i];
        try {
          if (!done.has(key)) {
            await callWorkspace(deps, workspace, (client) => client.putSecret(scope, key, f.raw.secret, { signal }));
            done.add(key);
          }
          pending.push({ finding: f, literal: document.getText(f.replacement.range), text: detector.replacementFor(f.raw, configScope, scope, key)! });
        } catch (error) {
          if (signal.aborted) throw error;
          failed.push(key);
          deps.log.warn(`storing ${scope}/${key} failed: ${error instanceof Error ? error.message : String(error)}`);
          if (failed.length === 1 && pending.length === 0) throw error; // the first one failed: nothing is stored, say why
        }
      }
    });
    if (pending.length > 0) deps.stored?.(workspace, scope);
    if (pending.length > 0 && !(await replaceLiterals(deps, document, pending))) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The values are stored in {0}, but the text changed meanwhile and the literals were not replaced.', scope));
      return 0;
    }
    if (failed.length > 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Moved {0} of {1}; storing {2} failed (see the log). Those literals are unchanged.', pending.length, selected.length, failed.join(', ')));
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('Moved {0} credential(s) to scope {1} in {2}. One undo (Ctrl+Z) brings the literals back.', pending.length, scope, workspace.name));
    }
    return pending.length;
  };
}
