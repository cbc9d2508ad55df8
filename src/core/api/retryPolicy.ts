/**
 * When and how long to wait before retrying: 429, 502, 503, 504 and connection resets are retried with capped
 * exponential backoff and jitter; a `Retry-After` header (seconds or HTTP date) replaces the backoff, cut to
 * a cap. Whether the wait fits in the call's deadline is decided by the transport.
 */
import type { RetryPolicy } from './types';

/** Defaults: 250 ms, 500 ms, 1 s, 2 s, 4 s, 8 s, 8 s, ... (each −0..50 % jitter); Retry-After up to 30 s. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

/** HTTP statuses that are retried. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Statuses after which the request may already have taken effect (a gateway may have forwarded it).
 * A 429 or 503 from the workspace means the request was turned away.
 */
export const MAYBE_APPLIED_STATUSES: ReadonlySet<number> = new Set([502, 504]);

/** Error codes of a connection that broke while the request was under way; retried. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

/**
 * Parses `Retry-After`: delta-seconds (`"1"`) or an HTTP date. Returns ms to wait (≥ 0), or undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // not a number and not a date
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Backoff before retry number `retry` (0 = first retry): capped exponential with "equal jitter". */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * The wait before retry number `retry`: the server's Retry-After (cut to the cap, plus up to 100 ms of jitter so
 * many clients do not return together), else the backoff.
 */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) {
    return Math.min(retryAfterMs, policy.maxRetryAfterMs) + Math.round(random() * 100);
  }
  return backoffDelay(retry, policy, random);
}

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return codeOf((err as { cause?: unknown }).cause);
}

/** The system or undici error code of a failed request (looks through `cause`). */
export function networkErrorCode(err: unknown): string {
  return codeOf(err) ?? 'UNKNOWN';
}

/** True for a connection closed or reset while the request was under way. */
export function isConnectionReset(err: unknown): boolean {
  const own = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const inner = codeOf(err);
  return (typeof own === 'string' && RESET_CODES.has(own)) || (inner !== undefined && RESET_CODES.has(inner));
}
