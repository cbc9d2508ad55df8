/** Public types of the Secrets API client (shapes follow Databricks Secrets API 2.0). */

/**
 * Supplies a bearer token. Called before every HTTP attempt, so a provider may refresh short-lived tokens
 * (OAuth) while a PAT provider simply returns the same string. It should honour `signal` if it does I/O.
 */
export type TokenProvider = (signal?: AbortSignal) => Promise<string>;

/** Receives one line per HTTP attempt: method, path (with query of names only), status, duration. */
export interface ApiLogger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** Retry tuning; every field has a default (see {@link DEFAULT_RETRY_POLICY}). */
export interface RetryPolicy {
  /** First backoff step in ms; doubles each retry. */
  baseDelayMs: number;
  /** Largest backoff step in ms (before jitter). */
  maxDelayMs: number;
  /** Longest `Retry-After` wait honoured in ms; longer requests are cut to this. */
  maxRetryAfterMs: number;
}

/** Options for {@link SecretsClient}. */
export interface SecretsClientOptions {
  /** Workspace URL: https://..., or http:// only for loopback (127.0.0.0/8, ::1, localhost). */
  host: string;
  /** Bearer token source. */
  token: TokenProvider;
  /**
   * Told when the workspace answers 401 to a token. Returning true sends the request once more with a token
   * fetched again (OAuth tokens that expired or were revoked early); at most once per call.
   */
  onTokenRejected?: (token: string) => boolean;
  /** Product part of the User-Agent; default `databricks-secrets/<version>`. Runtime info is appended. */
  userAgent?: string;
  /** Per-request timeout in ms (each attempt), default 30000. */
  timeoutMs?: number;
  /** Overall deadline in ms for one call including retries and waits, default 60000. */
  deadlineMs?: number;
  /** Most retries after the first attempt, default 5. */
  maxRetries?: number;
  /** Gets method, path, status and duration only; never tokens, bodies or values. */
  logger?: ApiLogger;
  /** Backoff tuning (tests use small delays). */
  retryPolicy?: Partial<RetryPolicy>;
  /** Most open connections to the host (keep-alive pool size), default 32. */
  connections?: number;
}

/** Per-call options. */
export interface CallOptions {
  /** Aborting stops the call at once (in flight or waiting to retry) with an ApiError of kind `cancelled`. */
  signal?: AbortSignal;
  /** Overrides the client's overall deadline for this call. */
  deadlineMs?: number;
}

export type ScopeBackend = 'DATABRICKS' | 'AZURE_KEYVAULT';

/** Azure Key Vault that backs a scope. */
export interface KeyVaultMetadata {
  resource_id: string;
  dns_name: string;
}

/** A secret scope as listed by `scopes/list`. */
export interface Scope {
  name: string;
  backend_type: ScopeBackend | string;
  keyvault_metadata?: KeyVaultMetadata;
}

/** A secret key as listed by `list` (values are never listed). */
export interface SecretMetadata {
  key: string;
  /** Milliseconds since the epoch. */
  last_updated_timestamp: number;
}

export type Permission = 'READ' | 'WRITE' | 'MANAGE';

/** One ACL entry of a scope. */
export interface AclItem {
  principal: string;
  permission: Permission;
}

/** Options of {@link SecretsClient.createScope}. */
export interface CreateScopeOptions extends CallOptions {
  /** Only `users` is accepted by Databricks: gives every user MANAGE instead of just the creator. */
  initialManagePrincipal?: string;
  /** Creates an Azure Key Vault-backed scope (read-only through this API). */
  keyVault?: KeyVaultMetadata;
}
