import * as vscode from 'vscode';
import type { WorkspaceStore } from './workspaces/workspaceStore';

/** Context key: true when at least one workspace is configured (drives the explorer's welcome content). */
export const HAS_WORKSPACES = 'databricksSecrets.hasWorkspaces';

/** Keeps the context keys in step with the workspace list. */
export function registerContextKeys(store: WorkspaceStore): vscode.Disposable {
  const update = () => void vscode.commands.executeCommand('setContext', HAS_WORKSPACES, store.list().length > 0);
  update();
  return store.onDidChange((change) => change.kind === 'list' && update());
}
