import * as vscode from 'vscode';
import { WorkspaceOperationError } from '../errors/hostErrors';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { resolveWorkspace } from './resolveWorkspace';
import { registerCommand } from './runCommand';
import { promptToken } from './tokenPrompt';
import { promptClientId, promptClientSecret } from './authPrompts';

/** Registers "Databricks Secrets: Set Token": replaces a configured workspace's token in SecretStorage. */
export function registerSetToken({ log, store }: CommandDeps): vscode.Disposable {
  return registerCommand(log, CommandIds.setToken, async (arg?: unknown) => {
    const workspace = await resolveWorkspace(store, arg, vscode.l10n.t('Workspace whose token to set'), (w) => w.source === 'settings');
    if (!workspace) return;
    if (workspace.source === 'env') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The token of {0} comes from DATABRICKS_TOKEN in the environment VS Code was started from: change it there and restart VS Code.', workspace.host),
      );
      return;
    }
    if (workspace.auth === 'databricks-cli') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} signs in through the Databricks CLI: run `databricks auth login --host {1}` in a terminal.', workspace.name, workspace.host),
      );
      return;
    }
    // An OAuth service principal's credentials are its client ID and secret.
    const clientId = workspace.auth === 'oauth-m2m' ? await promptClientId(workspace.host) : undefined;
    if (workspace.auth === 'oauth-m2m' && !clientId) return;
    const token = clientId ? await promptClientSecret(workspace.host) : await promptToken(workspace.host);
    if (!token) return;
    try {
      await (clientId ? store.setOAuthCredentials(workspace, { clientId, clientSecret: token }) : store.setToken(workspace, token));
    } catch (error) {
      throw new WorkspaceOperationError(workspace, error);
    }
    log.info(`token updated for ${workspace.host}`);
  });
}
