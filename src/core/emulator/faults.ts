import { EmulatorFault } from './errors';

/**
 * Request-rate limit per token: at most `perSecond` admitted requests in each one-second window; the next one
 * answers 429 REQUEST_LIMIT_EXCEEDED with `Retry-After` (whole seconds until the window ends, at least 1).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Admits one request for `key` or throws the 429 fault. */
  admit(key: string): void {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= 1000) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 10_000) this.prune(now);
    }
    if (window.count >= this.perSecond) {
      const retryAfter = Math.max(1, Math.ceil((window.start + 1000 - now) / 1000));
      throw new EmulatorFault(
        429,
        'REQUEST_LIMIT_EXCEEDED',
        `Too many requests: the limit is ${this.perSecond} per second. Retry after ${retryAfter} s.`,
        { 'Retry-After': String(retryAfter) },
      );
    }
    window.count++;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= 1000) this.windows.delete(key);
  }
}

/** Answers a fraction `rate` of requests with 503 TEMPORARILY_UNAVAILABLE and `Retry-After: 1`. */
export function injectFailure(rate: number, random: () => number = Math.random): void {
  if (rate > 0 && random() < rate) {
    throw new EmulatorFault(503, 'TEMPORARILY_UNAVAILABLE', 'The service is temporarily unavailable (injected fault). Retry later.', {
      'Retry-After': '1',
    });
  }
}
