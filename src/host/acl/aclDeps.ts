import type * as vscode from 'vscode';
import type { ClientSource } from '../clients/clientPool';
import type { ExplorerModel } from '../tree/explorerModel';
import type { Workspace } from '../workspaces/workspace';

/**
 * What the ACL panels (a bundle of their own, loaded on first use) get from the extension. Error wording comes
 * in as functions because it needs the already-loaded API module's error classes, which the panel bundle
 * must not load a second copy of.
 */
export interface AclPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly clients: ClientSource;
  readonly model: Pick<ExplorerModel, 'scopes' | 'onDidChange'>;
  /** The configured workspace with this id (undefined once removed). */
  workspace(id: string): Workspace | undefined;
  /** A sentence or two a person can act on; never a token or secret value. */
  describe(error: unknown, workspace: Workspace): string;
  /** Detail for the log. */
  logDetail(error: unknown): string;
  /** True when the API refused for lack of permission (listing ACLs needs MANAGE). */
  isPermissionError(error: unknown): boolean;
}

/** What the panel bundle exports (src/host/acl/aclPanels.ts). */
export interface AclPanelsModule {
  createAclPanels(deps: AclPanelDeps): AclPanelManager;
}

/** One panel per (workspace, scope); opening it again reveals it. */
export interface AclPanelManager extends vscode.Disposable {
  /** Opens the scope's panel, or reveals it when it is open. */
  open(workspace: Workspace, scope: string): AclPanelHandle;
  /** Takes over a panel VS Code restored after a window reload. */
  revive(panel: vscode.WebviewPanel, workspaceId: string, scope: string): void;
  /** The open panel of a scope, if any (tests drive it through its message protocol). */
  find(workspaceId: string, scope: string): AclPanelHandle | undefined;
}

/** An open panel, as tests see it: the real message handler and every message it posts. */
export interface AclPanelHandle {
  readonly panel: vscode.WebviewPanel;
  /** Handles one message as if the webview had sent it (validated like any other). */
  handleMessage(raw: unknown): Promise<void>;
  /** Fires with each message posted to the webview. */
  readonly onDidPost: vscode.Event<unknown>;
}
