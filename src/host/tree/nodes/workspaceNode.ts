import * as vscode from 'vscode';
import { defaultWorkspaceName } from '../../workspaces/hostUrl';
import type { Workspace } from '../../workspaces/workspace';

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
    tooltip.appendText(
      fromEnv
        ? vscode.l10n.t('From the environment: DATABRICKS_HOST, with the token read from DATABRICKS_TOKEN on every request.')
        : vscode.l10n.t('Token kept in VS Code secret storage.'),
    );
    item.tooltip = tooltip;
    return item;
  }
}
