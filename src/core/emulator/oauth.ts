/**
 * The emulator's OAuth machine-to-machine token endpoint, `POST /oidc/v1/token`, as a Databricks workspace
 * serves it for service principals: client-credentials grant, `scope=all-apis`, the client authenticated with
 * HTTP Basic (or `client_id`/`client_secret` in the form). It issues opaque bearer tokens that expire after a
 * set number of seconds; the API then accepts them as the client's user until they expire.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http';

/** Path of the token endpoint. */
export const TOKEN_PATH = '/oidc/v1/token';
/** Token lifetime when none is configured (one hour, as Databricks issues them). */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** One OAuth client (service principal): its secret and the user its tokens act as. */
export interface OAuthClient {
  secret: string;
  user: string;
}

/** What a bearer token means to the emulator. */
export type IssuedToken = { status: 'valid'; user: string } | { status: 'expired' } | { status: 'unknown' };

/** Most issued tokens remembered; the oldest are forgotten first (they read as unknown). */
const MAX_TOKENS = 100_000;

/** Issues and checks OAuth access tokens for configured clients. */
export class OAuthIssuer {
  private readonly issued = new Map<string, { user: string; expiresAt: number }>();

  constructor(
    private readonly clients: ReadonlyMap<string, OAuthClient>,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  /** What `token` is: issued here and still valid (with its user), issued here but expired, or unknown. */
  check(token: string): IssuedToken {
    const found = this.issued.get(token);
    if (!found) return { status: 'unknown' };
    if (this.now() >= found.expiresAt) return { status: 'expired' };
    return { status: 'valid', user: found.user };
  }

  /** Answers one request to {@link TOKEN_PATH}. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, oauthError('invalid_request', 'The token endpoint accepts POST only.'), { Allow: 'POST' });
      return;
    }
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const raw = (await readBody(req)).toString('utf8');
    if (type !== 'application/x-www-form-urlencoded') {
      sendJson(res, 400, oauthError('invalid_request', 'The body must be application/x-www-form-urlencoded.'));
      return;
    }
    const form = new URLSearchParams(raw);
    const credentials = basicCredentials(req.headers.authorization) ?? formCredentials(form);
    if (!credentials) {
      sendJson(res, 401, oauthError('invalid_client', 'Client authentication is missing.'), { 'WWW-Authenticate': 'Basic' });
      return;
    }
    const client = this.clients.get(credentials.id);
    if (!client || !sameText(client.secret, credentials.secret)) {
      sendJson(res, 401, oauthError('invalid_client', 'Client authentication failed.'), { 'WWW-Authenticate': 'Basic' });
      return;
    }
    if (form.get('grant_type') !== 'client_credentials') {
      sendJson(res, 400, oauthError('unsupported_grant_type', 'Only grant_type=client_credentials is supported.'));
      return;
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (!scopes.includes('all-apis')) {
      sendJson(res, 400, oauthError('invalid_scope', 'The scope must include all-apis.'));
      return;
    }
    const token = `dbemu-oauth-${randomBytes(24).toString('base64url')}`;
    if (this.issued.size >= MAX_TOKENS) this.issued.delete(this.issued.keys().next().value as string);
    this.issued.set(token, { user: client.user, expiresAt: this.now() + this.ttlSeconds * 1000 });
    sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds, scope: 'all-apis' },
      { 'Cache-Control': 'no-store' });
  }
}

function oauthError(error: string, description: string): object {
  return { error, error_description: description };
}

/** Client id and secret from `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = header ? /^Basic[ \t]+([A-Za-z0-9+/=]+)[ \t]*$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return undefined;
  }
}

function formCredentials(form: URLSearchParams): { id: string; secret: string } | undefined {
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id && secret ? { id, secret } : undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
