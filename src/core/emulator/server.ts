import { existsSync, readFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DurableFile } from './durableFile';
import { EmulatorFault, badRequest, malformed, unauthenticated } from './errors';
import { RateLimiter, injectFailure } from './faults';
import { readBody, sendFault, sendJson } from './http';
import { Caller, ScopeRecord } from './model';
import { DEFAULT_TOKEN_TTL_SECONDS, OAuthClient, OAuthIssuer, TOKEN_PATH } from './oauth';
import { API_PREFIX, ROUTES } from './routes';
import { DEMO_GROUPS, demoScopes } from './seed';
import { fromSnapshot, toSnapshot } from './snapshot';
import { Workspace } from './workspace';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port; default 0 = a free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Persistence file: every change is written (temp file, fsync, rename, fsync dir) before it is answered. */
  dataFile?: string;
  /** `demo` fills a new workspace (or a data file that does not exist yet) with realistic scopes, keys and ACLs. */
  seed?: 'demo';
  /** Injected latency per request, in milliseconds. */
  latencyMs?: number;
  /** Fraction 0..1 of requests answered 503 TEMPORARILY_UNAVAILABLE with `Retry-After: 1`. */
  failRate?: number;
  /** Most requests per second per token; more answer 429 REQUEST_LIMIT_EXCEEDED with `Retry-After`. */
  rateLimit?: number;
  /** Token -> user. Default {@link DEFAULT_TOKENS}. */
  tokens?: Record<string, string>;
  /** Users who are workspace admins (MANAGE on every scope). Default `['admin@example.com']`. */
  admins?: string[];
  /** `get` answers BAD_REQUEST, like workspaces that only allow reading values from notebooks. */
  restrictGet?: boolean;
  /** Creating a Key Vault-backed scope is refused (INVALID_PARAMETER_VALUE), as Azure Databricks refuses it to a personal access token. */
  keyVaultNeedsAad?: boolean;
  /** Scope cap (RESOURCE_LIMIT_EXCEEDED beyond it); default 1000. */
  maxScopes?: number;
  /** Group -> members, for group ACLs (`users` and `admins` are implicit). Default: none, or the demo groups with `seed: 'demo'`. */
  groups?: Record<string, string[]>;
  /** Random source for `failRate` (tests pass a deterministic one). */
  random?: () => number;
  /** Called after each answer with method, path (no query) and status; never with headers or bodies. */
  onRequest?: (event: { method: string; path: string; status: number }) => void;
  /** OAuth M2M clients (service principals) by client id, served by `POST /oidc/v1/token`. Default: none. */
  clients?: Record<string, OAuthClient>;
  /** Lifetime of OAuth access tokens in seconds; default 3600. */
  tokenTtlSeconds?: number;
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  /** Stops listening, lets requests in flight finish, and waits until every change is on disk. */
  close(): Promise<void>;
}

/** Tokens accepted when none are configured: one admin and one plain user. */
export const DEFAULT_TOKENS: Readonly<Record<string, string>> = {
  'dapi-local-admin': 'admin@example.com',
  'dapi-local-user': 'user@example.com',
};
/** Admins when none are configured. */
export const DEFAULT_ADMINS: readonly string[] = ['admin@example.com'];

/** Starts a local Databricks Secrets API 2.0 emulator. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkOptions(options);
  const tokens = new Map(Object.entries(options.tokens ?? DEFAULT_TOKENS));
  const admins = new Set(options.admins ?? DEFAULT_ADMINS);
  const now = Date.now;

  const existing = options.dataFile !== undefined && existsSync(options.dataFile);
  let initial: ScopeRecord[] = [];
  if (existing) initial = fromSnapshot(readFileSync(options.dataFile as string, 'utf8'), options.dataFile as string);
  else if (options.seed === 'demo') initial = demoScopes(now());

  const workspace = new Workspace(
    {
      maxScopes: options.maxScopes,
      restrictGet: options.restrictGet,
      keyVaultNeedsAad: options.keyVaultNeedsAad,
      groups: options.groups ?? (options.seed === 'demo' ? DEMO_GROUPS : {}),
      now,
    },
    initial,
  );
  const store = options.dataFile ? new DurableFile(options.dataFile, () => toSnapshot(workspace.allScopes())) : undefined;
  if (store && !existing) await store.commit();

  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit, now) : undefined;
  const random = options.random ?? Math.random;
  const issuer = new OAuthIssuer(new Map(Object.entries(options.clients ?? {})), options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS, now);

  const callerFor = (req: IncomingMessage): { caller: Caller; token: string } => {
    const header = req.headers.authorization;
    if (!header) throw unauthenticated('Credential was not sent or was of an unsupported type for this API.');
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match) throw unauthenticated('Invalid access token.');
    let user = tokens.get(match[1]);
    if (user === undefined) {
      const issued = issuer.check(match[1]);
      if (issued.status === 'expired') throw unauthenticated('Token expired.');
      if (issued.status === 'unknown') throw unauthenticated('Invalid access token.');
      user = issued.user;
    }
    return { caller: { user, admin: admins.has(user) }, token: match[1] };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (options.latencyMs) await sleep(options.latencyMs);
    injectFailure(options.failRate ?? 0, random);
    const url = requestUrl(req);
    if (url.pathname === TOKEN_PATH) return issuer.handle(req, res);
    const name = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : undefined;
    const route = name !== undefined && Object.prototype.hasOwnProperty.call(ROUTES, name) ? ROUTES[name] : undefined;
    if (!route) {
      throw new EmulatorFault(404, 'ENDPOINT_NOT_FOUND', `No API found for '${req.method} ${url.pathname}'.`);
    }
    if (req.method !== route.method) {
      throw new EmulatorFault(405, 'BAD_REQUEST', `${url.pathname} accepts ${route.method}, not ${req.method}.`, {
        Allow: route.method,
      });
    }
    const { caller, token } = callerFor(req);
    limiter?.admit(token);
    let body: unknown;
    if (route.method === 'POST') body = parseJson(await readBody(req));
    const answer = route.handle({ caller, workspace, body, query: url.searchParams });
    if (store) await (route.mutates ? store.commit() : store.flushed());
    sendJson(res, 200, answer);
  };

  const server = createServer((req, res) => {
    if (options.onRequest) {
      const report = options.onRequest;
      res.on('finish', () => report({ method: req.method ?? '', path: (req.url ?? '').split('?')[0], status: res.statusCode }));
    }
    handle(req, res).catch((error: unknown) => {
      if (error instanceof EmulatorFault) {
        sendFault(res, error);
      } else if (req.destroyed || res.destroyed) {
        // The client went away mid-request; there is no one to answer.
      } else {
        // Never echo request content: it may hold a secret value.
        console.error(`emulator: internal error on ${req.method} ${(req.url ?? '').split('?')[0]}: ${(error as Error).message}`);
        sendJson(res, 500, { error_code: 'INTERNAL_ERROR', message: 'The emulator failed to handle this request.' });
      }
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        await closed;
        clearTimeout(force);
        await store?.flushed();
      })();
      return closing;
    },
  };
}

function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://emulator');
  } catch {
    throw badRequest('The request target is not a valid URL.');
  }
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) throw malformed('Request body is empty; expected a JSON object.');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw malformed('Request body is not valid JSON.');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function checkOptions(o: EmulatorOptions): void {
  const fail = (field: string, rule: string): never => {
    throw new RangeError(`Emulator option ${field} ${rule}.`);
  };
  if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535)) fail('port', 'must be an integer 0..65535');
  if (o.latencyMs !== undefined && !(Number.isFinite(o.latencyMs) && o.latencyMs >= 0)) fail('latencyMs', 'must be a number >= 0');
  if (o.failRate !== undefined && !(o.failRate >= 0 && o.failRate <= 1)) fail('failRate', 'must be between 0 and 1');
  if (o.rateLimit !== undefined && !(Number.isInteger(o.rateLimit) && o.rateLimit > 0)) fail('rateLimit', 'must be a positive integer');
  if (o.maxScopes !== undefined && !(Number.isInteger(o.maxScopes) && o.maxScopes >= 0)) fail('maxScopes', 'must be an integer >= 0');
  if (o.seed !== undefined && o.seed !== 'demo') fail('seed', 'must be "demo"');
  if (o.tokens !== undefined && Object.keys(o.tokens).length === 0) fail('tokens', 'must map at least one token to a user');
  for (const token of Object.keys(o.tokens ?? {})) if (!/^\S+$/.test(token)) fail('tokens', 'must not contain whitespace');
  if (o.tokenTtlSeconds !== undefined && !(Number.isFinite(o.tokenTtlSeconds) && o.tokenTtlSeconds > 0)) fail('tokenTtlSeconds', 'must be a number > 0');
  for (const [id, client] of Object.entries(o.clients ?? {})) {
    if (!id || !client?.secret || !client.user) fail('clients', 'must map a client id to a secret and a user');
  }
}
