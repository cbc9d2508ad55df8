import { strict as assert } from 'node:assert';
import { request } from 'undici';
import { UsageError, parseEmulatorArgs } from '../../../src/core/emulator/args';
import { RunningEmulator, startEmulator } from '../../../src/core/emulator/server';
import { call, killSpawned, ok, spawnEmulator } from './helpers';

const SECRET = 'dose-emulator-secret-1';

interface TokenAnswer {
  status: number;
  json: Record<string, unknown>;
}

/** POSTs to /oidc/v1/token; `auth` is [id, secret] sent as HTTP Basic, or null for none. */
async function tokenRequest(
  base: string,
  options: { auth?: [string, string] | null; form?: Record<string, string>; contentType?: string; method?: string } = {},
): Promise<TokenAnswer> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
  };
  const auth = options.auth === undefined ? ['sp-admin', SECRET] : options.auth;
  if (auth) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(auth[0])}:${encodeURIComponent(auth[1])}`).toString('base64')}`;
  const form = options.form ?? { grant_type: 'client_credentials', scope: 'all-apis' };
  const res = await request(new URL('/oidc/v1/token', base), {
    method: (options.method ?? 'POST') as 'POST',
    headers,
    body: options.method === 'GET' ? undefined : new URLSearchParams(form).toString(),
  });
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
}

describe('emulator: OAuth M2M token endpoint (/oidc/v1/token)', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({
      clients: {
        'sp-admin': { secret: SECRET, user: 'admin@example.com' },
        'sp-plain': { secret: 'plain:secret', user: 'robot@example.com' },
      },
      tokenTtlSeconds: 1,
    });
  });
  after(() => emu.close());

  it('issues a bearer token for the client credentials grant, which the API accepts as the client\'s user', async () => {
    const answer = await tokenRequest(emu.url);
    assert.equal(answer.status, 200);
    assert.equal(answer.json.token_type, 'Bearer');
    assert.equal(answer.json.expires_in, 1);
    const token = answer.json.access_token as string;
    assert.match(token, /^\S{20,}$/);
    await ok(emu.url, 'scopes/create', { body: { scope: 'oauth-owned' }, token });
    // A secret with ':' in it (percent-encoded in the Basic header) and a non-admin user.
    const plain = await tokenRequest(emu.url, { auth: ['sp-plain', 'plain:secret'] });
    assert.equal(plain.status, 200);
    const denied = await call(emu.url, 'acls/list', { query: { scope: 'oauth-owned' }, token: plain.json.access_token as string });
    assert.equal(denied.status, 403, 'the plain client acts as robot@example.com, who holds no MANAGE');
    await ok(emu.url, 'acls/list', { query: { scope: 'oauth-owned' }, token });
  });

  it('accepts client_id and client_secret in the form instead of Basic', async () => {
    const answer = await tokenRequest(emu.url, {
      auth: null,
      form: { grant_type: 'client_credentials', scope: 'all-apis', client_id: 'sp-admin', client_secret: SECRET },
    });
    assert.equal(answer.status, 200);
  });

  it('refuses wrong or missing client credentials, grants, scopes, content types and methods, OAuth style', async () => {
    const cases: [Parameters<typeof tokenRequest>[1], number, string][] = [
      [{ auth: ['sp-admin', 'wrong'] }, 401, 'invalid_client'],
      [{ auth: ['nobody', SECRET] }, 401, 'invalid_client'],
      [{ auth: null }, 401, 'invalid_client'],
      [{ form: { grant_type: 'password', scope: 'all-apis' } }, 400, 'unsupported_grant_type'],
      [{ form: { grant_type: 'client_credentials', scope: 'sql' } }, 400, 'invalid_scope'],
      [{ contentType: 'application/json' }, 400, 'invalid_request'],
      [{ method: 'GET' }, 405, 'invalid_request'],
    ];
    for (const [options, status, error] of cases) {
      const answer = await tokenRequest(emu.url, options);
      assert.equal(answer.status, status, JSON.stringify(options));
      assert.equal(answer.json.error, error, JSON.stringify(options));
      assert.ok(!JSON.stringify(answer.json).includes(SECRET));
    }
  });

  it('tokens stop working after --token-ttl seconds (401 "Token expired."); unknown tokens are invalid', async () => {
    const token = (await tokenRequest(emu.url)).json.access_token as string;
    await ok(emu.url, 'scopes/list', { token });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await call(emu.url, 'scopes/list', { token });
    assert.equal(expired.status, 401);
    assert.equal(expired.json?.message, 'Token expired.');
    const unknown = await call(emu.url, 'scopes/list', { token: 'dbemu-oauth-made-up' });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json?.message, 'Invalid access token.');
  });

  describe('command line', () => {
    afterEach(killSpawned);

    it('--client ID=SECRET:USER and --token-ttl N are parsed (a secret may hold ":" and "=")', () => {
      assert.deepEqual(parseEmulatorArgs(['--client', 'id-1=s:e=c:sp@example.com', '--token-ttl=30']), {
        help: false,
        options: { port: 8787, clients: { 'id-1': { secret: 's:e=c', user: 'sp@example.com' } }, tokenTtlSeconds: 30 },
      });
      for (const bad of [['--client', 'id'], ['--client', '=s:u'], ['--client', 'id=:u'], ['--client', 'id=s:'], ['--token-ttl', '0']]) {
        assert.throws(() => parseEmulatorArgs(bad), UsageError, bad.join(' '));
      }
    });

    it('the emulator started with --client serves tokens', async () => {
      const spawned = await spawnEmulator(['--port', '0', '--client', `cli-sp=${SECRET}:admin@example.com`, '--token-ttl', '60']);
      const answer = await tokenRequest(spawned.url, { auth: ['cli-sp', SECRET] });
      assert.equal(answer.status, 200);
      assert.equal(answer.json.expires_in, 60);
      await ok(spawned.url, 'scopes/list', { token: answer.json.access_token as string });
    });
  });
});
