/**
 * Client defects found by review (issue 15, items 3, 4, 5, 7 and 8), each against a raw node:http server on
 * 127.0.0.1 or the emulator.
 */
import { strict as assert } from 'node:assert';
import { ApiError, ValidationError, decodeUtf8, tryDecodeUtf8, type SecretsClient } from '../../../src/core/api';
import { startEmulator } from '../../../src/core/emulator/server';
import { json, rawServerClients, refusal, rejection, startRawServer, testClient, text } from './helpers';

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const err = await rejection(promise);
  assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
  return err;
}

const TOKEN = 'dapi-test-token-0123456789';
/** What Databricks' Jetty front end has answered for an expired token. */
const JETTY_403 = '<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>\n' +
  '<title>Error 403 Invalid access token.</title>\n</head>\n<body><h2>HTTP ERROR 403</h2>\n' +
  '<p>Problem accessing /api/2.0/secrets/scopes/list. Reason:\n<pre>    Invalid access token.</pre></p>\n</body>\n</html>\n';

describe('api client: defects from review (issue 15)', () => {
  const setup = rawServerClients(TOKEN);

  describe('item 3: an HTML or text 403 about the token is auth, not "not a Databricks workspace"', () => {
    it("Jetty's \"Error 403 Invalid access token.\" page is auth (INVALID_TOKEN), quoting only the title", async () => {
      const { server, client } = await setup((_req, res) => text(res, 403, JETTY_403, 'text/html;charset=iso-8859-1'));
      const err = await apiError(client.listScopes());
      assert.deepEqual([err.kind, err.errorCode, err.status], ['auth', 'INVALID_TOKEN', 403]);
      assert.match(err.message, /Could not list scopes: Error 403 Invalid access token\. \(HTTP 403\)\. Check the token for http:\/\/127/);
      assert.doesNotMatch(err.message, /<|Problem accessing|Databricks workspace/);
      assert.equal(server.requests.length, 1, 'not retried');
    });

    it('the X-Databricks-Reason-Phrase header alone, or a text body about the token, is enough', async () => {
      const { client } = await setup((req, res) => {
        if (req.url?.includes('scopes/list')) text(res, 403, '', 'text/plain', { 'x-databricks-reason-phrase': 'Invalid access token.' });
        else text(res, 403, 'Your token has expired', 'text/plain');
      });
      const header = await apiError(client.listScopes());
      assert.deepEqual([header.kind, header.errorCode], ['auth', 'INVALID_TOKEN']);
      assert.match(header.message, /Invalid access token\./);
      const body = await apiError(client.listSecrets('s'));
      assert.deepEqual([body.kind, body.errorCode], ['auth', 'INVALID_TOKEN']);
      assert.match(body.message, /the token was refused \(HTTP 403\)/);
    });

    it('never quotes the token even if the page title echoes it; a 403 not about a token stays not-databricks', async () => {
      const { client } = await setup((req, res) => {
        if (req.url?.includes('scopes/list')) text(res, 403, `<title>Invalid token ${TOKEN}</title>`, 'text/html');
        else text(res, 403, '<html><title>Forbidden</title>Blocked by proxy policy</html>', 'text/html');
      });
      const echoed = await apiError(client.listScopes());
      assert.equal(echoed.kind, 'auth');
      assert.ok(!echoed.message.includes(TOKEN), echoed.message);
      assert.equal((await apiError(client.listSecrets('s'))).kind, 'not-databricks');
    });
  });

  describe('item 4: the overall deadline covers the token provider', () => {
    it('a provider that never settles ends the call at the deadline (TOKEN_TIMEOUT), aborting its signal', async () => {
      let given: AbortSignal | undefined;
      const { server, client } = await setup((_req, res) => json(res, 200, {}), {
        token: (signal) => {
          given = signal;
          return new Promise<string>(() => undefined);
        },
      });
      const started = Date.now();
      const err = await apiError(client.listScopes({ deadlineMs: 400 }));
      const took = Date.now() - started;
      assert.deepEqual([err.kind, err.errorCode], ['timeout', 'TOKEN_TIMEOUT']);
      assert.match(err.message, /token for http:\/\/127\.0\.0\.1:\d+ was not available within the overall deadline of 0\.4 s/);
      assert.ok(took >= 380 && took < 900, `took ${took} ms`);
      assert.equal(given?.aborted, true, "the provider's signal is aborted when the deadline passes");
      assert.equal(server.requests.length, 0);
    });

    it('a slow provider leaves less time for the request: 2 s provider, 1 s deadline fails after 1 s, not 3 s', async () => {
      const { server, client } = await setup(() => { /* never answers */ }, {
        timeoutMs: 5_000,
        token: () => new Promise<string>((resolve) => setTimeout(() => resolve(TOKEN), 2_000).unref()),
      });
      const started = Date.now();
      const err = await apiError(client.listScopes({ deadlineMs: 1_000 }));
      const took = Date.now() - started;
      assert.equal(err.errorCode, 'TOKEN_TIMEOUT');
      assert.ok(took < 1_500, `took ${took} ms`);
      assert.equal(server.requests.length, 0);
    });

    it('time spent waiting for the token is taken from the request: 600 ms token + silent host ends at 1 s', async () => {
      const { server, client } = await setup(() => { /* never answers */ }, {
        timeoutMs: 5_000,
        token: () => new Promise<string>((resolve) => setTimeout(() => resolve(TOKEN), 600)),
      });
      const started = Date.now();
      const err = await apiError(client.listScopes({ deadlineMs: 1_000 }));
      const took = Date.now() - started;
      assert.deepEqual([err.kind, err.errorCode], ['timeout', 'DEADLINE_EXCEEDED']);
      assert.equal(server.requests.length, 1);
      assert.ok(took >= 950 && took < 1_400, `took ${took} ms: the request must get only what is left of the 1 s`);
    });
  });

  describe('item 5: close() ends calls that are waiting', () => {
    it('a call waiting 25 s to retry after a 429 ends at once as CLIENT_CLOSED, and nothing more is sent', async () => {
      const { server, client } = await setup((_req, res) => json(res, 429, { error_code: 'REQUEST_LIMIT_EXCEEDED' }, { 'retry-after': '25' }),
        { deadlineMs: 60_000, retryPolicy: { baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 30_000 } });
      const pending = apiError(client.listScopes());
      while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50)); // now sleeping before the retry
      const closedAt = Date.now();
      await client.close();
      const err = await pending;
      assert.deepEqual([err.kind, err.errorCode], ['cancelled', 'CLIENT_CLOSED']);
      assert.ok(Date.now() - closedAt < 300, `settled ${Date.now() - closedAt} ms after close()`);
      assert.equal(server.requests.length, 1);
    });

    it('a call waiting for its token ends at once as CLIENT_CLOSED, and the provider sees its signal abort', async () => {
      let given: AbortSignal | undefined;
      const { server, client } = await setup((_req, res) => json(res, 200, {}), {
        deadlineMs: 60_000,
        token: (signal) => {
          given = signal;
          return new Promise<string>(() => undefined);
        },
      });
      const pending = apiError(client.listScopes());
      await new Promise((r) => setTimeout(r, 50));
      const closedAt = Date.now();
      await client.close();
      const err = await pending;
      assert.deepEqual([err.kind, err.errorCode], ['cancelled', 'CLIENT_CLOSED']);
      assert.ok(Date.now() - closedAt < 300);
      assert.equal(given?.aborted, true);
      assert.equal(server.requests.length, 0);
    });

    it("the caller's own abort still reads as CANCELLED, not CLIENT_CLOSED", async () => {
      const { client } = await setup((_req, res) => json(res, 429, { error_code: 'TOO_MANY_REQUESTS' }, { 'retry-after': '5' }),
        { deadlineMs: 20_000, retryPolicy: { baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10_000 } });
      const controller = new AbortController();
      const pending = apiError(client.listScopes({ signal: controller.signal }));
      await new Promise((r) => setTimeout(r, 100));
      controller.abort();
      assert.deepEqual([(await pending).errorCode], ['CANCELLED']);
    });
  });

  describe('item 7: a leading U+FEFF is part of the value', () => {
    it('decodeUtf8 and tryDecodeUtf8 keep it', () => {
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x62]);
      assert.equal(decodeUtf8(bytes), '\uFEFFab');
      assert.equal(tryDecodeUtf8(bytes), '\uFEFFab');
      assert.equal(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf])), '\uFEFF\uFEFF');
    });

    it('a string value starting with U+FEFF comes back intact through the emulator', async () => {
      const emulator = await startEmulator();
      const client = testClient(emulator.url);
      try {
        await client.createScope('bom');
        await client.putSecret('bom', 'k', '\uFEFFvalue');
        const bytes = await client.getSecret('bom', 'k');
        assert.equal(decodeUtf8(bytes), '\uFEFFvalue');
        assert.equal(tryDecodeUtf8(bytes), '\uFEFFvalue');
      } finally {
        await client.close();
        await emulator.close();
      }
    });
  });

  describe('item 8: client options are validated', () => {
    it('retryPolicy fields must be positive numbers of ms; undefined ones take the default', () => {
      for (const bad of [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, '10' as unknown as number]) {
        for (const field of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
          const e = refusal(() => testClient('http://127.0.0.1:1', TOKEN, { retryPolicy: { [field]: bad } }));
          assert.deepEqual([e.field, e.rule], [`retryPolicy.${field}`, 'positive'], `${field}=${String(bad)}`);
        }
      }
      const e = refusal(() => testClient('http://127.0.0.1:1', TOKEN, { retryPolicy: 5 as unknown as object }));
      assert.deepEqual([e.field, e.rule], ['retryPolicy', 'type']);
    });

    it('retryPolicy: { baseDelayMs: undefined } still waits between retries (not 6 attempts in 13 ms)', async () => {
      const { server, client } = await setup((_req, res) => json(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE' }),
        { maxRetries: 3, retryPolicy: { baseDelayMs: undefined, maxDelayMs: 40, maxRetryAfterMs: 1_000 } });
      await apiError(client.listScopes());
      assert.equal(server.requests.length, 4);
      const gaps = server.requests.slice(1).map((r, i) => r.at - (server.requests[i]?.at ?? 0));
      // The default base of 250 ms, capped at 40 ms, with jitter: each wait is 20 to 40 ms.
      assert.ok(gaps.every((g) => g >= 18), `gaps ${gaps.join(', ')} ms`);
    });

    it('timeoutMs and deadlineMs above 2^31-1 ms are refused instead of timing out at once', async () => {
      for (const field of ['timeoutMs', 'deadlineMs'] as const) {
        const e = refusal(() => testClient('http://127.0.0.1:1', TOKEN, { [field]: 2 ** 31 }));
        assert.deepEqual([e.field, e.rule], [field, 'max']);
        assert.match(e.message, /2147483647/);
      }
      refusal(() => testClient('http://127.0.0.1:1', TOKEN, { retryPolicy: { maxRetryAfterMs: 2 ** 31 } }));
      const { client } = await setup((_req, res) => json(res, 200, {}));
      const perCall = await rejection(client.listScopes({ deadlineMs: 2 ** 40 }));
      assert.ok(perCall instanceof ValidationError && perCall.field === 'deadlineMs' && perCall.rule === 'max');
      // The largest allowed values work.
      const big = testClient(client.host, TOKEN, { timeoutMs: 2 ** 31 - 1, deadlineMs: 2 ** 31 - 1 });
      try {
        assert.deepEqual(await big.listScopes(), []);
      } finally {
        await big.close();
      }
    });

    it('"Gave up after 1 attempt." (singular) when no retries are allowed', async () => {
      const { client } = await setup((_req, res) => json(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'down' }),
        { maxRetries: 0 });
      const err = await apiError(client.listScopes());
      assert.match(err.message, /Gave up after 1 attempt\.$/);
    });
  });
});
