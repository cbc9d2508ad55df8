import * as vscode from 'vscode';
import { WorkspaceOperationError } from '../errors/hostErrors';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { resolveWorkspace } from './resolveWorkspace';
import { registerCommand } from './runCommand';

/** Registers "Databricks Secrets: Remove Workspace" (deletes the stored token too, after confirmation). */
export function registerRemoveWorkspace({ log, store }: CommandDeps): vscode.Disposable {
  return registerCommand(log, CommandIds.removeWorkspace, async (arg?: unknown) => {
    const workspace = await resolveWorkspace(store, arg, vscode.l10n.t('Workspace to remove'), (w) => w.source === 'settings');
    if (!workspace) return;
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove workspace {0}?', workspace.name),
      { modal: true, detail: vscode.l10n.t('{0} leaves the explorer and its token is deleted from VS Code secret storage. Nothing changes in the workspace itself.', workspace.host) },
      remove,
    );
    if (answer !== remove) return;
    try {
      await store.remove(workspace);
    } catch (error) {
      throw new WorkspaceOperationError(workspace, error);
    }
    log.info(`removed workspace ${workspace.host}`);
  });
}
