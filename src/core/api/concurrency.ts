/** Bounded-concurrency fan-out (e.g. listing the keys of many scopes at once). */
import { ApiError } from './errors';

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; resolves with the results in input order.
 * On the first failure no new calls start and the promise rejects with that error (calls already running
 * are left to settle). Aborting `signal` rejects at once with an ApiError of kind `cancelled`; pass the same
 * signal to `fn`'s calls to stop those too.
 */
export function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    return Promise.reject(new RangeError(`mapConcurrent: limit must be a whole number of at least 1, got ${limit}`));
  }
  const cancelled = (): ApiError => new ApiError('cancelled', 'CANCELLED', 'Cancelled before all items were done.');
  if (signal?.aborted) return Promise.reject(cancelled());
  const results = new Array<R>(items.length);
  if (items.length === 0) return Promise.resolve(results);

  return new Promise<R[]>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const onAbort = (): void => fail(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });

    function fail(err: unknown): void {
      if (failed) return;
      failed = true;
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    }

    function start(): void {
      if (failed || next >= items.length) return;
      const index = next++;
      let pending: Promise<R>;
      try {
        pending = fn(items[index] as T, index);
      } catch (err) {
        fail(err);
        return;
      }
      pending.then(
        (value) => {
          results[index] = value;
          done++;
          if (done === items.length) {
            if (!failed) {
              signal?.removeEventListener('abort', onAbort);
              resolve(results);
            }
          } else {
            start();
          }
        },
        fail,
      );
    }

    for (let i = 0; i < Math.min(limit, items.length); i++) start();
  });
}
