/**
 * An access token kept in memory until shortly before it expires, fetched by one request at a time: callers
 * that arrive while a fetch is running wait for it instead of starting their own (single-flight).
 */
import type { RefreshingTokenSource } from './types';

/** A fetched token and the epoch ms at which it expires (undefined: unknown, kept {@link UNKNOWN_EXPIRY_MS}). */
export interface FetchedToken {
  token: string;
  expiresAt: number | undefined;
}

/** Longest a token is refreshed ahead of its expiry. */
export const MAX_REFRESH_MARGIN_MS = 60_000;
/** How long a token whose expiry is unknown is used. */
export const UNKNOWN_EXPIRY_MS = 5 * 60_000;

/** When to fetch again: a tenth of the lifetime before expiry, at most {@link MAX_REFRESH_MARGIN_MS}. */
export function refreshAt(fetchedAt: number, expiresAt: number | undefined): number {
  if (expiresAt === undefined) return fetchedAt + UNKNOWN_EXPIRY_MS;
  const margin = Math.min(MAX_REFRESH_MARGIN_MS, Math.max(0, (expiresAt - fetchedAt) / 10));
  return expiresAt - margin;
}

/** Caches what `fetch` returns; see the module comment. */
export class TokenCache implements RefreshingTokenSource {
  private current: { token: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly fetch: () => Promise<FetchedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The cached token, or a fresh one. The fetch is shared and not tied to one caller's signal (the client
   * stops waiting for it when its own call is cancelled), so one cancelled call does not fail the others.
   */
  token(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return Promise.resolve(this.current.token);
    if (!this.pending) {
      const started = this.now();
      const pending = this.fetch().then(
        ({ token, expiresAt }) => {
          this.current = { token, refreshAt: refreshAt(started, expiresAt) };
          return token;
        },
      );
      this.pending = pending;
      const clear = (): void => {
        if (this.pending === pending) this.pending = undefined;
      };
      pending.then(clear, clear);
    }
    return this.pending;
  }

  tokenRejected(token: string): boolean {
    if (this.current?.token === token) this.current = undefined;
    return true;
  }

  /** Forgets the cached token (sign-out, changed credentials). */
  clear(): void {
    this.current = undefined;
  }
}
