/**
 * Turns an HTTP answer that is not a success into an {@link ApiError}: normalises `error_code`, picks the
 * kind, and writes a message a person can act on. Server messages are scrubbed of the token and of any
 * secret value sent with the request before they are quoted.
 */
import { ApiError, type ApiErrorKind } from './errors';
import { ErrorBody } from './schemas';

/** What is known about one answer. */
export interface AnswerContext {
  /** Workspace origin, for messages. */
  host: string;
  /** What the call was doing, as a verb phrase: `list secrets of scope "x"`. */
  operation: string;
  status: number;
  /** The parsed JSON object, or undefined when the body was not JSON. */
  json: unknown;
  /** Content-Type of the answer, for the not-Databricks message. */
  contentType: string | undefined;
  attempts: number;
  /** Strings that must never appear in a message (token, secret value and its base64). */
  sensitive: readonly string[];
}

const KIND_BY_CODE: Readonly<Record<string, ApiErrorKind>> = {
  UNAUTHENTICATED: 'auth',
  PERMISSION_DENIED: 'permission',
  CUSTOMER_UNAUTHORIZED: 'permission',
  RESOURCE_DOES_NOT_EXIST: 'not-found',
  NOT_FOUND: 'not-found',
  RESOURCE_ALREADY_EXISTS: 'already-exists',
  ALREADY_EXISTS: 'already-exists',
  RESOURCE_LIMIT_EXCEEDED: 'limit',
  QUOTA_EXCEEDED: 'limit',
  INVALID_PARAMETER_VALUE: 'invalid',
  BAD_REQUEST: 'invalid',
  MALFORMED_REQUEST: 'invalid',
  INVALID_STATE: 'invalid',
  REQUEST_LIMIT_EXCEEDED: 'rate-limited',
  TOO_MANY_REQUESTS: 'rate-limited',
  TEMPORARILY_UNAVAILABLE: 'unavailable',
  INTERNAL_ERROR: 'unavailable',
};

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'RESOURCE_ALREADY_EXISTS',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  502: 'BAD_GATEWAY',
  503: 'TEMPORARILY_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

function kindFromStatus(status: number): ApiErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not-found';
  if (status === 409) return 'already-exists';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'unavailable';
  return 'invalid';
}

/** Replaces every sensitive string (at least 4 characters long) in `text` with `***`. */
export function scrub(text: string, sensitive: readonly string[]): string {
  let out = text;
  for (const s of sensitive) {
    if (s.length >= 4) out = out.split(s).join('***');
  }
  return out;
}

function tidy(message: string, sensitive: readonly string[]): string {
  const flat = scrub(message, sensitive).replace(/\s+/g, ' ').trim();
  return flat.length > 400 ? `${flat.slice(0, 400)}…` : flat;
}

function hint(kind: ApiErrorKind, host: string): string {
  switch (kind) {
    case 'auth':
      return `Check the token for ${host}: it may be missing, expired or revoked.`;
    case 'permission':
      return 'Your token lacks the permission this needs (READ to list or read, WRITE to change secrets, ' +
        'MANAGE for ACLs and deleting the scope); ask a scope manager or a workspace admin.';
    case 'not-found':
      return 'Refresh the list; it may have been deleted or renamed.';
    case 'already-exists':
      return 'Choose another name.';
    case 'limit':
      return 'Delete secrets or scopes you no longer need, or use another scope.';
    case 'rate-limited':
      return 'The workspace is limiting the request rate; wait a moment and try again.';
    case 'unavailable':
      return 'The workspace is temporarily unavailable; try again later.';
    default:
      return '';
  }
}

/** True when the body parsed as a Databricks error body with a code or a message. */
export function looksLikeDatabricksError(json: unknown): boolean {
  const parsed = ErrorBody.safeParse(json);
  return parsed.success && (parsed.data.error_code != null || parsed.data.message != null);
}

/** Builds the ApiError for a non-2xx answer whose body was JSON (or a 401/retryable answer of any body). */
export function errorFromAnswer(ctx: AnswerContext): ApiError {
  const parsed = ErrorBody.safeParse(ctx.json);
  const body: ErrorBody = parsed.success ? parsed.data : {};
  const raw = body.error_code;
  let errorCode: string;
  let kind: ApiErrorKind;
  const serverMessage = body.message ? tidy(body.message, ctx.sensitive) : '';
  if (typeof raw === 'number') {
    // Numeric codes (e.g. {"error_code": 403, "message": "Invalid access token."}) keep their number as text;
    // the kind comes from the status, and a 403 that is about the token is an auth problem, not an ACL one.
    errorCode = String(raw);
    kind = kindFromStatus(ctx.status);
    if (ctx.status === 403 && /token/i.test(serverMessage)) kind = 'auth';
  } else if (typeof raw === 'string' && raw.trim() !== '') {
    errorCode = raw.trim();
    kind = KIND_BY_CODE[errorCode] ?? kindFromStatus(ctx.status);
  } else {
    errorCode = CODE_BY_STATUS[ctx.status] ?? `HTTP_${ctx.status}`;
    kind = kindFromStatus(ctx.status);
  }
  const said = serverMessage !== '' ? `: ${serverMessage}` : '';
  const tail = hint(kind, ctx.host);
  const message = `Could not ${ctx.operation}${said} (${errorCode}, HTTP ${ctx.status}).${tail ? ` ${tail}` : ''}`;
  return new ApiError(kind, errorCode, message, { status: ctx.status, attempts: ctx.attempts });
}

/** Mentions of a token in a refusal: "Invalid access token", "Token expired", "invalid token". */
const MENTIONS_TOKEN = /token/i;

/** The `<title>` of an HTML page, tags and extra spaces removed, or undefined. */
function htmlTitle(text: string): string | undefined {
  const match = /<title[^>]*>([\s\S]{0,1000}?)<\/title>/i.exec(text);
  const title = match?.[1]?.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return title ? title : undefined;
}

/**
 * A 403 that is not a Databricks JSON error but says it is about the token: Databricks has answered expired
 * or revoked tokens with a Jetty HTML page titled "Error 403 Invalid access token.", or with only an
 * `X-Databricks-Reason-Phrase` header. Returns an `auth` error (`INVALID_TOKEN`) when the reason phrase, the
 * page's title or its text mentions a token; undefined otherwise (the caller then reports `not-databricks`).
 * The message quotes at most the reason phrase or the title (scrubbed, 120 characters), never the page.
 */
export function tokenRefusedPage(ctx: AnswerContext, text: string | undefined, reasonPhrase: string | undefined): ApiError | undefined {
  if (ctx.status !== 403) return undefined;
  const body = text ?? '';
  const title = htmlTitle(body);
  const mentioned = [reasonPhrase, title, body].some((part) => part !== undefined && MENTIONS_TOKEN.test(part));
  if (!mentioned) return undefined;
  const reason = [reasonPhrase, title].find((part) => part !== undefined && MENTIONS_TOKEN.test(part));
  const shown = reason ? tidy(reason, ctx.sensitive).slice(0, 120) : '';
  const said = shown ? `: ${shown}` : ': the token was refused';
  const message = `Could not ${ctx.operation}${said} (HTTP 403). ${hint('auth', ctx.host)}`;
  return new ApiError('auth', 'INVALID_TOKEN', message, { status: ctx.status, attempts: ctx.attempts });
}

/** The answer was not JSON (HTML login page, proxy text) or not the shape Databricks sends. */
export function notDatabricks(ctx: AnswerContext, detail?: string): ApiError {
  const type = ctx.contentType ? `, ${ctx.contentType.split(';')[0]?.trim()}` : '';
  const what = detail ? ` (${detail})` : '';
  const message =
    `Could not ${ctx.operation}: ${ctx.host} did not answer like a Databricks workspace ` +
    `(HTTP ${ctx.status}${type})${what}. Check the workspace URL; a proxy or a login page may be in the way.`;
  return new ApiError('not-databricks', detail ? 'UNEXPECTED_RESPONSE' : 'NOT_DATABRICKS', message, {
    status: ctx.status,
    attempts: ctx.attempts,
  });
}

/** Message for a connection that could not be made (refused, DNS, TLS, ...), naming the system error code. */
export function networkMessage(operation: string, origin: string, code: string): string {
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
