/**
 * Errors raised by the VS Code layer itself (the client raises ApiError / ValidationError).
 * Their messages never contain a token.
 */

/** No token is available for a workspace (none stored, or DATABRICKS_TOKEN unset). */
export class MissingTokenError extends Error {
  override readonly name = 'MissingTokenError';
  constructor(
    readonly workspaceId: string,
    readonly fromEnvironment: boolean,
  ) {
    super(fromEnvironment ? 'DATABRICKS_TOKEN is not set' : `no token stored for workspace ${workspaceId}`);
  }
}

/** A workspace whose configuration cannot be used (e.g. an invalid host in settings or DATABRICKS_HOST). */
export class WorkspaceConfigError extends Error {
  override readonly name = 'WorkspaceConfigError';
}

/** The explorer's own guard fired: a listing did not finish within its deadline. */
export class ListingTimeoutError extends Error {
  override readonly name = 'ListingTimeoutError';
  constructor(readonly deadlineMs: number) {
    super(`listing did not finish within ${Math.round(deadlineMs / 1000)} s`);
  }
}

/** Wraps an error with the workspace it happened in, so the message can name the host and offer the right fix. */
export class WorkspaceOperationError extends Error {
  override readonly name = 'WorkspaceOperationError';
  constructor(
    readonly workspace: { readonly id: string; readonly host: string; readonly name: string; readonly source: 'env' | 'settings' },
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
