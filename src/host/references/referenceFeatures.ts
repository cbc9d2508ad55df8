/**
 * Secret references as a language feature: the entry of the lazily loaded bundle `dist/references.js` (see
 * esbuild.mjs and src/host/references/registerReferences.ts), so activation does not pay for it.
 */
import * as vscode from 'vscode';
import type { CommandDeps } from '../commands/commandDeps';
import { EXPLORER_VIEW_ID } from '../commands/ids';
import { commandTarget } from '../pick/target';
import { ReferenceCompletionProvider } from './completionProvider';
import { findUsagesCommand } from './findUsages';
import { ReferenceHoverProvider } from './hoverProvider';
import { ReferenceDiagnostics } from './referenceDiagnostics';
import { modelLookup } from './referenceLookup';
import { REFERENCE_SELECTOR } from './referenceSelector';
import { ReferenceTarget } from './referenceTarget';

/** The live reference features (tests reach them through the test API). */
export interface ReferenceFeatures extends vscode.Disposable {
  readonly target: ReferenceTarget;
  readonly diagnostics: ReferenceDiagnostics;
  readonly completion: ReferenceCompletionProvider;
  readonly hover: ReferenceHoverProvider;
  chooseWorkspace(): Promise<void>;
  reveal(arg: unknown): Promise<void>;
  findUsages(arg: unknown): Promise<void>;
}

/** Builds the features; `chooseCommand` is the status-bar item's command. */
export function createReferenceFeatures(
  deps: Pick<CommandDeps, 'store' | 'model' | 'tree'>,
  workspaceState: vscode.Memento,
  chooseCommand: string,
): ReferenceFeatures {
  const target = new ReferenceTarget(deps.store, workspaceState, REFERENCE_SELECTOR, chooseCommand);
  const lookup = modelLookup(deps.model);
  const diagnostics = new ReferenceDiagnostics(REFERENCE_SELECTOR, target, lookup, deps.model.onDidChange);
  return {
    target,
    diagnostics,
    completion: new ReferenceCompletionProvider(target, lookup),
    hover: new ReferenceHoverProvider(target, lookup),
    chooseWorkspace: () => target.choose(),
    reveal: async (arg) => {
      const { workspaceId, scope, key } = commandTarget(arg);
      if (workspaceId === undefined || scope === undefined) return;
      await vscode.commands.executeCommand(`${EXPLORER_VIEW_ID}.focus`);
      await deps.tree?.reveal(workspaceId, scope, key);
    },
    findUsages: (arg) => findUsagesCommand(arg),
    dispose: () => vscode.Disposable.from(target, diagnostics).dispose(),
  };
}
