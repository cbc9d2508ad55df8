/** Shared types of workspace authentication. */

/** How the extension signs in to a workspace. */
export type AuthMethod = 'pat' | 'oauth-m2m' | 'databricks-cli';

/** Every {@link AuthMethod}, in the order they are offered. */
export const AUTH_METHODS: readonly AuthMethod[] = ['pat', 'oauth-m2m', 'databricks-cli'];

/** True for a supported {@link AuthMethod}. */
export function isAuthMethod(value: unknown): value is AuthMethod {
  return typeof value === 'string' && (AUTH_METHODS as readonly string[]).includes(value);
}

/**
 * A token source with a 401 hook: `token` is what {@link SecretsClient} calls before every attempt, and
 * `tokenRejected` is told when the workspace answered 401 to a token, so the next `token()` fetches a new one.
 */
export interface RefreshingTokenSource {
  token(signal?: AbortSignal): Promise<string>;
  /** Drops `token` from the cache if it is still cached. Returns true when a retry may get a different token. */
  tokenRejected(token: string): boolean;
}
