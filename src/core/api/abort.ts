/** Waiting and racing against an AbortSignal, rejecting at once when it aborts. */

/** Waits `ms`, or rejects at once with `onAbort()` when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(onAbort());
      return;
    }
    const listener = (): void => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', listener);
      resolve();
    }, ms);
    signal?.addEventListener('abort', listener, { once: true });
  });
}

/** Settles like `promise`, or rejects at once with `onAbort()` when `signal` aborts first. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const listener = (): void => reject(onAbort());
    signal.addEventListener('abort', listener, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', listener);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', listener);
        reject(e);
      },
    );
  });
}

/** A signal that aborts when any of `signals` aborts; call `dispose()` when done to drop the listeners. */
export interface LinkedSignal {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * Combines signals (undefined ones are skipped) into one. Unlike `AbortSignal.any`, the listeners on long-lived
 * sources (a client's close signal) are removed by `dispose()`, so nothing accumulates across calls.
 */
export function linkSignals(...signals: (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const sources = signals.filter((s): s is AbortSignal => s !== undefined);
  const onAbort = (): void => controller.abort();
  const dispose = (): void => {
    for (const s of sources) s.removeEventListener('abort', onAbort);
  };
  for (const s of sources) {
    if (s.aborted) {
      controller.abort();
      dispose();
      break;
    }
    s.addEventListener('abort', onAbort, { once: true });
  }
  return { signal: controller.signal, dispose };
}

/** Settles like `promise`, or rejects with `onTimeout()` after `ms` (the promise's own outcome is then ignored). */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
