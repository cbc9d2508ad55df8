import * as vscode from 'vscode';
import { describeError, errorLogDetail, actionLabel } from '../errors/describeError';
import { runErrorAction } from '../errors/errorActions';
import { WorkspaceOperationError } from '../errors/hostErrors';
import type { Workspace } from '../workspaces/workspace';
import type { OperationError } from './operationError';

/** A command body; its arguments are whatever VS Code passes (tree nodes, ids from links, nothing from the palette). */
export type CommandHandler = (...args: unknown[]) => unknown;

/**
 * Registers a command whose every run goes through {@link runCommand}: errors are logged in detail and shown as a
 * message a person can act on, with buttons such as "Set Token" and "Show Log".
 */
export function registerCommand(log: vscode.LogOutputChannel, id: string, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(log, id, () => handler(...args)));
}

/** Runs a command body; on failure logs the detail and shows an actionable message (not awaited). Never rethrows. */
export async function runCommand<T>(log: vscode.LogOutputChannel, id: string, task: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await task();
  } catch (error) {
    reportError(log, id, error);
    return undefined;
  }
}

/** Logs an error and shows it to the person; the notification's buttons run the suggested actions. */
export function reportError(log: vscode.LogOutputChannel, id: string, error: unknown): void {
  const explained = isOperationError(error);
  const workspace: Workspace | undefined = error instanceof WorkspaceOperationError || explained ? error.workspace : undefined;
  const cause = error instanceof WorkspaceOperationError || explained ? error.cause : error;
  const view = explained ? error.view : describeError(cause, workspace);
  if (view.cancelled) {
    log.info(`${id}: cancelled`);
    return;
  }
  log.error(`${id} failed${workspace ? ` (${workspace.host})` : ''}: ${errorLogDetail(cause)}`);
  const text = view.headline === view.detail ? view.detail : `${view.headline}. ${view.detail}`;
  const buttons: Array<{ title: string; run: () => unknown }> = view.actions.map((action) => ({
    title: actionLabel(action),
    run: () => runErrorAction(action, workspace),
  }));
  const retry = explained ? error.retry : undefined;
  if (retry) buttons.unshift({ title: vscode.l10n.t('Retry'), run: () => vscode.commands.executeCommand(retry.command, ...retry.args) });
  void vscode.window.showErrorMessage(text, ...buttons).then(
    (choice: { title: string; run: () => unknown } | undefined) => choice?.run(),
    (showError: unknown) => log.warn(`could not show error message: ${String(showError)}`),
  );
}

/**
 * True for an OperationError (thrown by the lazily loaded commands bundle, so recognised by its shape rather than
 * by class: that module is not part of the activation bundle).
 */
function isOperationError(error: unknown): error is OperationError {
  return error instanceof Error && error.name === 'OperationError' && 'view' in error && 'workspace' in error;
}
