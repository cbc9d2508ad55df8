import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CommandDeps } from '../commands/commandDeps';
import { registerCommand } from '../commands/runCommand';
import type * as Features from './referenceFeatures';
import { REFERENCE_LANGUAGES, REFERENCE_SELECTOR } from './referenceSelector';

/** Command ids of the reference features. */
export const ReferenceCommandIds = {
  chooseWorkspace: 'databricksSecrets.references.chooseWorkspace',
  findUsages: 'databricksSecrets.references.findUsages',
  reveal: 'databricksSecrets.references.reveal',
} as const;

type FeaturesModule = typeof Features;
const BUNDLED = join(__dirname, 'references.js');

/**
 * Registers completion, hover, unknown-name diagnostics with quick fixes, the workspace chooser and Find Usages.
 * Only thin shims are registered at activation; the implementation (`dist/references.js`) loads when a document that
 * can hold references is open, or a provider or command is first used. Returns the registration and a getter for
 * the live features (tests).
 */
export function registerReferences(
  deps: Pick<CommandDeps, 'log' | 'store' | 'model' | 'tree'>,
  workspaceState: vscode.Memento,
): { disposable: vscode.Disposable; features: () => Features.ReferenceFeatures } {
  let features: Features.ReferenceFeatures | undefined;
  const get = (): Features.ReferenceFeatures => {
    if (!features) {
      const load = createRequire(__filename);
      const module = (existsSync(BUNDLED) ? load(BUNDLED) : load('./referenceFeatures')) as FeaturesModule;
      features = module.createReferenceFeatures(deps, workspaceState, ReferenceCommandIds.chooseWorkspace);
    }
    return features;
  };
  const relevant = (document: vscode.TextDocument): boolean => REFERENCE_LANGUAGES.includes(document.languageId);
  // After activation, not during it: a document already open loads the features on the next turn.
  const startTimer = setTimeout(() => vscode.workspace.textDocuments.some(relevant) && get(), 0);
  const completion: vscode.CompletionItemProvider = { provideCompletionItems: (document, position) => get().completion.provideCompletionItems(document, position) };
  const hover: vscode.HoverProvider = { provideHover: (document, position) => get().hover.provideHover(document, position) };
  const actions: vscode.CodeActionProvider = { provideCodeActions: (document, range, context) => get().diagnostics.provideCodeActions(document, range, context) };
  const disposable = vscode.Disposable.from(
    { dispose: () => clearTimeout(startTimer) },
    { dispose: () => features?.dispose() },
    vscode.workspace.onDidOpenTextDocument((document) => relevant(document) && get()),
    vscode.languages.registerCompletionItemProvider(REFERENCE_SELECTOR, completion, '"', "'", '/'),
    vscode.languages.registerHoverProvider(REFERENCE_SELECTOR, hover),
    vscode.languages.registerCodeActionsProvider(REFERENCE_SELECTOR, actions, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    registerCommand(deps.log, ReferenceCommandIds.chooseWorkspace, () => get().chooseWorkspace()),
    registerCommand(deps.log, ReferenceCommandIds.reveal, (arg: unknown) => get().reveal(arg)),
    registerCommand(deps.log, ReferenceCommandIds.findUsages, (arg: unknown) => get().findUsages(arg)),
  );
  return { disposable, features: get };
}
