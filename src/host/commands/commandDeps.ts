import type * as vscode from 'vscode';
import type { ClientSource } from '../clients/clientPool';
import type { Prompts } from '../pick/prompts';
import type { RecentPicks } from '../pick/recent';
import type { ExplorerModel } from '../tree/explorerModel';
import type { WorkspaceStore } from '../workspaces/workspaceStore';

/** Shows a node of the explorer selected (after it was created). */
export interface TreeReveal {
  /** Reveals and selects the scope (or the key in it) once the explorer lists it; does nothing when it cannot. */
  reveal(workspaceId: string, scope: string, key?: string): Promise<void>;
}

/** What command handlers may use; built once in activate(). */
export interface CommandDeps {
  readonly log: vscode.LogOutputChannel;
  readonly store: WorkspaceStore;
  readonly model: ExplorerModel;
  /** Runs API calls against a workspace (the explorer's client pool). */
  readonly clients: ClientSource;
  /** Every question and progress notification goes through here (tests answer them). */
  readonly prompts: Prompts;
  /** Last workspace and reference format used. */
  readonly recent: RecentPicks;
  /** Selects new nodes in the explorer. */
  readonly tree?: TreeReveal;
}
