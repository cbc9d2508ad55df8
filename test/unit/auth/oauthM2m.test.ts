import { strict as assert } from 'node:assert';
import { ApiError, SecretsClient } from '../../../src/core/api';
import { clientAuthOptions, oauthM2mTokenSource } from '../../../src/core/auth';
import { RunningEmulator, startEmulator } from '../../../src/core/emulator/server';
import { startRawServer } from '../api/helpers';

const CLIENT_ID = 'sp-1';
const SECRET = 'dose00112233445566778899aabbccddeeff';

describe('auth: OAuth M2M token source against the emulator', function () {
  this.timeout(20_000);
  /** Tokens live 1 s here (expiry tests); `longEmu` issues hour-long tokens. */
  let emu: RunningEmulator;
  let longEmu: RunningEmulator;
  let tokenRequests = 0;
  let apiStatuses: number[] = [];
  const clients: SecretsClient[] = [];

  before(async () => {
    const options = (tokenTtlSeconds: number): Parameters<typeof startEmulator>[0] => ({
      clients: { [CLIENT_ID]: { secret: SECRET, user: 'admin@example.com' } },
      tokenTtlSeconds,
      latencyMs: 20,
      onRequest: ({ path, status }) => {
        if (path === '/oidc/v1/token') tokenRequests++;
        else apiStatuses.push(status);
      },
    });
    emu = await startEmulator(options(1));
    longEmu = await startEmulator(options(3600));
    await (await fetch(emu.url)).text(); // loads Node's fetch before the timed tests
  });
  after(() => Promise.all([emu.close(), longEmu.close()]));
  beforeEach(() => {
    tokenRequests = 0;
    apiStatuses = [];
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  function client(source: ReturnType<typeof oauthM2mTokenSource>, withHook = true, host = emu.url): SecretsClient {
    const auth = clientAuthOptions(source);
    const c = new SecretsClient({ host, token: auth.token, ...(withHook ? { onTokenRejected: auth.onTokenRejected } : {}) });
    clients.push(c);
    return c;
  }

  it('gets one token for many concurrent calls (single-flight) and reuses it while valid', async () => {
    const c = client(oauthM2mTokenSource({ host: longEmu.url, clientId: CLIENT_ID, clientSecret: SECRET }), true, longEmu.url);
    await Promise.all(Array.from({ length: 20 }, () => c.listScopes()));
    await c.listScopes();
    assert.equal(tokenRequests, 1);
  });

  it('fetches a new token shortly before expires_in (a minute before, for hour-long tokens)', async () => {
    let clock = 0;
    const source = oauthM2mTokenSource({ host: longEmu.url, clientId: CLIENT_ID, clientSecret: SECRET, now: () => clock });
    const c = client(source, true, longEmu.url);
    await c.listScopes();
    clock = 3_535_000; // 65 s before the hour is up: still cached
    await c.listScopes();
    assert.equal(tokenRequests, 1);
    clock = 3_545_000; // 55 s before: fetched again
    await c.listScopes();
    assert.equal(tokenRequests, 2);
    assert.ok(!apiStatuses.includes(401), `no request was refused: ${apiStatuses.join(',')}`);
  });

  it('a token past its expiry is never sent: the emulator\'s 1 s tokens are replaced in time', async () => {
    const c = client(oauthM2mTokenSource({ host: emu.url, clientId: CLIENT_ID, clientSecret: SECRET }));
    await c.listScopes();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await c.listScopes();
    assert.equal(tokenRequests, 2);
    assert.deepEqual(apiStatuses, [200, 200]);
  });

  it('after a 401 fetches a new token and sends the request once more', async () => {
    // A frozen clock makes the source believe its token is fresh after the emulator expired it.
    const source = oauthM2mTokenSource({ host: emu.url, clientId: CLIENT_ID, clientSecret: SECRET, now: () => 0 });
    const c = client(source);
    await c.listScopes();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await c.listScopes();
    assert.equal(tokenRequests, 2);
    assert.deepEqual(apiStatuses, [200, 401, 200]);
  });

  it('without the hook the same 401 is an auth error (the hook is what refreshes)', async () => {
    const source = oauthM2mTokenSource({ host: emu.url, clientId: CLIENT_ID, clientSecret: SECRET, now: () => 0 });
    const c = client(source, false);
    await c.listScopes();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await assert.rejects(c.listScopes(), (e: unknown) => e instanceof ApiError && e.kind === 'auth');
    assert.equal(tokenRequests, 1);
  });

  it('a wrong secret is an auth error naming the client, never the secret; nothing is cached', async () => {
    const c = client(oauthM2mTokenSource({ host: emu.url, clientId: CLIENT_ID, clientSecret: `${SECRET}x` }));
    for (let i = 0; i < 2; i++) {
      await assert.rejects(c.listScopes(), (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.kind, 'auth');
        assert.equal(e.errorCode, 'OAUTH_INVALID_CLIENT');
        assert.match(e.message, /sp-1/);
        assert.ok(!e.message.includes(SECRET));
        return true;
      });
    }
    assert.equal(tokenRequests, 2);
    assert.deepEqual(apiStatuses, []);
  });

  it('sends the client-credentials grant with scope all-apis and HTTP Basic; a host without the endpoint is not-databricks', async () => {
    const raw = await startRawServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>not here</html>');
    });
    try {
      const source = oauthM2mTokenSource({ host: raw.url, clientId: CLIENT_ID, clientSecret: SECRET });
      await assert.rejects(source.token(), (e: unknown) => e instanceof ApiError && e.kind === 'not-databricks');
      const seen = raw.requests[0];
      assert.equal(seen.method, 'POST');
      assert.equal(seen.url, '/oidc/v1/token');
      assert.equal(seen.body, 'grant_type=client_credentials&scope=all-apis');
      assert.equal(seen.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(seen.headers.authorization, `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`);
    } finally {
      await raw.close();
    }
  });
});
