/**
 * Entry of the ACL panel bundle (`dist/aclPanels.js`), loaded by src/host/acl/managePermissions.ts the first time
 * a panel opens, so the extension's activation bundle stays small.
 */
import * as vscode from 'vscode';
import type { Workspace } from '../workspaces/workspace';
import type { AclPanelDeps, AclPanelManager } from './aclDeps';
import { ACL_PANEL_VIEW_TYPE } from './aclIds';
import { AclPanel } from './aclPanel';

/** Creates the manager that keeps one panel per (workspace, scope). */
export function createAclPanels(deps: AclPanelDeps): AclPanelManager {
  return new AclPanels(deps);
}

class AclPanels implements AclPanelManager {
  private readonly panels = new Map<string, AclPanel>();

  constructor(private readonly deps: AclPanelDeps) {}

  open(workspace: Workspace, scope: string): AclPanel {
    const existing = this.panels.get(key(workspace.id, scope));
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ACL_PANEL_VIEW_TYPE, title(scope), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    return this.adopt(panel, workspace.id, scope);
  }

  revive(panel: vscode.WebviewPanel, workspaceId: string, scope: string): void {
    const existing = this.panels.get(key(workspaceId, scope));
    if (existing) {
      panel.dispose(); // a second restored panel for the same scope
      existing.panel.reveal();
      return;
    }
    panel.title = title(scope);
    this.adopt(panel, workspaceId, scope);
  }

  find(workspaceId: string, scope: string): AclPanel | undefined {
    return this.panels.get(key(workspaceId, scope));
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    this.panels.clear();
  }

  private adopt(panel: vscode.WebviewPanel, workspaceId: string, scope: string): AclPanel {
    const aclPanel = new AclPanel(panel, workspaceId, scope, this.deps);
    const id = key(workspaceId, scope);
    this.panels.set(id, aclPanel);
    panel.onDidDispose(() => {
      aclPanel.dispose();
      if (this.panels.get(id) === aclPanel) this.panels.delete(id);
    });
    return aclPanel;
  }
}

function key(workspaceId: string, scope: string): string {
  return `${workspaceId}\u0000${scope}`;
}

function title(scope: string): string {
  return vscode.l10n.t('Permissions: {0}', scope);
}
