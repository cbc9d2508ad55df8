import * as vscode from 'vscode';
import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceStore } from '../workspaces/workspaceStore';

/**
 * The workspace a command was invoked for: a tree node (anything with a `workspace`), a workspace id (from an
 * error action or link), or — from the Command Palette — one the person picks. Undefined when they cancel.
 */
export async function resolveWorkspace(
  store: WorkspaceStore,
  arg: unknown,
  placeHolder: string,
  filter: (workspace: Workspace) => boolean = () => true,
): Promise<Workspace | undefined> {
  if (typeof arg === 'string') return store.get(arg);
  if (typeof arg === 'object' && arg !== null && 'workspace' in arg) {
    const workspace = (arg as { workspace: unknown }).workspace as Workspace;
    return store.get(workspace.id) ?? workspace;
  }
  const choices = store.list().filter(filter);
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No workspace to choose from: add one with "Databricks Secrets: Add Workspace".'));
    return undefined;
  }
  if (choices.length === 1) return choices[0];
  const picked = await vscode.window.showQuickPick(
    choices.map((workspace) => ({ label: workspace.name, description: workspace.host, workspace })),
    { placeHolder },
  );
  return picked?.workspace;
}
