import * as vscode from 'vscode';
import { isApiError, isValidationError } from '../lazyApi';
import type { Workspace } from '../workspaces/workspace';
import { ListingTimeoutError, MissingTokenError, WorkspaceConfigError } from './hostErrors';
import { signInErrorView } from './signInErrors';

/** Something a person can do about an error; shown as a button or run when an error node is clicked. */
export type ErrorAction = 'setToken' | 'showLog' | 'openSettings' | 'refresh';

/** An error put into words a person can act on. Never contains a token or a secret value. */
export interface ErrorView {
  /** Short line (tree label, start of a notification). */
  readonly headline: string;
  /** One or two sentences: what happened and what to do. */
  readonly detail: string;
  /** Suggested actions, most useful first. */
  readonly actions: readonly ErrorAction[];
  /** True for a cancellation, which deserves no error message. */
  readonly cancelled?: boolean;
}

/** Button text of each action. */
export function actionLabel(action: ErrorAction): string {
  switch (action) {
    case 'setToken':
      return vscode.l10n.t('Set Token');
    case 'showLog':
      return vscode.l10n.t('Show Log');
    case 'openSettings':
      return vscode.l10n.t('Open Settings');
    case 'refresh':
      return vscode.l10n.t('Refresh');
  }
}

/** Puts any error into words; `workspace` (when known) names the host and picks the right token advice. */
export function describeError(thrown: unknown, workspace?: Workspace): ErrorView {
  // The client wraps token-provider failures in an ApiError (kind `auth`); ours say more precisely what is missing.
  const error = isApiError(thrown) && thrown.cause instanceof MissingTokenError ? thrown.cause : thrown;
  const host = workspace?.host ?? vscode.l10n.t('the workspace');
  const fromEnv = workspace?.source === 'env';
  const tokenAction: ErrorAction[] = fromEnv ? ['showLog'] : ['setToken', 'showLog'];

  if (error instanceof MissingTokenError) {
    return error.fromEnvironment
      ? {
          headline: vscode.l10n.t('DATABRICKS_TOKEN is not set'),
          detail: vscode.l10n.t('DATABRICKS_HOST is set but DATABRICKS_TOKEN is not. Set both in the environment VS Code starts from, then restart VS Code.'),
          actions: ['showLog'],
        }
      : {
          headline: vscode.l10n.t('No token stored: set one'),
          detail: vscode.l10n.t('No personal access token is stored for {0}. Use "Set Token" to add one.', host),
          actions: ['setToken'],
        };
  }
  if (error instanceof WorkspaceConfigError) {
    return { headline: vscode.l10n.t('Invalid workspace host'), detail: error.message, actions: fromEnv ? ['showLog'] : ['openSettings'] };
  }
  if (error instanceof ListingTimeoutError) {
    return timeoutView(host, Math.round(error.deadlineMs / 1000));
  }
  if (isValidationError(error)) {
    if (error.field === 'token') {
      // The stored token (or DATABRICKS_TOKEN) cannot be sent as it is, e.g. it holds an invisible character.
      return {
        headline: fromEnv ? vscode.l10n.t('Token unusable: check DATABRICKS_TOKEN') : vscode.l10n.t('Token unusable: set a new token'),
        detail: fromEnv
          ? vscode.l10n.t('{0} Fix DATABRICKS_TOKEN in the environment VS Code starts from, then restart VS Code.', error.message)
          : vscode.l10n.t('{0} Use "Set Token" to enter the token again.', error.message),
        actions: tokenAction,
      };
    }
    return { headline: error.message, detail: error.message, actions: [] };
  }
  if (isApiError(error)) {
    const signIn = signInErrorView(error.errorCode, error.message);
    if (signIn) return signIn;
    const said = error.message;
    switch (error.kind) {
      case 'auth':
        return {
          headline: fromEnv ? vscode.l10n.t('Token rejected: check DATABRICKS_TOKEN') : vscode.l10n.t('Token rejected: set a new token'),
          detail: fromEnv
            ? vscode.l10n.t('{0} rejected the token from DATABRICKS_TOKEN (expired, revoked, or for another workspace). Set a valid token in the environment VS Code starts from, then restart VS Code. ({1})', host, said)
            : vscode.l10n.t('{0} rejected the stored token (expired, revoked, or for another workspace). Use "Set Token" to enter a new personal access token. ({1})', host, said),
          actions: tokenAction,
        };
      case 'permission':
        return {
          headline: vscode.l10n.t('No permission: ask for access'),
          detail: vscode.l10n.t('Your token has no permission for this on {0}. Ask a workspace admin or the scope\'s manager for access. ({1})', host, said),
          actions: ['showLog'],
        };
      case 'network':
        return {
          headline: vscode.l10n.t('Host unreachable: check the URL and network'),
          detail: vscode.l10n.t('Cannot reach {0}. Check the workspace URL, your network, VPN or proxy, then refresh. ({1})', host, said),
          actions: ['refresh', 'showLog'],
        };
      case 'timeout':
        return timeoutView(host, undefined, said);
      case 'not-databricks':
        return {
          headline: vscode.l10n.t('Not a Databricks workspace: check the URL'),
          detail: vscode.l10n.t('The answer from {0} did not come from a Databricks workspace (a login page, proxy or other server answered). Check the workspace URL. ({1})', host, said),
          actions: fromEnv ? ['showLog'] : ['openSettings', 'showLog'],
        };
      case 'unavailable':
        return {
          headline: vscode.l10n.t('Service unavailable after retries: try again later'),
          detail: vscode.l10n.t('{0} stayed unavailable after several retries. Try again in a few minutes. ({1})', host, said),
          actions: ['refresh', 'showLog'],
        };
      case 'rate-limited':
        return {
          headline: vscode.l10n.t('Too many requests: try again later'),
          detail: vscode.l10n.t('{0} kept limiting requests after several retries. Wait a minute, then refresh. ({1})', host, said),
          actions: ['refresh'],
        };
      case 'not-found':
        return { headline: vscode.l10n.t('No longer exists'), detail: vscode.l10n.t('{0} It may have been deleted elsewhere: refresh the explorer.', said), actions: ['refresh'] };
      case 'cancelled':
        if (error.errorCode === 'CLIENT_CLOSED') {
          // Not the person's doing: the connection settings changed (clients are rebuilt) or the extension stopped.
          return {
            headline: vscode.l10n.t('Interrupted: refresh to load again'),
            detail: vscode.l10n.t('The connection to {0} was closed while this was under way (the connection settings changed). Refresh to load it again.', host),
            actions: ['refresh'],
            cancelled: true,
          };
        }
        return { headline: vscode.l10n.t('Cancelled'), detail: vscode.l10n.t('The request was cancelled.'), actions: [], cancelled: true };
      default:
        return { headline: said, detail: said, actions: ['showLog'] };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    headline: vscode.l10n.t('Unexpected error'),
    detail: vscode.l10n.t('{0} See the log for details.', message),
    actions: ['showLog'],
  };
}

function timeoutView(host: string, seconds?: number, said?: string): ErrorView {
  const base =
    seconds === undefined
      ? vscode.l10n.t('No answer from {0} in time. Check the workspace URL and your network, then refresh; a slow workspace may need a larger databricksSecrets.requestTimeoutSeconds.', host)
      : vscode.l10n.t('No answer from {0} within {1} seconds. Check the workspace URL and your network, then refresh.', host, seconds);
  return {
    headline: vscode.l10n.t('Host not answering: try again'),
    detail: said ? `${base} (${said})` : base,
    actions: ['refresh', 'openSettings', 'showLog'],
  };
}

/** One log line with the technical detail of an error (kind, code, status), never a token. */
export function errorLogDetail(error: unknown): string {
  if (isApiError(error)) {
    return `ApiError kind=${error.kind} code=${error.errorCode} status=${error.status ?? '-'}: ${error.message}`;
  }
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ''}`;
  return String(error);
}
