import * as vscode from 'vscode';
import { defaultWorkspaceName } from '../../workspaces/hostUrl';
import type { Workspace } from '../../workspaces/workspace';

/** Tooltip line: the auth method and where its credentials live (never the credentials). */
function credentialsText(ws: Workspace): string {
  const fromEnv = ws.source === 'env';
  const profile = ws.profile ? ' ' + vscode.l10n.t('Imported from profile [{0}].', ws.profile) : '';
  switch (ws.auth) {
    case 'oauth-m2m':
      return (fromEnv
        ? vscode.l10n.t('Signs in as a service principal (OAuth M2M) with DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET from the environment.')
        : vscode.l10n.t('Signs in as a service principal (OAuth M2M); client ID and secret kept in VS Code secret storage, tokens only in memory.')) + profile;
    case 'databricks-cli':
      return vscode.l10n.t('Signs in through the Databricks CLI (databricks auth token); nothing is stored here.') + profile;
    default:
      return (fromEnv
        ? vscode.l10n.t('From the environment: DATABRICKS_HOST, with the token read from DATABRICKS_TOKEN on every request.')
        : vscode.l10n.t('Personal access token kept in VS Code secret storage.')) + profile;
  }
}

/** A workspace: the root of its scopes. contextValue `workspace:env` or `workspace:stored`. */
export class WorkspaceNode {
  readonly kind = 'workspace';
  readonly parent = undefined;
  readonly id: string;

  constructor(readonly workspace: Workspace) {
    this.id = `ws/${workspace.id}`;
  }

  toTreeItem(): vscode.TreeItem {
    const ws = this.workspace;
    const item = new vscode.TreeItem(ws.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const fromEnv = ws.source === 'env';
    item.contextValue = fromEnv ? 'workspace:env' : 'workspace:stored';
    item.iconPath = new vscode.ThemeIcon(fromEnv ? 'server-environment' : 'cloud');
    item.description = fromEnv
      ? vscode.l10n.t('from environment')
      : ws.name === defaultWorkspaceName(ws.host)
        ? undefined
        : defaultWorkspaceName(ws.host);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(ws.name).appendMarkdown('**\n\n');
    tooltip.appendText(ws.host).appendMarkdown('\n\n');
    tooltip.appendText(credentialsText(ws));
    item.tooltip = tooltip;
    return item;
  }
}
