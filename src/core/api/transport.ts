/**
 * One keep-alive connection pool per workspace, and the attempt loop of a call: token, per-request timeout,
 * overall deadline, cancellation, retries, logging. Knows HTTP, not the Secrets API.
 */
import { Pool } from 'undici';
import { ApiError, ValidationError } from './errors';
import { errorFromAnswer, notDatabricks, looksLikeDatabricksError, type AnswerContext } from './errorMapping';
import {
  MAYBE_APPLIED_STATUSES,
  RETRYABLE_STATUSES,
  isConnectionReset,
  networkErrorCode,
  parseRetryAfter,
  retryDelay,
} from './retryPolicy';
import type { ApiLogger, RetryPolicy, TokenProvider } from './types';

/** Largest answer body read; anything bigger is not a Secrets API answer. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Settings of a {@link Transport}; all already validated. */
export interface TransportOptions {
  origin: string;
  token: TokenProvider;
  userAgent: string;
  timeoutMs: number;
  maxRetries: number;
  retryPolicy: RetryPolicy;
  connections: number;
  logger?: ApiLogger;
}

/** One API request. */
export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  query?: Readonly<Record<string, string>>;
  body?: Readonly<Record<string, unknown>>;
  /** Verb phrase for messages: `list secrets of scope "x"`. */
  operation: string;
  /** Strings (secret values) that must not appear in messages; the token is always added. */
  sensitive?: readonly string[];
}

/** Cancellation and the absolute deadline of the public call this request belongs to. */
export interface CallContext {
  signal?: AbortSignal;
  /** Epoch ms after which no attempt is started and waits are cut. */
  deadlineAt: number;
  /** The deadline length in ms, for messages. */
  deadlineMs: number;
}

/** A 2xx answer whose body is a JSON object. */
export interface Answer {
  json: unknown;
  status: number;
  attempts: number;
  /** True when an earlier attempt may have taken effect although its answer was lost. */
  afterLostAnswer: boolean;
}

const lostAnswerErrors = new WeakSet<ApiError>();

/**
 * True when `err` is the workspace's answer to a retry that followed an attempt whose answer was lost
 * (connection reset, 502, 504): the earlier attempt may have taken effect.
 */
export function followedLostAnswer(err: unknown): boolean {
  return err instanceof ApiError && lostAnswerErrors.has(err);
}

type AbortCause = 'timeout' | 'deadline' | 'cancelled';

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}` : (ms / 1000).toFixed(1);
}

function cancelledError(operation: string, attempts: number): ApiError {
  return new ApiError('cancelled', 'CANCELLED', `Cancelled: did not ${operation}.`, { attempts });
}

/** Waits `ms`, or rejects at once with `onAbort()` when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
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
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
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

async function readBody(body: AsyncIterable<Buffer | Uint8Array> & { destroy(): unknown }): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonObject(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  if (!/^\s*\{/.test(text)) return undefined; // HTML, plain text, arrays: not a Databricks answer
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function networkMessage(operation: string, origin: string, code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Could not ${operation}: nothing accepted the connection at ${origin} (ECONNREFUSED). ` +
        'Check the workspace URL and that the workspace (or emulator) is running.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not ${operation}: the host name of ${origin} could not be resolved (${code}). ` +
        'Check the workspace URL and your network or DNS settings.';
    default:
      if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code)) {
        return `Could not ${operation}: the TLS certificate of ${origin} was not accepted (${code}). ` +
          'Check the workspace URL; a proxy that intercepts TLS needs its certificate trusted by Node.js.';
      }
      return `Could not ${operation}: could not reach ${origin} (${code}). Check the workspace URL and your network.`;
  }
}

/** Sends API requests to one workspace over a keep-alive pool. */
export class Transport {
  private readonly pool: Pool;
  private closed = false;

  constructor(private readonly options: TransportOptions) {
    this.pool = new Pool(options.origin, {
      connections: options.connections,
      keepAliveTimeout: 30_000,
    });
  }

  /** Closes idle connections and refuses further calls; in-flight requests get 1 s to finish. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const graceful = this.pool.close();
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.pool.destroy().then(resolve, resolve);
      }, 1_000);
    });
    await Promise.race([graceful, forced]);
    clearTimeout(timer);
  }

  /** Sends `call`, retrying as the policy allows; resolves with a 2xx JSON answer or throws ApiError. */
  async send(call: HttpCall, ctx: CallContext): Promise<Answer> {
    const { origin } = this.options;
    const search = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    const pathAndQuery = `${call.path}${search}`;
    const bodyText = call.body ? JSON.stringify(call.body) : undefined;
    let attempts = 0;
    let afterLostAnswer = false;

    for (let retry = 0; ; retry++) {
      if (this.closed) {
        throw new ApiError('cancelled', 'CLIENT_CLOSED', `Could not ${call.operation}: this client was closed.`, { attempts });
      }
      if (ctx.signal?.aborted) throw cancelledError(call.operation, attempts);
      const remaining = ctx.deadlineAt - Date.now();
      if (remaining <= 0) throw this.deadlineError(call.operation, attempts, ctx.deadlineMs);

      const token = await this.token(call.operation, ctx, attempts);
      const sensitive = [token, ...(call.sensitive ?? [])];
      attempts++;

      const attemptTimeout = Math.min(this.options.timeoutMs, remaining);
      const controller = new AbortController();
      let cause: AbortCause | undefined;
      const timer = setTimeout(() => {
        cause = attemptTimeout < this.options.timeoutMs ? 'deadline' : 'timeout';
        controller.abort();
      }, attemptTimeout);
      const onCallerAbort = (): void => {
        cause = 'cancelled';
        controller.abort();
      };
      ctx.signal?.addEventListener('abort', onCallerAbort, { once: true });

      const started = Date.now();
      let status: number;
      let text: string | undefined;
      let contentType: string | undefined;
      let retryAfterMs: number | undefined;
      try {
        const headers: Record<string, string> = {
          authorization: `Bearer ${token}`,
          'user-agent': this.options.userAgent,
          accept: 'application/json',
        };
        if (bodyText !== undefined) headers['content-type'] = 'application/json';
        const res = await this.pool.request({
          method: call.method,
          path: pathAndQuery,
          headers,
          body: bodyText,
          signal: controller.signal,
        });
        status = res.statusCode;
        contentType = headerText(res.headers['content-type']);
        retryAfterMs = parseRetryAfter(res.headers['retry-after']);
        text = await readBody(res.body);
      } catch (err) {
        const ms = Date.now() - started;
        if (cause === 'cancelled') {
          this.log('debug', `${call.method} ${pathAndQuery} cancelled ${ms}ms`);
          throw cancelledError(call.operation, attempts);
        }
        if (cause === 'timeout') {
          this.log('warn', `${call.method} ${pathAndQuery} timed out ${ms}ms`);
          throw new ApiError('timeout', 'TIMEOUT',
            `Could not ${call.operation}: ${origin} did not answer within ${seconds(this.options.timeoutMs)} s. ` +
            'The workspace may be overloaded or unreachable; try again.', { attempts, cause: err });
        }
        if (cause === 'deadline') {
          this.log('warn', `${call.method} ${pathAndQuery} deadline passed ${ms}ms`);
          throw this.deadlineError(call.operation, attempts, ctx.deadlineMs);
        }
        if (this.closed) {
          throw new ApiError('cancelled', 'CLIENT_CLOSED', `Could not ${call.operation}: this client was closed.`, { attempts });
        }
        const code = networkErrorCode(err);
        this.log('warn', `${call.method} ${pathAndQuery} failed (${code}) ${ms}ms`);
        if (!isConnectionReset(err)) {
          throw new ApiError('network', 'NETWORK_ERROR', networkMessage(call.operation, origin, code), { attempts, cause: err });
        }
        // The request may have reached the workspace before the connection broke.
        afterLostAnswer = true;
        const resetError = new ApiError('network', 'CONNECTION_RESET',
          `Could not ${call.operation}: the connection to ${origin} was closed before the answer arrived (${code}). ` +
          'Check your network or proxy and try again.', { attempts, cause: err });
        await this.waitBeforeRetry(resetError, retry, undefined, call, ctx, pathAndQuery);
        continue;
      } finally {
        clearTimeout(timer);
        ctx.signal?.removeEventListener('abort', onCallerAbort);
      }

      this.log('debug', `${call.method} ${pathAndQuery} ${status} ${Date.now() - started}ms`);
      const json = parseJsonObject(text);
      const answer: AnswerContext = {
        host: origin, operation: call.operation, status, json, contentType, attempts, sensitive,
      };
      if (status >= 200 && status < 300) {
        if (json === undefined) throw notDatabricks(answer);
        return { json, status, attempts, afterLostAnswer };
      }
      const databricksLike = json !== undefined && looksLikeDatabricksError(json);
      const retryable = RETRYABLE_STATUSES.has(status);
      // 401 and gateway answers come as HTML or text too; anything else that is not a Databricks error body
      // means some other server answered.
      if (!databricksLike && !retryable && status !== 401 && !(status === 404 && json !== undefined)) {
        throw notDatabricks(answer);
      }
      const error = errorFromAnswer(answer);
      if (retryable) {
        if (MAYBE_APPLIED_STATUSES.has(status)) afterLostAnswer = true;
        await this.waitBeforeRetry(error, retry, retryAfterMs, call, ctx, pathAndQuery);
        continue;
      }
      if (afterLostAnswer) lostAnswerErrors.add(error);
      throw error;
    }
  }

  private async token(operation: string, ctx: CallContext, attempts: number): Promise<string> {
    let token: string;
    try {
      token = await abortable(this.options.token(ctx.signal), ctx.signal, () => cancelledError(operation, attempts));
    } catch (err) {
      if (err instanceof ApiError || err instanceof ValidationError) throw err;
      const why = err instanceof Error ? `: ${err.message}` : '';
      throw new ApiError('auth', 'TOKEN_UNAVAILABLE',
        `Could not ${operation}: no token for ${this.options.origin}${why}. Set or renew the token.`,
        { attempts, cause: err });
    }
    if (typeof token !== 'string' || token.length === 0) {
      throw new ValidationError('token', 'non-empty', `The token for ${this.options.origin} is empty; set a token.`);
    }
    if (!/^[\x21-\x7e]+$/.test(token)) {
      throw new ValidationError('token', 'printable-ascii',
        `The token for ${this.options.origin} contains spaces, line breaks or non-ASCII characters; ` +
        'paste it again without extra characters.');
    }
    return token;
  }

  /** Waits before the next retry, or throws `error` (extended) when retries or the deadline are used up. */
  private async waitBeforeRetry(
    error: ApiError,
    retry: number,
    retryAfterMs: number | undefined,
    call: HttpCall,
    ctx: CallContext,
    pathAndQuery: string,
  ): Promise<void> {
    const attempts = error.attempts ?? retry + 1;
    if (retry >= this.options.maxRetries) throw this.gaveUp(error, `after ${attempts} attempts`);
    const delay = retryDelay(retry, retryAfterMs, this.options.retryPolicy);
    const left = ctx.deadlineAt - Date.now();
    if (delay >= left) {
      throw this.gaveUp(error,
        `after ${attempts} attempt${attempts === 1 ? '' : 's'}: waiting ${seconds(delay)} s more would pass the ` +
        `${seconds(ctx.deadlineMs)} s deadline`);
    }
    this.log('warn', `${call.method} ${pathAndQuery} retrying in ${delay}ms (retry ${retry + 1} of ${this.options.maxRetries})`);
    await sleep(delay, ctx.signal, () => cancelledError(call.operation, attempts));
  }

  private gaveUp(error: ApiError, why: string): ApiError {
    return new ApiError(error.kind, error.errorCode, `${error.message} Gave up ${why}.`, {
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.attempts !== undefined ? { attempts: error.attempts } : {}),
      cause: error,
    });
  }

  private deadlineError(operation: string, attempts: number, deadlineMs: number): ApiError {
    return new ApiError('timeout', 'DEADLINE_EXCEEDED',
      `Could not ${operation}: no answer from ${this.options.origin} within the overall deadline of ` +
      `${seconds(deadlineMs)} s (${attempts} attempt${attempts === 1 ? '' : 's'}). Try again later.`, { attempts });
  }

  private log(level: 'debug' | 'warn', message: string): void {
    try {
      this.options.logger?.[level](message);
    } catch {
      // A failing logger must not fail the call.
    }
  }
}
