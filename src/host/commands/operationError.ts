import * as vscode from 'vscode';
import { describeError, type ErrorView } from '../errors/describeError';
import { isApiError } from '../lazyApi';
import type { Workspace } from '../workspaces/workspace';

/** The permission an operation needs on its scope. */
export type Needed = 'READ' | 'WRITE' | 'MANAGE';

/** What an operation was doing, to put its failure into words. Names only: never a value. */
export interface OperationContext {
  readonly workspace: Workspace;
  readonly scope?: string;
  readonly key?: string;
  readonly need?: Needed;
  /** `put` and `createScope` get their own words for limits and refusals. */
  readonly operation?: 'put' | 'delete' | 'createScope' | 'createKeyVaultScope' | 'deleteScope' | 'get';
  /** A command (with arguments that hold no value) that tries again; offered as "Retry" for network trouble. */
  readonly retry?: { readonly command: string; readonly args: readonly unknown[] };
}

/** A failed operation, already put into words (thrown by commands, shown by `reportError`). */
export class OperationError extends Error {
  override readonly name = 'OperationError';
  constructor(
    readonly view: ErrorView,
    readonly workspace: Workspace,
    readonly retry: OperationContext['retry'],
    override readonly cause: unknown,
  ) {
    super(view.headline === view.detail ? view.detail : `${view.headline}. ${view.detail}`);
  }
}

/** Puts a failed operation into words: what went wrong with which scope or key, and the next step. */
export function explainOperation(error: unknown, ctx: OperationContext): ErrorView {
  const base = describeError(error, ctx.workspace);
  if (!isApiError(error)) return base;
  const said = error.message;
  const scope = ctx.scope ?? '';
  switch (error.kind) {
    case 'permission':
      return {
        headline: ctx.need && ctx.scope ? vscode.l10n.t('You need {0} on scope {1}', ctx.need, scope) : base.headline,
        detail: vscode.l10n.t('Ask a manager of the scope (MANAGE) or a workspace admin to grant it. ({0})', said),
        actions: ['showLog'],
      };
    case 'limit':
      if (ctx.operation === 'put' && ctx.scope) {
        return {
          headline: vscode.l10n.t('Scope {0} already holds 1000 secrets', scope),
          detail: vscode.l10n.t('A scope holds at most 1000 secrets. Delete secrets you no longer need, or put this one in another scope. ({0})', said),
          actions: ['refresh'],
        };
      }
      if (ctx.operation === 'createScope' || ctx.operation === 'createKeyVaultScope') {
        return {
          headline: vscode.l10n.t('The workspace has reached its scope limit'),
          detail: vscode.l10n.t('Delete scopes you no longer need, or reuse an existing scope. ({0})', said),
          actions: ['refresh'],
        };
      }
      return { headline: said, detail: said, actions: ['showLog'] };
    case 'already-exists':
      return {
        headline: vscode.l10n.t('Scope {0} already exists', scope),
        detail: vscode.l10n.t('Nothing was changed. Choose another name, or use the existing scope. ({0})', said),
        actions: ['refresh'],
      };
    case 'not-found':
      return {
        headline: ctx.key
          ? vscode.l10n.t('Secret {0} or scope {1} no longer exists', ctx.key, scope)
          : ctx.scope
            ? vscode.l10n.t('Scope {0} no longer exists', scope)
            : base.headline,
        detail: vscode.l10n.t('It may have been deleted elsewhere: refresh the explorer. ({0})', said),
        actions: ['refresh'],
      };
    case 'invalid':
      if (ctx.operation === 'createKeyVaultScope') {
        return {
          headline: vscode.l10n.t('The workspace refused to create a Key Vault-backed scope'),
          detail: vscode.l10n.t('Azure Databricks creates Azure Key Vault-backed scopes only for a Microsoft Entra ID token, not a personal access token; create it with an Entra ID token (Azure CLI or the workspace UI), or check the vault\'s resource id and DNS name. ({0})', said),
          actions: ['showLog'],
        };
      }
      if (ctx.operation === 'get') {
        return {
          headline: vscode.l10n.t('This workspace does not let the API read secret values'),
          detail: vscode.l10n.t('Most workspaces only let notebooks read values (dbutils.secrets.get). Read it from a notebook, or copy its reference instead. ({0})', said),
          actions: [],
        };
      }
      return { headline: said, detail: said, actions: ['showLog'] };
    default:
      return base;
  }
}

/** Wraps a failure as an {@link OperationError} (cancellations pass through untouched, so nothing is shown). */
export function operationFailure(error: unknown, ctx: OperationContext): unknown {
  const view = explainOperation(error, ctx);
  if (view.cancelled) return error;
  const retryable = isApiError(error) && ['network', 'timeout', 'unavailable', 'rate-limited'].includes(error.kind);
  return new OperationError(view, ctx.workspace, retryable ? ctx.retry : undefined, error);
}

/** Runs one API operation, turning a failure into an {@link OperationError}. */
export async function explained<T>(ctx: OperationContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw operationFailure(error, ctx);
  }
}
