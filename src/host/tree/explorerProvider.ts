import * as vscode from 'vscode';
import { describeError } from '../errors/describeError';
import { errorActionCommand } from '../errors/errorActions';
import type { Listing, ExplorerModel } from './explorerModel';
import { MessageNode } from './nodes/messageNode';
import { ScopeNode } from './nodes/scopeNode';
import { SecretNode } from './nodes/secretNode';
import type { ExplorerNode } from './nodes/types';
import { WorkspaceNode } from './nodes/workspaceNode';

let collator: Intl.Collator | undefined;
/** Case-insensitive, numeric-aware order; the collator is made on first use (creating one can cost tens of ms). */
const byName = {
  compare: (a: string, b: string): number => (collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })).compare(a, b),
};

/**
 * Turns the explorer model into tree nodes: workspaces → scopes → secrets. A failed listing becomes an error
 * message node under the node that failed; an empty one becomes an "empty" message node.
 */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(readonly model: ExplorerModel) {
    this.subscription = model.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.model.workspaces().map((workspace) => new WorkspaceNode(workspace));
    switch (node.kind) {
      case 'workspace':
        return this.children(node, await this.model.scopes(node.workspace), vscode.l10n.t('No secret scopes'), (scopes) =>
          [...scopes].sort((a, b) => byName.compare(a.name, b.name)).map((scope) => new ScopeNode(node, scope)),
        );
      case 'scope':
        return this.children(
          node,
          await this.model.secrets(node.workspace, node.scope.name),
          vscode.l10n.t('No secrets in this scope'),
          (secrets) => [...secrets].sort((a, b) => byName.compare(a.key, b.key)).map((secret) => new SecretNode(node, secret)),
        );
      default:
        return [];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private children<T>(
    parent: WorkspaceNode | ScopeNode,
    listing: Listing<T>,
    emptyText: string,
    toNodes: (items: readonly T[]) => ExplorerNode[],
  ): ExplorerNode[] {
    if (!listing.ok) {
      const view = describeError(listing.error, parent.workspace);
      // A cancelled listing left in the tree (nothing to fix but to load again) offers Refresh.
      const action = view.actions[0] ?? (view.cancelled ? 'refresh' : undefined);
      return [new MessageNode(parent, 'error', view.headline, view.detail, action && errorActionCommand(action, parent.workspace))];
    }
    if (listing.items.length === 0) return [new MessageNode(parent, 'empty', emptyText)];
    return toNodes(listing.items);
  }
}
