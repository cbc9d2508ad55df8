import type * as vscode from 'vscode';
import type { TreeReveal } from '../commands/commandDeps';
import type { ExplorerTreeProvider } from './explorerProvider';
import type { ExplorerNode } from './nodes/types';

/** Selects a scope or key in the explorer view, loading the listings on the way (from the model's cache). */
export class ExplorerReveal implements TreeReveal {
  constructor(
    private readonly provider: ExplorerTreeProvider,
    private readonly view: vscode.TreeView<ExplorerNode>,
  ) {}

  async reveal(workspaceId: string, scope: string, key?: string): Promise<void> {
    const workspace = this.provider.workspaceNode(workspaceId);
    if (!workspace) return;
    const scopeNode = (await this.provider.getChildren(workspace)).find((n) => n.kind === 'scope' && n.scope.name === scope);
    if (!scopeNode) return;
    let target: ExplorerNode = scopeNode;
    if (key !== undefined) {
      const keyNode = (await this.provider.getChildren(scopeNode)).find((n) => n.kind === 'secret' && n.secret.key === key);
      if (keyNode) target = keyNode;
    }
    try {
      await this.view.reveal(target, { select: true, focus: false, expand: false });
    } catch {
      // The view may be hidden or the node gone again: selecting is a courtesy, not part of the command.
    }
  }
}
