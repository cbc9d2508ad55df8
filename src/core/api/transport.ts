/**
 * One keep-alive connection pool per workspace, and the attempt loop of a call: token, per-request timeout,
 * overall deadline, cancellation, retries, logging. Knows HTTP, not the Secrets API.
 */
import { Pool, poolRequest } from './undiciPool';
import { abortable, linkSignals, sleep, withTimeout } from './abort';
import { ApiError, ValidationError } from './errors';
import {
  errorFromAnswer,
  looksLikeDatabricksError,
  networkMessage,
  notDatabricks,
  tokenRefusedPage,
  type AnswerContext,
} from './errorMapping';
import {
  MAYBE_APPLIED_STATUSES,
  RETRYABLE_STATUSES,
  isConnectionReset,
  networkErrorCode,
  parseRetryAfter,
  retryDelay,
} from './retryPolicy';
import { tokenProblem } from './tokenRule';
import type { ApiLogger, RetryPolicy, TokenProvider } from './types';
import { headerText, parseJsonObject, readBody } from './wire';

/** Settings of a {@link Transport}; all already validated. */
export interface TransportOptions {
  origin: string;
  token: TokenProvider;
  /** See SecretsClientOptions.onTokenRejected. */
  tokenRejected?: (token: string) => boolean;
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

/** An HttpCall with its path, query and body already encoded. */
interface PreparedCall extends HttpCall {
  pathAndQuery: string;
  bodyText: string | undefined;
}

/** What one HTTP exchange produced. */
type AttemptOutcome =
  | {
      type: 'answer'; status: number; text: string | undefined; contentType: string | undefined;
      retryAfterMs: number | undefined;
      /** `X-Databricks-Reason-Phrase`, when sent. */
      reasonPhrase: string | undefined;
    }
  | { type: 'reset'; error: ApiError };

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}` : (ms / 1000).toFixed(1);
}

function cancelledError(operation: string, attempts: number): ApiError {
  return new ApiError('cancelled', 'CANCELLED', `Cancelled: did not ${operation}.`, { attempts });
}

function attemptsText(attempts: number): string {
  return `${attempts} attempt${attempts === 1 ? '' : 's'}`;
}

/** Sends API requests to one workspace over a keep-alive pool. */
export class Transport {
  private readonly pool: Pool;
  private closed = false;
  /** Aborted by {@link close}: ends every wait (retry back-off, token) of calls still under way. */
  private readonly closing = new AbortController();

  constructor(private readonly options: TransportOptions) {
    this.pool = new Pool(options.origin, {
      connections: options.connections,
      keepAliveTimeout: 30_000,
    });
  }

  /**
   * Refuses further calls, ends at once (`CLIENT_CLOSED`) the calls waiting to retry or for their token, and
   * closes the connections; requests already on the wire get 1 s to finish.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
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
    const request: PreparedCall = {
      ...call,
      pathAndQuery: `${call.path}${call.query ? `?${new URLSearchParams(call.query).toString()}` : ''}`,
      bodyText: call.body ? JSON.stringify(call.body) : undefined,
    };
    // Waits end when the caller aborts or the client is closed; requests on the wire follow the caller only.
    const waits = linkSignals(ctx.signal, this.closing.signal);
    try {
      return await this.loop(request, ctx, waits.signal);
    } finally {
      waits.dispose();
    }
  }

  /** The attempt loop of {@link send}; `waitSignal` ends its waits (caller's abort or close). */
  private async loop(request: PreparedCall, ctx: CallContext, waitSignal: AbortSignal): Promise<Answer> {
    const call: HttpCall = request;
    let attempts = 0;
    let afterLostAnswer = false;
    let retriedWithNewToken = false;

    for (let retry = 0; ; retry++) {
      if (this.closed) throw this.closedError(call.operation, attempts);
      if (ctx.signal?.aborted) throw cancelledError(call.operation, attempts);
      if (ctx.deadlineAt - Date.now() <= 0) throw this.deadlineError(call.operation, attempts, ctx.deadlineMs);
      const token = await this.token(call.operation, ctx, waitSignal, attempts);
      // The token may have taken a while (a locked keyring): what is left of the deadline is measured after it.
      const remaining = ctx.deadlineAt - Date.now();
      if (remaining <= 0) throw this.deadlineError(call.operation, attempts, ctx.deadlineMs);
      attempts++;

      const outcome = await this.attempt(request, token, ctx, remaining, attempts);
      if (outcome.type === 'reset') {
        afterLostAnswer = true; // the request may have reached the workspace before the connection broke
        await this.waitBeforeRetry(outcome.error, retry, undefined, request, ctx, waitSignal);
        continue;
      }

      const { status } = outcome;
      const json = parseJsonObject(outcome.text);
      const answer: AnswerContext = {
        host: this.options.origin, operation: call.operation, status, json, contentType: outcome.contentType,
        attempts, sensitive: [token, ...(call.sensitive ?? [])],
      };
      if (status >= 200 && status < 300) {
        if (json === undefined) throw notDatabricks(answer);
        return { json, status, attempts, afterLostAnswer };
      }
      const retryable = RETRYABLE_STATUSES.has(status);
      // 401 and gateway answers come as HTML or text too, and some 404 bodies lack error_code; any other
      // answer that is not a Databricks error body means some other server answered.
      const databricksLike = json !== undefined && looksLikeDatabricksError(json);
      if (!databricksLike && status === 403) {
        // An HTML or text 403 about the token ("Error 403 Invalid access token.") is a refused token.
        const refused = tokenRefusedPage(answer, outcome.text, outcome.reasonPhrase);
        if (refused) throw refused;
      }
      if (!databricksLike && !retryable && status !== 401 && !(status === 404 && json !== undefined)) {
        throw notDatabricks(answer);
      }
      const error = errorFromAnswer(answer);
      if (status === 401 && !retriedWithNewToken && this.tokenRejected(token)) {
        retriedWithNewToken = true;
        this.log('debug', `${call.method} ${request.pathAndQuery} token refused; once more with a new token`);
        continue;
      }
      if (retryable) {
        if (MAYBE_APPLIED_STATUSES.has(status)) afterLostAnswer = true;
        await this.waitBeforeRetry(error, retry, outcome.retryAfterMs, request, ctx, waitSignal);
        continue;
      }
      if (afterLostAnswer) lostAnswerErrors.add(error);
      throw error;
    }
  }

  /**
   * One HTTP exchange under the per-request timeout (cut to what is left of the deadline) and the caller's
   * signal. Resolves with the answer, or with `reset` for a connection that broke (retryable); throws for
   * cancellation, timeouts and other network failures.
   */
  private async attempt(
    call: PreparedCall,
    token: string,
    ctx: CallContext,
    remaining: number,
    attempts: number,
  ): Promise<AttemptOutcome> {
    const { origin, timeoutMs } = this.options;
    const attemptTimeout = Math.min(timeoutMs, remaining);
    const controller = new AbortController();
    let cause: AbortCause | undefined;
    const timer = setTimeout(() => {
      cause = attemptTimeout < timeoutMs ? 'deadline' : 'timeout';
      controller.abort();
    }, attemptTimeout);
    const onCallerAbort = (): void => {
      cause = 'cancelled';
      controller.abort();
    };
    ctx.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const line = `${call.method} ${call.pathAndQuery}`;
    const started = Date.now();
    try {
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        'user-agent': this.options.userAgent,
        accept: 'application/json',
      };
      if (call.bodyText !== undefined) headers['content-type'] = 'application/json';
      const res = await poolRequest(this.pool, {
        method: call.method, path: call.pathAndQuery, headers, body: call.bodyText, signal: controller.signal,
      });
      const text = await readBody(res.body);
      this.log('debug', `${line} ${res.statusCode} ${Date.now() - started}ms`);
      return {
        type: 'answer',
        status: res.statusCode,
        text,
        contentType: headerText(res.headers['content-type']),
        retryAfterMs: parseRetryAfter(res.headers['retry-after']),
        reasonPhrase: headerText(res.headers['x-databricks-reason-phrase']),
      };
    } catch (err) {
      const ms = Date.now() - started;
      switch (cause) {
        case 'cancelled':
          this.log('debug', `${line} cancelled ${ms}ms`);
          throw cancelledError(call.operation, attempts);
        case 'timeout':
          this.log('warn', `${line} timed out ${ms}ms`);
          throw new ApiError('timeout', 'TIMEOUT',
            `Could not ${call.operation}: ${origin} did not answer within ${seconds(timeoutMs)} s. ` +
            'The workspace may be overloaded or unreachable; try again.', { attempts, cause: err });
        case 'deadline':
          this.log('warn', `${line} deadline passed ${ms}ms`);
          throw this.deadlineError(call.operation, attempts, ctx.deadlineMs);
        default:
          break;
      }
      if (this.closed) throw this.closedError(call.operation, attempts);
      const code = networkErrorCode(err);
      this.log('warn', `${line} failed (${code}) ${ms}ms`);
      if (!isConnectionReset(err)) {
        throw new ApiError('network', 'NETWORK_ERROR', networkMessage(call.operation, origin, code), { attempts, cause: err });
      }
      return {
        type: 'reset',
        error: new ApiError('network', 'CONNECTION_RESET',
          `Could not ${call.operation}: the connection to ${origin} was closed before the answer arrived (${code}). ` +
          'Check your network or proxy and try again.', { attempts, cause: err }),
      };
    } finally {
      clearTimeout(timer);
      ctx.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /**
   * Asks the provider for a token, within what is left of the call's deadline: a provider that is slow or never
   * settles (a locked keyring) ends the call with `TOKEN_TIMEOUT` when the deadline passes. The provider gets a
   * signal that aborts on cancellation, on {@link close} and when the deadline passes.
   */
  private async token(operation: string, ctx: CallContext, waitSignal: AbortSignal, attempts: number): Promise<string> {
    let token: string;
    const left = ctx.deadlineAt - Date.now();
    const expiry = new AbortController();
    const providerSignal = linkSignals(waitSignal, expiry.signal);
    try {
      const asked = Promise.resolve().then(() => this.options.token(providerSignal.signal));
      const raced = abortable(asked, waitSignal, () => this.stoppedError(operation, attempts));
      token = await withTimeout(raced, left, () => {
        expiry.abort();
        return this.tokenTimeoutError(operation, attempts, ctx.deadlineMs);
      });
    } catch (err) {
      if (err instanceof ApiError || err instanceof ValidationError) throw err;
      const why = err instanceof Error ? `: ${err.message}` : '';
      throw new ApiError('auth', 'TOKEN_UNAVAILABLE',
        `Could not ${operation}: no token for ${this.options.origin}${why}. Set or renew the token.`,
        { attempts, cause: err });
    } finally {
      providerSignal.dispose();
    }
    if (typeof token !== 'string' || tokenProblem(token) === 'empty') {
      throw new ValidationError('token', 'non-empty', `The token for ${this.options.origin} is empty; set a token.`);
    }
    if (tokenProblem(token) !== undefined) {
      throw new ValidationError('token', 'printable-ascii',
        `The token for ${this.options.origin} contains spaces, line breaks, invisible or non-ASCII characters; ` +
        'set it again without extra characters.');
    }
    return token;
  }

  private tokenRejected(token: string): boolean {
    try {
      return this.options.tokenRejected?.(token) === true;
    } catch {
      return false;
    }
  }

  /** Waits before the next retry, or throws `error` (extended) when retries or the deadline are used up. */
  private async waitBeforeRetry(
    error: ApiError,
    retry: number,
    retryAfterMs: number | undefined,
    call: PreparedCall,
    ctx: CallContext,
    waitSignal: AbortSignal,
  ): Promise<void> {
    const attempts = error.attempts ?? retry + 1;
    if (retry >= this.options.maxRetries) throw this.gaveUp(error, `after ${attemptsText(attempts)}`);
    const delay = retryDelay(retry, retryAfterMs, this.options.retryPolicy);
    const left = ctx.deadlineAt - Date.now();
    if (delay >= left) {
      throw this.gaveUp(error,
        `after ${attemptsText(attempts)}: waiting ${seconds(delay)} s more would pass the ` +
        `${seconds(ctx.deadlineMs)} s deadline`);
    }
    this.log('warn', `${call.method} ${call.pathAndQuery} retrying in ${delay}ms (retry ${retry + 1} of ${this.options.maxRetries})`);
    await sleep(delay, waitSignal, () => this.stoppedError(call.operation, attempts));
  }

  private gaveUp(error: ApiError, why: string): ApiError {
    return new ApiError(error.kind, error.errorCode, `${error.message} Gave up ${why}.`, {
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.attempts !== undefined ? { attempts: error.attempts } : {}),
      cause: error,
    });
  }

  /** The error for a wait ended by the caller's signal or by {@link close}. */
  private stoppedError(operation: string, attempts: number): ApiError {
    return this.closed ? this.closedError(operation, attempts) : cancelledError(operation, attempts);
  }

  private tokenTimeoutError(operation: string, attempts: number, deadlineMs: number): ApiError {
    return new ApiError('timeout', 'TOKEN_TIMEOUT',
      `Could not ${operation}: the token for ${this.options.origin} was not available within the overall deadline ` +
      `of ${seconds(deadlineMs)} s (is the system keyring locked?). Unlock it and try again.`, { attempts });
  }

  private closedError(operation: string, attempts: number): ApiError {
    return new ApiError('cancelled', 'CLIENT_CLOSED', `Could not ${operation}: this client was closed.`, { attempts });
  }

  private deadlineError(operation: string, attempts: number, deadlineMs: number): ApiError {
    return new ApiError('timeout', 'DEADLINE_EXCEEDED',
      `Could not ${operation}: no answer from ${this.options.origin} within the overall deadline of ` +
      `${seconds(deadlineMs)} s (${attemptsText(attempts)}). Try again later.`, { attempts });
  }

  private log(level: 'debug' | 'warn', message: string): void {
    try {
      this.options.logger?.[level](message);
    } catch {
      // A failing logger must not fail the call.
    }
  }
}
