import * as vscode from 'vscode';
import { describeError } from '../errors/describeError';
import { errorActionCommand } from '../errors/errorActions';
import type { Listing, ExplorerModel, ModelChange } from './explorerModel';
import { MessageNode } from './nodes/messageNode';
import { ScopeNode } from './nodes/scopeNode';
import { SecretNode } from './nodes/secretNode';
import type { ExplorerNode } from './nodes/types';
import { WorkspaceNode } from './nodes/workspaceNode';
import type { Workspace } from '../workspaces/workspace';

/** Id of the tree node of a workspace (see WorkspaceNode). */
export function workspaceNodeId(workspaceId: string): string {
  return `ws/${workspaceId}`;
}

/** Id of the tree node of a scope (see ScopeNode). */
export function scopeNodeId(workspaceNodeIdText: string, scope: string): string {
  return `${workspaceNodeIdText}/scope/${scope}`;
}

function sameWorkspace(a: Workspace, b: Workspace): boolean {
  return a.id === b.id && a.host === b.host && a.name === b.name && a.source === b.source && a.problem === b.problem;
}

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
  /** The workspace nodes last handed out, by id. */
  private roots = new Map<string, WorkspaceNode>();
  /** The scope and secret nodes last handed out, by parent id then id. */
  private readonly children = new Map<string, Map<string, ExplorerNode>>();

  readonly onDidChangeTreeData = this.changed.event;

  constructor(readonly model: ExplorerModel) {
    this.subscription = model.onDidChange((change) => this.changed.fire(this.nodeFor(change)));
  }

  /**
   * The node a model change concerns, as last handed to VS Code (it identifies elements by object), or undefined
   * (the whole tree) when it is not shown yet.
   */
  private nodeFor(change: ModelChange): ExplorerNode | undefined {
    if (change.workspaceId === undefined) return undefined;
    const workspace = this.roots.get(workspaceNodeId(change.workspaceId));
    if (!workspace || change.scope === undefined) return workspace;
    return this.children.get(workspace.id)?.get(scopeNodeId(workspace.id, change.scope)) ?? workspace;
  }

  /** The workspace node shown for a workspace id, if any. */
  workspaceNode(workspaceId: string): WorkspaceNode | undefined {
    return this.roots.get(workspaceNodeId(workspaceId));
  }

  /**
   * Keeps the node instance VS Code already has when nothing shown about it changed, so that targeted refreshes
   * and reveal() find it; otherwise the fresh node replaces it.
   */
  private keep<N extends ExplorerNode>(previous: Map<string, ExplorerNode> | undefined, fresh: N, same: (old: N) => boolean): N {
    const old = previous?.get(fresh.id) as N | undefined;
    return old && old.kind === fresh.kind && same(old) ? old : fresh;
  }

  private remember<N extends ExplorerNode>(parentId: string, nodes: N[]): N[] {
    this.children.set(parentId, new Map(nodes.map((n) => [n.id, n])));
    return nodes;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      const previous = this.roots as Map<string, ExplorerNode>;
      const roots = this.model.workspaces().map((workspace) =>
        this.keep(previous, new WorkspaceNode(workspace), (old) => sameWorkspace(old.workspace, workspace)),
      );
      this.roots = new Map(roots.map((n) => [n.id, n]));
      return roots;
    }
    switch (node.kind) {
      case 'workspace': {
        const listing = await this.model.scopes(node.workspace);
        const previous = this.children.get(node.id);
        return this.listed(node, listing, vscode.l10n.t('No secret scopes'), (scopes) =>
          this.remember(
            node.id,
            [...scopes]
              .sort((a, b) => byName.compare(a.name, b.name))
              .map((scope) =>
                this.keep(previous, new ScopeNode(node, scope), (old) => old.parent === node && JSON.stringify(old.scope) === JSON.stringify(scope)),
              ),
          ),
        );
      }
      case 'scope': {
        const listing = await this.model.secrets(node.workspace, node.scope.name);
        const previous = this.children.get(node.id);
        return this.listed(node, listing, vscode.l10n.t('No secrets in this scope'), (secrets) =>
          this.remember(
            node.id,
            [...secrets]
              .sort((a, b) => byName.compare(a.key, b.key))
              .map((secret) =>
                this.keep(
                  previous,
                  new SecretNode(node, secret),
                  (old) => old.parent === node && old.secret.last_updated_timestamp === secret.last_updated_timestamp,
                ),
              ),
          ),
        );
      }
      default:
        return [];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private listed<T>(
    parent: WorkspaceNode | ScopeNode,
    listing: Listing<T>,
    emptyText: string,
    toNodes: (items: readonly T[]) => ExplorerNode[],
  ): ExplorerNode[] {
    if (!listing.ok || listing.items.length === 0) this.children.delete(parent.id);
    if (!listing.ok) {
      const view = describeError(listing.error, parent.workspace);
      const action = view.actions[0];
      return [new MessageNode(parent, 'error', view.headline, view.detail, action && errorActionCommand(action, parent.workspace))];
    }
    if (listing.items.length === 0) return [new MessageNode(parent, 'empty', emptyText)];
    return toNodes(listing.items);
  }
}
