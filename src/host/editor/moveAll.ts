import * as vscode from 'vscode';
import type { CommandHandler } from '../commands/runCommand';
import type { EditorFinding } from './findings';
import { loadDetector } from './lazyDetect';
import { callWorkspace, chooseDestination, replaceLiterals, type MoveDeps, type PendingReplacement } from './moveFlow';
import { documentOf } from './resolveFinding';

type Movable = EditorFinding & Required<Pick<EditorFinding, 'replacement'>>;

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
    const movable = ((await deps.findings.findings(document))?.findings ?? []).filter((f): f is Movable => f.replacement !== undefined);
    if (movable.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No hardcoded credential in this file can be moved automatically.'));
      return 0;
    }
    const detector = loadDetector();
    const keys = detector.distinctKeys(movable.map((f) => f.raw));
    const configScope = movable[0].configScope;
    const title = vscode.l10n.t('Move All in This File');
    const items = movable.map((f, i) => ({
      label: vscode.l10n.t('Line {0}: {1} {2}', f.range.start.line + 1, f.title, f.masked),
      detail: `→ ${detector.replacementFor(f.raw, configScope, configScope, keys[i]) ?? ''}`,
      picked: true,
      index: i,
    }));
    const chosen = await deps.prompts.pickMany(items, { title, placeHolder: vscode.l10n.t('Each credential and the text that will replace it: untick any to leave'), ignoreFocusOut: true });
    if (!chosen || chosen.length === 0) return 0;
    const destination = await chooseDestination(deps, title);
    if (!destination) return 0;
    const { workspace, scope } = destination;
    const selected = chosen.map((item) => item.index);
    const listing = await deps.model.secrets(workspace, scope);
    const existing = new Set(listing.ok ? listing.items.map((s) => s.key) : []);
    const overwritten = [...new Set(selected.map((i) => keys[i]).filter((k) => existing.has(k)))];
    if (overwritten.length > 0) {
      const overwrite = vscode.l10n.t('Overwrite');
      const yes = await deps.prompts.confirm(
        vscode.l10n.t('Overwrite {0} secret(s) in scope {1}?', overwritten.length, scope),
        vscode.l10n.t('These keys already exist and their values will be replaced: {0}', overwritten.join(', ')),
        overwrite,
      );
      if (!yes) return 0;
    }

    const pending: PendingReplacement[] = [];
    const failed: string[] = [];
    await deps.prompts.progress(vscode.l10n.t('Storing {0} secret(s) in {1}…', selected.length, scope), async (signal) => {
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
          if (signal.aborted || pending.length === 0) throw error; // cancelled, or the first put failed: nothing moved, say why
          failed.push(key);
          deps.log.warn(`storing ${scope}/${key} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    });
    if (pending.length > 0) deps.model.refresh(workspace.id, scope);
    if (pending.length > 0 && !(await replaceLiterals(deps, document, pending))) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The values are stored in {0}, but the text changed meanwhile and the literals were not replaced.', scope));
      return 0;
    }
    if (failed.length > 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Moved {0} of {1}; storing {2} failed (see the log). Those literals are unchanged.', pending.length, selected.length, failed.join(', ')));
    } else {
      deps.prompts.status(vscode.l10n.t('$(check) Moved {0} credential(s) to scope {1} in {2}. One undo (Ctrl+Z) brings the literals back.', pending.length, scope, workspace.name));
    }
    return pending.length;
  };
}
