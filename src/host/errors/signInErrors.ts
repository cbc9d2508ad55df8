import * as vscode from 'vscode';
import type { ErrorView } from './describeError';

/**
 * Words for the sign-in failures of OAuth M2M and Databricks CLI workspaces (ApiError codes `OAUTH_*` and
 * `CLI_*` from the auth module). The client's own message (which never holds a secret) is the detail: it names
 * the command to run or the setting to change. Undefined for any other error.
 */
export function signInErrorView(errorCode: string, message: string): ErrorView | undefined {
  const headline = ((): string | undefined => {
    switch (errorCode) {
      case 'CLI_NOT_SIGNED_IN':
        return vscode.l10n.t('CLI not signed in: run databricks auth login');
      case 'CLI_NOT_FOUND':
        return vscode.l10n.t('Databricks CLI not found');
      case 'CLI_NOT_EXECUTABLE':
        return vscode.l10n.t('Databricks CLI cannot be run');
      case 'CLI_TOO_OLD':
        return vscode.l10n.t('Databricks CLI too old: update it');
      case 'CLI_TIMEOUT':
        return vscode.l10n.t('Databricks CLI did not answer');
      case 'CLI_BAD_OUTPUT':
      case 'CLI_FAILED':
        return vscode.l10n.t('Databricks CLI sign-in failed');
      case 'OAUTH_INVALID_CLIENT':
        return vscode.l10n.t('OAuth client refused: check its secret');
      default:
        return errorCode.startsWith('OAUTH_') ? vscode.l10n.t('OAuth sign-in failed') : undefined;
    }
  })();
  if (!headline) return undefined;
  const actions: ErrorView['actions'] = errorCode.startsWith('CLI_') && errorCode !== 'CLI_NOT_SIGNED_IN'
    ? ['openSettings', 'showLog']
    : ['refresh', 'showLog'];
  return { headline, detail: message, actions };
}
