import * as vscode from 'vscode';
import { WorkspaceOperationError } from '../errors/hostErrors';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { resolveWorkspace } from './resolveWorkspace';
import { registerCommand } from './runCommand';

/**
 * Registers "Databricks Secrets: Sign Out": deletes a configured workspace's stored credentials (PAT or OAuth
 * secret) and keeps the entry; for a Databricks CLI workspace it drops the cached access token.
 */
export function registerSignOut({ log, store }: CommandDeps): vscode.Disposable {
  return registerCommand(log, CommandIds.signOut, async (arg?: unknown) => {
    const workspace = await resolveWorkspace(store, arg, vscode.l10n.t('Workspace to sign out of'), (w) => w.source === 'settings');
    if (!workspace) return;
    try {
      await store.signOut(workspace);
    } catch (error) {
      throw new WorkspaceOperationError(workspace, error);
    }
    log.info(`signed out of workspace ${workspace.host}`);
    void vscode.window.showInformationMessage(
      workspace.auth === 'databricks-cli'
        ? vscode.l10n.t('Signed out of {0} here. The Databricks CLI keeps its own sign-in: run `databricks auth logout` to end it.', workspace.name)
        : vscode.l10n.t('Signed out of {0}: its credentials were deleted from VS Code secret storage. The workspace stays in the list.', workspace.name),
    );
  });
}
