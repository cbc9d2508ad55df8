/**
 * The two error types the Secrets client throws.
 *
 * - {@link ValidationError}: the input was refused on this side, before any request was sent.
 * - {@link ApiError}: a request was made (or attempted) and did not succeed.
 *
 * Neither ever carries a token or a secret value in its message.
 */

/** What a UI can do about an {@link ApiError}; one value per distinct reaction. */
export type ApiErrorKind =
  | 'auth' // token missing, expired or revoked: ask for a new token
  | 'permission' // the token works but lacks rights (ACL) for this scope
  | 'not-found' // scope, secret or ACL does not exist
  | 'already-exists' // a scope with that name exists
  | 'limit' // a workspace limit (secrets per scope, number of scopes) was reached
  | 'invalid' // the workspace refused the request as malformed or not allowed
  | 'rate-limited' // 429, still refused after the retries the deadline allowed
  | 'unavailable' // 5xx, still failing after the retries the deadline allowed
  | 'network' // could not connect, DNS, TLS, connection reset after retries
  | 'timeout' // no answer within the per-request timeout or the overall deadline
  | 'cancelled' // the caller aborted the call (AbortSignal) or closed the client
  | 'not-databricks'; // the host answered, but not like a Databricks workspace (HTML login page, proxy, ...)

/** Details attached to an {@link ApiError}. */
export interface ApiErrorInit {
  /** HTTP status when the host answered. */
  status?: number;
  /** How many HTTP attempts the call made (retries included). */
  attempts?: number;
  /** The underlying error (network errors, token provider errors). Never holds response bodies. */
  cause?: unknown;
}

/**
 * A failed Secrets API call.
 *
 * `errorCode` is always a string:
 * - the workspace's `error_code` as sent (`RESOURCE_DOES_NOT_EXIST`, `PERMISSION_DENIED`, ...);
 * - a numeric `error_code` (some workspaces send `{"error_code": 403}`) becomes its decimal string (`"403"`),
 *   unchanged otherwise, so nothing is invented; `kind` carries the meaning;
 * - no `error_code` in the answer: a name derived from the HTTP status (`NOT_FOUND` for 404,
 *   `UNAUTHENTICATED` for 401, `HTTP_418` for anything unmapped);
 * - failures without an answer use client-side codes: `TIMEOUT`, `DEADLINE_EXCEEDED`, `CANCELLED`,
 *   `CLIENT_CLOSED`, `CONNECTION_RESET`, `NETWORK_ERROR`, `NOT_DATABRICKS`, `UNEXPECTED_RESPONSE`,
 *   `TOKEN_UNAVAILABLE`, `TOKEN_TIMEOUT` (the token provider did not answer within the deadline);
 * - `INVALID_TOKEN`: a 403 that is not a Databricks JSON error but an HTML or text page (or a
 *   `X-Databricks-Reason-Phrase`) about the token, such as "Error 403 Invalid access token.".
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly errorCode: string;
  readonly status?: number;
  readonly attempts?: number;

  constructor(kind: ApiErrorKind, errorCode: string, message: string, init: ApiErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.errorCode = errorCode;
    if (init.status !== undefined) this.status = init.status;
    if (init.attempts !== undefined) this.attempts = init.attempts;
  }
}

/**
 * Input refused by the client before any request was sent.
 * `field` names the input (`scope`, `key`, `value`, `principal`, `permission`, `host`, ...),
 * `rule` is a short identifier of the rule broken (`pattern`, `max-bytes`, `one-of`, ...), and the message
 * says both in words a person can act on.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly field: string;
  readonly rule: string;

  constructor(field: string, rule: string, message: string) {
    super(message);
    this.field = field;
    this.rule = rule;
  }
}
