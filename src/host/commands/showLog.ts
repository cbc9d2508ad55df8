import type * as vscode from 'vscode';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { registerCommand } from './runCommand';

/** Registers "Databricks Secrets: Show Log". */
export function registerShowLog({ log }: CommandDeps): vscode.Disposable {
  return registerCommand(log, CommandIds.showLog, () => log.show(true));
}
