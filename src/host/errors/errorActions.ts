import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import { SETTINGS_SECTION } from '../settings';
import type { Workspace } from '../workspaces/workspace';
import { actionLabel, type ErrorAction } from './describeError';

/**
 * The command that carries out an error action. Arguments are workspace ids only (never tokens);
 * commands that take a workspace accept its id.
 */
export function errorActionCommand(action: ErrorAction, workspace?: Workspace): vscode.Command {
  const title = actionLabel(action);
  switch (action) {
    case 'setToken':
      return { title, command: CommandIds.setToken, arguments: workspace ? [workspace.id] : [] };
    case 'showLog':
      return { title, command: CommandIds.showLog };
    case 'openSettings':
      return { title, command: 'workbench.action.openSettings', arguments: [SETTINGS_SECTION] };
    case 'refresh':
      return { title, command: CommandIds.refresh, arguments: workspace ? [workspace.id] : [] };
  }
}

/** Runs an error action (a button pressed on an error notification). */
export async function runErrorAction(action: ErrorAction, workspace?: Workspace): Promise<void> {
  const command = errorActionCommand(action, workspace);
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}
