/**
 * The Databricks Secrets API 2.0 client: eleven calls, validated before sending, answers checked with zod.
 * HTTP mechanics (pool, retries, timeouts, cancellation) live in {@link Transport}.
 */
import type * as z from 'zod/mini';
import { ApiError, ValidationError } from './errors';
import { notDatabricks } from './errorMapping';
import { fromBase64, toBase64 } from './encoding';
import { DEFAULT_RETRY_POLICY } from './retryPolicy';
import {
  EmptyResponse,
  GetAclResponse,
  GetSecretResponse,
  ListAclsResponse,
  ListScopesResponse,
  ListSecretsResponse,
} from './schemas';
import { Transport, followedLostAnswer, type Answer, type CallContext, type HttpCall } from './transport';
import type {
  AclItem,
  CallOptions,
  CreateScopeOptions,
  KeyVaultMetadata,
  Permission,
  RetryPolicy,
  Scope,
  SecretMetadata,
  SecretsClientOptions,
} from './types';
import { buildUserAgent, DEFAULT_PRODUCT } from './userAgent';
import {
  validateHost,
  validateKeyName,
  validatePermission,
  validatePrincipal,
  validateScopeName,
  validateSecretValue,
} from './validate';

const BASE = '/api/2.0/secrets';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_DEADLINE_MS = 60_000;
const DEFAULT_MAX_RETRIES = 5;
const DEFAULT_CONNECTIONS = 32;

/** Longest wait Node's timers can hold (2³¹−1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

function positiveNumber(field: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(field, 'positive', `${field} must be a positive number of milliseconds.`);
  }
  if (value > MAX_TIMER_MS) {
    throw new ValidationError(field, 'max',
      `${field} must be at most ${MAX_TIMER_MS} milliseconds (about 24.8 days), the longest timer Node.js can hold.`);
  }
  return value;
}

/** The retry policy with defaults for absent (or undefined) fields; each given field a positive number of ms. */
function retryPolicy(given: Partial<RetryPolicy> | undefined): RetryPolicy {
  if (given === undefined) return { ...DEFAULT_RETRY_POLICY };
  if (typeof given !== 'object' || given === null) {
    throw new ValidationError('retryPolicy', 'type', 'retryPolicy must be an object (baseDelayMs, maxDelayMs, maxRetryAfterMs).');
  }
  const field = (name: keyof RetryPolicy): number =>
    positiveNumber(`retryPolicy.${name}`, given[name], DEFAULT_RETRY_POLICY[name]);
  return { baseDelayMs: field('baseDelayMs'), maxDelayMs: field('maxDelayMs'), maxRetryAfterMs: field('maxRetryAfterMs') };
}

function wholeNumber(field: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new ValidationError(field, 'integer', `${field} must be a whole number of at least ${min}.`);
  }
  return value;
}

function validateKeyVault(keyVault: KeyVaultMetadata): void {
  for (const field of ['resource_id', 'dns_name'] as const) {
    const value: unknown = keyVault?.[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ValidationError(`keyVault.${field}`, 'non-empty',
        `keyVault.${field} is required for a Key Vault-backed scope (the vault's ${
          field === 'resource_id' ? 'Azure resource id' : 'DNS name, like https://my-vault.vault.azure.net/'}).`);
    }
  }
}

/**
 * Client for one Databricks workspace. Holds a keep-alive connection pool; call {@link close} when done.
 * Every method validates its input first (throwing {@link ValidationError} without sending anything) and
 * fails with {@link ApiError} otherwise.
 */
export class SecretsClient {
  /** The workspace origin, normalised (`https://host[:port]`). */
  readonly host: string;
  private readonly transport: Transport;
  private readonly deadlineMs: number;

  constructor(options: SecretsClientOptions) {
    this.host = validateHost(options.host);
    if (typeof options.token !== 'function') {
      throw new ValidationError('token', 'function', 'token must be a function that returns a bearer token.');
    }
    const product = options.userAgent ?? DEFAULT_PRODUCT;
    if (typeof product !== 'string' || !/^[\x21-\x7e][\x20-\x7e]*$/.test(product)) {
      throw new ValidationError('userAgent', 'printable-ascii', 'userAgent must be printable ASCII like name/1.0.');
    }
    const timeoutMs = positiveNumber('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS);
    this.deadlineMs = positiveNumber('deadlineMs', options.deadlineMs, DEFAULT_DEADLINE_MS);
    this.transport = new Transport({
      origin: this.host,
      token: options.token,
      ...(typeof options.onTokenRejected === 'function' ? { tokenRejected: options.onTokenRejected } : {}),
      userAgent: buildUserAgent(product),
      timeoutMs,
      maxRetries: wholeNumber('maxRetries', options.maxRetries, DEFAULT_MAX_RETRIES, 0),
      retryPolicy: retryPolicy(options.retryPolicy),
      connections: wholeNumber('connections', options.connections, DEFAULT_CONNECTIONS, 1),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** Lists every scope the token can see. */
  async listScopes(o: CallOptions = {}): Promise<Scope[]> {
    return this.listScopesIn(this.context(o));
  }

  /**
   * Creates a scope (Databricks-backed, or Azure Key Vault-backed with `keyVault`).
   *
   * Resolves `{created: true}` only when this call created the scope. A scope that already exists is an
   * ApiError of kind `already-exists`; the call never resolves `{created: false}` for a case it could not
   * settle — it throws instead.
   *
   * Lost answers: a retry (after a connection reset, 502 or 504) may meet `RESOURCE_ALREADY_EXISTS` because
   * the first attempt did create the scope and only its answer was lost. The rule used to decide:
   * 1. Before creating, the scope list is read once (one extra GET). If the scope was already there (compared
   *    ignoring case, as Databricks compares scope names), the scope is not ours: `already-exists` is thrown.
   * 2. It was absent, our first attempt may have created it, and the retry says it exists. The scope's ACLs
   *    are read: the creator (or, with initialManagePrincipal `users`, everyone) holds MANAGE, so a readable
   *    ACL list confirms `{created: true}`. PERMISSION_DENIED (someone else created it in the meantime and we
   *    hold no MANAGE) or RESOURCE_DOES_NOT_EXIST (it went away again) throws `already-exists`; any other
   *    failure of that check is thrown, its message saying the outcome could not be confirmed.
   * A clean first answer of `RESOURCE_ALREADY_EXISTS` (no lost answer before it) is always `already-exists`.
   * Residual risk: a workspace admin (who can read every ACL) racing another creator of the same name within
   * the same second could be told `created: true` for a scope someone else created a moment earlier.
   */
  async createScope(scope: string, opts: CreateScopeOptions = {}): Promise<{ created: boolean }> {
    validateScopeName(scope);
    if (opts.initialManagePrincipal !== undefined) validatePrincipal(opts.initialManagePrincipal, 'initialManagePrincipal');
    if (opts.keyVault !== undefined) validateKeyVault(opts.keyVault);
    const ctx = this.context(opts);
    const body: Record<string, unknown> = { scope };
    if (opts.initialManagePrincipal !== undefined) body.initial_manage_principal = opts.initialManagePrincipal;
    if (opts.keyVault) {
      body.scope_backend_type = 'AZURE_KEYVAULT';
      body.backend_azure_keyvault = { resource_id: opts.keyVault.resource_id, dns_name: opts.keyVault.dns_name };
    }
    const operation = `create scope "${scope}"`;
    // Scope names are case-insensitive in Databricks: `ETL` existing means creating `etl` cannot be ours.
    const wanted = scope.toLowerCase();
    const existedBefore = (await this.listScopesIn(ctx)).some((s) => s.name.toLowerCase() === wanted);
    try {
      await this.mutate({ method: 'POST', path: `${BASE}/scopes/create`, body, operation }, ctx);
      return { created: true };
    } catch (err) {
      if (!(err instanceof ApiError) || err.kind !== 'already-exists' || !followedLostAnswer(err) || existedBefore) {
        throw err;
      }
      try {
        await this.listAclsIn(scope, ctx);
        return { created: true };
      } catch (check) {
        if (check instanceof ApiError && (check.kind === 'permission' || check.kind === 'not-found')) {
          throw new ApiError('already-exists', err.errorCode,
            `Could not ${operation}: another client created it while this request was under way. Choose another name.`,
            { ...(err.status !== undefined ? { status: err.status } : {}), cause: err });
        }
        if (check instanceof ApiError) {
          throw new ApiError(check.kind, check.errorCode,
            `Scope "${scope}" exists, but whether this request created it could not be confirmed (its first ` +
            `answer was lost): ${check.message}`,
            { ...(check.status !== undefined ? { status: check.status } : {}), cause: check });
        }
        throw check;
      }
    }
  }

  /** Deletes a scope with all its secrets and ACLs (needs MANAGE). */
  async deleteScope(scope: string, o: CallOptions = {}): Promise<void> {
    validateScopeName(scope);
    await this.remove({ method: 'POST', path: `${BASE}/scopes/delete`, body: { scope },
      operation: `delete scope "${scope}"` }, this.context(o));
  }

  /**
   * Creates or overwrites a secret. A string is stored as UTF-8 (`string_value`); bytes are sent as
   * base64 (`bytes_value`). At most 128 KB.
   */
  async putSecret(scope: string, key: string, value: string | Uint8Array, o: CallOptions = {}): Promise<void> {
    validateScopeName(scope);
    validateKeyName(key);
    const bytes = validateSecretValue(value);
    const ctx = this.context(o);
    const encoded = typeof value === 'string' ? undefined : toBase64(bytes);
    const body = typeof value === 'string'
      ? { scope, key, string_value: value }
      : { scope, key, bytes_value: encoded };
    const sensitive = typeof value === 'string' ? [value] : [encoded ?? ''];
    await this.mutate({ method: 'POST', path: `${BASE}/put`, body, sensitive,
      operation: `store secret "${key}" in scope "${scope}"` }, ctx);
  }

  /** Lists the keys (never values) of a scope. */
  async listSecrets(scope: string, o: CallOptions = {}): Promise<SecretMetadata[]> {
    validateScopeName(scope);
    const call: HttpCall = { method: 'GET', path: `${BASE}/list`, query: { scope },
      operation: `list secrets of scope "${scope}"` };
    const answer = await this.transport.send(call, this.context(o));
    // zod keeps only the declared fields, so the parsed items are already SecretMetadata.
    return this.parse(ListSecretsResponse, answer, call).secrets;
  }

  /** Deletes a secret (needs WRITE). */
  async deleteSecret(scope: string, key: string, o: CallOptions = {}): Promise<void> {
    validateScopeName(scope);
    validateKeyName(key);
    await this.remove({ method: 'POST', path: `${BASE}/delete`, body: { scope, key },
      operation: `delete secret "${key}" of scope "${scope}"` }, this.context(o));
  }

  /**
   * Reads a secret's bytes (the answer's base64 decoded); use `decodeUtf8` for text. Many workspaces refuse
   * this outside notebooks with `BAD_REQUEST` (kind `invalid`).
   */
  async getSecret(scope: string, key: string, o: CallOptions = {}): Promise<Uint8Array> {
    validateScopeName(scope);
    validateKeyName(key);
    const call: HttpCall = { method: 'GET', path: `${BASE}/get`, query: { scope, key },
      operation: `read secret "${key}" of scope "${scope}"` };
    const answer = await this.transport.send(call, this.context(o));
    return fromBase64(this.parse(GetSecretResponse, answer, call).value);
  }

  /** Grants `principal` a permission on a scope, replacing any it had (needs MANAGE). */
  async putAcl(scope: string, principal: string, permission: Permission, o: CallOptions = {}): Promise<void> {
    validateScopeName(scope);
    validatePrincipal(principal);
    validatePermission(permission);
    await this.mutate({ method: 'POST', path: `${BASE}/acls/put`, body: { scope, principal, permission },
      operation: `give ${principal} ${permission} on scope "${scope}"` }, this.context(o));
  }

  /** Reads the permission of one principal on a scope (needs MANAGE). */
  async getAcl(scope: string, principal: string, o: CallOptions = {}): Promise<AclItem> {
    validateScopeName(scope);
    validatePrincipal(principal);
    const call: HttpCall = { method: 'GET', path: `${BASE}/acls/get`, query: { scope, principal },
      operation: `read the permission of ${principal} on scope "${scope}"` };
    const answer = await this.transport.send(call, this.context(o));
    const item = this.parse(GetAclResponse, answer, call);
    return { principal: item.principal, permission: item.permission };
  }

  /** Lists the ACLs of a scope (needs MANAGE). */
  async listAcls(scope: string, o: CallOptions = {}): Promise<AclItem[]> {
    validateScopeName(scope);
    return this.listAclsIn(scope, this.context(o));
  }

  /** Removes a principal's ACL from a scope (needs MANAGE). */
  async deleteAcl(scope: string, principal: string, o: CallOptions = {}): Promise<void> {
    validateScopeName(scope);
    validatePrincipal(principal);
    await this.remove({ method: 'POST', path: `${BASE}/acls/delete`, body: { scope, principal },
      operation: `remove the permission of ${principal} on scope "${scope}"` }, this.context(o));
  }

  /** Releases the connection pool; later calls fail with kind `cancelled` (`CLIENT_CLOSED`). */
  async close(): Promise<void> {
    await this.transport.close();
  }

  private context(o: CallOptions): CallContext {
    const deadlineMs = positiveNumber('deadlineMs', o.deadlineMs, this.deadlineMs);
    return { deadlineAt: Date.now() + deadlineMs, deadlineMs, ...(o.signal ? { signal: o.signal } : {}) };
  }

  private async listScopesIn(ctx: CallContext): Promise<Scope[]> {
    const call: HttpCall = { method: 'GET', path: `${BASE}/scopes/list`, operation: 'list scopes' };
    const answer = await this.transport.send(call, ctx);
    return this.parse(ListScopesResponse, answer, call).scopes.map((s) => ({
      name: s.name,
      backend_type: s.backend_type,
      ...(s.keyvault_metadata ? { keyvault_metadata: s.keyvault_metadata } : {}),
    }));
  }

  private async listAclsIn(scope: string, ctx: CallContext): Promise<AclItem[]> {
    const call: HttpCall = { method: 'GET', path: `${BASE}/acls/list`, query: { scope },
      operation: `list the permissions of scope "${scope}"` };
    const answer = await this.transport.send(call, ctx);
    return this.parse(ListAclsResponse, answer, call).items.map((i) => ({ principal: i.principal, permission: i.permission }));
  }

  private async mutate(call: HttpCall, ctx: CallContext): Promise<void> {
    this.parse(EmptyResponse, await this.transport.send(call, ctx), call);
  }

  /**
   * A delete call. When a retry after a lost answer meets `RESOURCE_DOES_NOT_EXIST`, the thing is gone,
   * most likely by our own first attempt: the call succeeds, since the state asked for is reached.
   */
  private async remove(call: HttpCall, ctx: CallContext): Promise<void> {
    try {
      await this.mutate(call, ctx);
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'not-found' && followedLostAnswer(err)) return;
      throw err;
    }
  }

  private parse<S extends z.ZodMiniType>(schema: S, answer: Answer, call: HttpCall): z.output<S> {
    const result = schema.safeParse(answer.json);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw notDatabricks({
      host: this.host, operation: call.operation, status: answer.status, json: answer.json,
      contentType: undefined, attempts: answer.attempts, sensitive: [],
    }, `${where}${issue?.message ?? 'unexpected shape'}`);
  }
}
