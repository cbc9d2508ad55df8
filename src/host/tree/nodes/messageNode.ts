import * as vscode from 'vscode';
import type { ScopeNode } from './scopeNode';
import type { WorkspaceNode } from './workspaceNode';

/** `error`: a listing failed; `empty`: a listing succeeded with nothing in it. */
export type MessageSeverity = 'error' | 'empty';

/**
 * A line of text in place of children: an empty state or a failed listing, in words a person can act on.
 * contextValue `message:error` or `message:empty`; clicking an error runs its suggested action.
 */
export class MessageNode {
  readonly kind = 'message';
  readonly id: string;

  constructor(
    readonly parent: WorkspaceNode | ScopeNode,
    readonly severity: MessageSeverity,
    readonly label: string,
    readonly detail?: string,
    readonly command?: vscode.Command,
  ) {
    this.id = `${parent.id}/message/${severity}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = `message:${this.severity}`;
    item.iconPath =
      this.severity === 'error'
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
        : new vscode.ThemeIcon('info');
    if (this.detail) item.tooltip = this.detail;
    if (this.command) item.command = this.command;
    return item;
  }
}
