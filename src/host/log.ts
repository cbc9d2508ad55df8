import * as vscode from 'vscode';
import type { ApiLogger } from '../core/api';

/** Name of the one output channel every part of the extension writes to. */
export const LOG_CHANNEL_NAME = 'Databricks Secrets';

/** Creates the extension's log channel; its level follows "Developer: Set Log Level". */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
}

/** Adapts the log channel to the client's logger interface (the client logs method, path, status and duration only). */
export function toApiLogger(log: vscode.LogOutputChannel): ApiLogger {
  return {
    debug: (msg) => log.debug(msg),
    info: (msg) => log.info(msg),
    warn: (msg) => log.warn(msg),
    error: (msg) => log.error(msg),
  };
}
