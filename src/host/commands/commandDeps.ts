import type * as vscode from 'vscode';
import type { ExplorerModel } from '../tree/explorerModel';
import type { WorkspaceStore } from '../workspaces/workspaceStore';

/** What command handlers may use; built once in activate(). */
export interface CommandDeps {
  readonly log: vscode.LogOutputChannel;
  readonly store: WorkspaceStore;
  readonly model: ExplorerModel;
}
