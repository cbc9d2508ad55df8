/**
 * OAuth machine-to-machine sign-in for a service principal: `POST {host}/oidc/v1/token` with the
 * client-credentials grant and `scope=all-apis`, the client id and secret sent as HTTP Basic. The token is kept
 * in memory (never stored) until shortly before `expires_in`, fetched single-flight, and fetched again after a 401.
 */
import { ApiError } from '../api/errors';
import { validateHost } from '../api/validate';
import { TokenCache, type FetchedToken } from './tokenCache';
import type { RefreshingTokenSource } from './types';

/** Options of {@link oauthM2mTokenSource}. */
export interface OAuthM2mOptions {
  /** Workspace URL. */
  host: string;
  clientId: string;
  clientSecret: string;
  /** Time-out of one token request in ms; default 30000. */
  timeoutMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

/** Path of the workspace's token endpoint. */
export const OIDC_TOKEN_PATH = '/oidc/v1/token';

/** A token source for a service principal; plug it into SecretsClient with {@link clientAuthOptions}. */
export function oauthM2mTokenSource(options: OAuthM2mOptions): RefreshingTokenSource & { clear(): void } {
  const host = validateHost(options.host);
  if (!options.clientId || !options.clientSecret) {
    throw new ApiError('auth', 'OAUTH_NO_CREDENTIALS', `No OAuth client ID or secret for ${host}; set the service principal's credentials.`);
  }
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new TokenCache(() => requestToken(host, options.clientId, options.clientSecret, timeoutMs, now), now);
}

async function requestToken(host: string, clientId: string, secret: string, timeoutMs: number, now: () => number): Promise<FetchedToken> {
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64');
  const what = `get an OAuth token for client ${clientId} from ${host}`;
  let res: Response;
  try {
    res = await fetch(`${host}${OIDC_TOKEN_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials&scope=all-apis',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ApiError('timeout', 'OAUTH_TOKEN_TIMEOUT', `Could not ${what}: no answer within ${Math.round(timeoutMs / 1000)} s.`);
    }
    const code = ((error as { cause?: { code?: string } })?.cause?.code) ?? 'network error';
    throw new ApiError('network', 'OAUTH_TOKEN_NETWORK', `Could not ${what} (${code}). Check the workspace URL and your network.`);
  }
  let json: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(await res.text());
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  const oauthError = typeof json?.error === 'string' && /^[a-z_]{1,64}$/.test(json.error) ? json.error : undefined;
  if (res.status === 401 || oauthError === 'invalid_client') {
    throw new ApiError('auth', 'OAUTH_INVALID_CLIENT',
      `Could not ${what}: the client ID or secret was refused (invalid_client). Check the service principal's ` +
      'OAuth secret: it may be mistyped, expired or deleted.', { status: res.status });
  }
  if (res.status >= 500 || res.status === 429) {
    throw new ApiError(res.status === 429 ? 'rate-limited' : 'unavailable', 'OAUTH_TOKEN_UNAVAILABLE',
      `Could not ${what}: the token endpoint answered ${res.status}. Try again later.`, { status: res.status });
  }
  if (oauthError) {
    throw new ApiError('auth', `OAUTH_${oauthError.toUpperCase()}`, `Could not ${what}: the token endpoint refused the request (${oauthError}).`, { status: res.status });
  }
  const token = json?.access_token;
  const expiresIn = Number(json?.expires_in);
  if (res.status !== 200 || typeof token !== 'string' || token === '') {
    throw new ApiError('not-databricks', 'OAUTH_NO_ENDPOINT',
      `Could not ${what}: ${OIDC_TOKEN_PATH} answered ${res.status} without a token. Check that the URL is a ` +
      'Databricks workspace with OAuth enabled.', { status: res.status });
  }
  return { token, expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now() + expiresIn * 1000 : undefined };
}
