import * as vscode from 'vscode';
import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceStore } from '../workspaces/workspaceStore';
import type { Prompts } from './prompts';
import type { RecentPicks } from './recent';
import { commandTarget } from './target';

/** What the workspace picker needs. */
export interface WorkspacePickDeps {
  readonly store: Pick<WorkspaceStore, 'list' | 'get'>;
  readonly prompts: Prompts;
  /** When given, the last workspace used comes first and the chosen one is remembered. */
  readonly recent?: RecentPicks;
}

/** Options of {@link pickWorkspace}. */
export interface WorkspacePickOptions {
  readonly placeHolder?: string;
  /** Only these workspaces are offered. */
  readonly filter?: (workspace: Workspace) => boolean;
}

/**
 * The workspace a command works on. Taken from `arg` when it names one (a tree node, a workspace id, or
 * `{ workspaceId }`); otherwise the person picks one — the last used first. With one workspace there is no
 * question; with none, a message says how to add one. Undefined when the person cancels.
 */
export async function pickWorkspace(deps: WorkspacePickDeps, arg?: unknown, options: WorkspacePickOptions = {}): Promise<Workspace | undefined> {
  const target = commandTarget(arg);
  let chosen: Workspace | undefined;
  if (target.workspaceId !== undefined) {
    chosen = deps.store.get(target.workspaceId) ?? fromNode(arg);
    if (!chosen) {
      void vscode.window.showWarningMessage(vscode.l10n.t('That workspace is no longer configured: refresh the explorer.'));
      return undefined;
    }
  } else {
    const choices = deps.store.list().filter(options.filter ?? (() => true));
    if (choices.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No workspace to choose from: add one with "Databricks Secrets: Add Workspace".'));
      return undefined;
    }
    if (choices.length === 1) {
      chosen = choices[0];
    } else {
      const lastId = deps.recent?.workspaceId;
      const ordered = [...choices.filter((w) => w.id === lastId), ...choices.filter((w) => w.id !== lastId)];
      const picked = await deps.prompts.pick(
        ordered.map((workspace) => ({
          label: workspace.name,
          description: workspace.host,
          detail: workspace.id === lastId ? vscode.l10n.t('last used') : undefined,
          workspace,
        })),
        { title: options.placeHolder, placeHolder: options.placeHolder ?? vscode.l10n.t('Databricks workspace'), matchOnDescription: true },
      );
      chosen = picked?.workspace;
    }
  }
  if (chosen) await deps.recent?.useWorkspace(chosen.id);
  return chosen;
}

/** The workspace carried by a tree node that the store no longer knows (e.g. a removed one still shown). */
function fromNode(arg: unknown): Workspace | undefined {
  if (typeof arg === 'object' && arg !== null && 'workspace' in arg) return (arg as { workspace: Workspace }).workspace;
  return undefined;
}
