import * as vscode from 'vscode';
import { registerCommand } from '../commands/runCommand';
import type { CommandDeps } from '../commands/commandDeps';
import type { EditorFeatures, EditorTestHooks } from './features';
import { EditorCommandIds } from './ids';
import { loadEditor } from './lazyEditor';

export type { EditorTestHooks } from './features';

/** Document selector of the CodeLens and code action providers: files on disk and unsaved, and notebook cells. */
const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }];

/**
 * Registers the credential detection in editors and notebooks: diagnostics, CodeLens, quick fixes, and the Move,
 * Move All, Ignore and Scan Workspace commands. Only thin stubs live in the activation bundle: the implementation
 * and the detector load from `dist/editor.js` right after activation (to scan the open documents) or on first use.
 */
export function registerEditorFeatures(deps: CommandDeps): vscode.Disposable & { readonly testHooks: EditorTestHooks } {
  let features: EditorFeatures | undefined;
  let disposed = false;
  const lensesChanged = new vscode.EventEmitter<void>();
  const subscriptions: vscode.Disposable[] = [lensesChanged];
  const get = (): EditorFeatures => {
    if (!features) {
      features = loadEditor().createEditorFeatures(deps);
      subscriptions.push(features, features.codeLens.onDidChangeCodeLenses(() => lensesChanged.fire()));
    }
    return features;
  };
  // The detector (about 90 KB) loads only once a document it can scan is open: right after activation when one
  // already is, else when one opens (or a provider or command is first used).
  const relevant = (document: vscode.TextDocument): boolean => vscode.languages.match(SELECTOR, document) > 0;
  const load = (): void => {
    if (disposed || features) return;
    try {
      get();
    } catch (error) {
      deps.log.error(`could not load the credential detector: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const started = setTimeout(() => vscode.workspace.textDocuments.some(relevant) && load(), 0);
  subscriptions.push(vscode.workspace.onDidOpenTextDocument((document) => relevant(document) && load()));

  subscriptions.push(
    vscode.languages.registerCodeLensProvider(SELECTOR, {
      onDidChangeCodeLenses: lensesChanged.event,
      provideCodeLenses: (document) => get().codeLens.provideCodeLenses(document),
    }),
    vscode.languages.registerCodeActionsProvider(
      SELECTOR,
      { provideCodeActions: (document, range, context) => get().codeActions.provideCodeActions(document, range, context) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    ...Object.values(EditorCommandIds).map((id) => registerCommand(deps.log, id, (...args) => get().commands[id](...args))),
    vscode.workspace.onDidChangeConfiguration((event) => features?.configurationChanged(event)),
  );
  return {
    testHooks: {
      get findings() {
        return get().testHooks.findings;
      },
      get codeActions() {
        return get().testHooks.codeActions;
      },
    },
    dispose() {
      disposed = true;
      clearTimeout(started);
      vscode.Disposable.from(...subscriptions).dispose();
    },
  };
}
