/** Faults the emulator cannot produce, served by raw node:http servers on 127.0.0.1. */
import { strict as assert } from 'node:assert';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, decodeUtf8, type SecretsClient } from '../../../src/core/api';
import { json, rawServerClients, rejection, startRawServer, testClient, text, type RawHandler, type RawServer } from './helpers';

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const err = await rejection(promise);
  assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
  return err;
}

const LOGIN_PAGE = '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Sign in</form></body></html>';

describe('api client faults (raw servers)', () => {
  const setup = rawServerClients('dapi-test-token-0123456789');

  describe('retries', () => {
    it('429 with Retry-After: 1 is honoured (waits about a second) and then succeeds', async () => {
      const { server, client } = await setup((_req, res, _b, n) => {
        if (n === 0) json(res, 429, { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }, { 'retry-after': '1' });
        else json(res, 200, { scopes: [{ name: 's', backend_type: 'DATABRICKS' }] });
      });
      const started = Date.now();
      const scopes = await client.listScopes();
      const waited = (server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0);
      assert.deepEqual(scopes, [{ name: 's', backend_type: 'DATABRICKS' }]);
      assert.equal(server.requests.length, 2);
      assert.ok(waited >= 990, `waited ${waited} ms, expected at least 1 s`);
      assert.ok(Date.now() - started < 2_500, 'not much longer than asked');
    });

    it('a Retry-After beyond the cap is cut to the cap', async () => {
      const { server, client } = await setup((_req, res, _b, n) => {
        if (n === 0) json(res, 429, { error_code: 'TOO_MANY_REQUESTS' }, { 'retry-after': '100' });
        else json(res, 200, {});
      }, { retryPolicy: { baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 150 } });
      await client.listScopes();
      const waited = (server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0);
      assert.ok(waited >= 140 && waited < 1_000, `waited ${waited} ms`);
    });

    it('502, 503 (plain text) and 504 are retried, then the call succeeds', async () => {
      const { server, client } = await setup((_req, res, _b, n) => {
        if (n === 0) text(res, 502, 'Bad Gateway', 'text/plain');
        else if (n === 1) json(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' });
        else if (n === 2) text(res, 504, '<html>Gateway Timeout</html>', 'text/html');
        else json(res, 200, { secrets: [{ key: 'k', last_updated_timestamp: 1700000000000 }] });
      });
      assert.deepEqual(await client.listSecrets('s'), [{ key: 'k', last_updated_timestamp: 1700000000000 }]);
      assert.equal(server.requests.length, 4);
    });

    it('gives up after maxRetries with the last error, saying so', async () => {
      const { server, client } = await setup((_req, res) => json(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'down' }),
        { maxRetries: 2 });
      const err = await apiError(client.listScopes());
      assert.deepEqual([err.kind, err.errorCode, err.status], ['unavailable', 'TEMPORARILY_UNAVAILABLE', 503]);
      assert.match(err.message, /Gave up after 3 attempts/);
      assert.equal(server.requests.length, 3);
    });

    it('the overall deadline gives up with a clear error instead of waiting past it', async () => {
      // The first answer asks for a short backoff, every later one for a 2 s Retry-After: the second wait would
      // pass the 0.8 s deadline, so the client must give up at once rather than sleep. (No request is in flight
      // when the deadline falls, so a slow machine cannot turn this into a timeout.)
      const { server, client } = await setup((_req, res, _b, n) => json(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE' },
        n === 0 ? {} : { 'retry-after': '2' }),
      { maxRetries: 50, deadlineMs: 800, retryPolicy: { baseDelayMs: 20, maxDelayMs: 20, maxRetryAfterMs: 30_000 } });
      const started = Date.now();
      const err = await apiError(client.listScopes());
      const took = Date.now() - started;
      assert.deepEqual([err.kind, err.errorCode], ['unavailable', 'TEMPORARILY_UNAVAILABLE']);
      assert.match(err.message, /Gave up after 2 attempts: waiting 2(\.\d)? s more would pass the 0\.8 s deadline/);
      assert.equal(server.requests.length, 2, 'it retried once within the deadline, then stopped');
      assert.ok(took < 800, `took ${took} ms: it should give up without waiting out the 0.8 s deadline`);
    });

    it('the deadline also cuts a request that is still waiting for its answer', async () => {
      const { client } = await setup(() => { /* never answers */ }, { timeoutMs: 5_000, deadlineMs: 300 });
      const started = Date.now();
      const err = await apiError(client.listScopes());
      assert.deepEqual([err.kind, err.errorCode], ['timeout', 'DEADLINE_EXCEEDED']);
      assert.match(err.message, /overall deadline of 0\.3 s/);
      assert.ok(Date.now() - started < 1_000);
    });

    it('a per-call deadline overrides the client default', async () => {
      const { client } = await setup(() => { /* never answers */ }, { timeoutMs: 5_000, deadlineMs: 5_000 });
      const started = Date.now();
      const err = await apiError(client.listScopes({ deadlineMs: 150 }));
      assert.equal(err.errorCode, 'DEADLINE_EXCEEDED');
      assert.ok(Date.now() - started < 900);
    });

    it('a connection reset is retried and the call succeeds', async () => {
      const { server, client } = await setup((req, res, _b, n) => {
        if (n === 0) req.socket.destroy();
        else json(res, 200, { items: [{ principal: 'users', permission: 'READ' }] });
      });
      assert.deepEqual(await client.listAcls('s'), [{ principal: 'users', permission: 'READ' }]);
      assert.equal(server.requests.length, 2);
    });

    it('resets that never stop end as a network error after the retries', async () => {
      const { server, client } = await setup((req) => req.socket.destroy(), { maxRetries: 2 });
      const err = await apiError(client.listScopes());
      assert.deepEqual([err.kind, err.errorCode], ['network', 'CONNECTION_RESET']);
      assert.match(err.message, /closed before the answer arrived/);
      assert.equal(server.requests.length, 3);
    });

    it('a refused connection fails at once as a network error (not retried)', async () => {
      const { server, client } = await setup((_req, res) => json(res, 200, {}));
      await server.close();
      const started = Date.now();
      const err = await apiError(client.listScopes());
      assert.deepEqual([err.kind, err.errorCode], ['network', 'NETWORK_ERROR']);
      assert.match(err.message, /ECONNREFUSED/);
      assert.ok(Date.now() - started < 1_000);
    });

    it('errors other than 429/502/503/504 are not retried', async () => {
      const { server, client } = await setup((_req, res) => json(res, 500, { error_code: 'INTERNAL_ERROR', message: 'boom' }));
      const err = await apiError(client.listScopes());
      assert.deepEqual([err.kind, err.errorCode, err.status], ['unavailable', 'INTERNAL_ERROR', 500]);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('timeouts and cancellation', () => {
    it('a server that never answers hits the per-request timeout', async () => {
      const { server, client } = await setup(() => { /* never answers */ }, { timeoutMs: 200 });
      const started = Date.now();
      const err = await apiError(client.listScopes());
      const took = Date.now() - started;
      assert.deepEqual([err.kind, err.errorCode], ['timeout', 'TIMEOUT']);
      assert.match(err.message, /did not answer within 0\.2 s/);
      assert.ok(took >= 190 && took < 1_000, `took ${took} ms`);
      assert.equal(server.requests.length, 1, 'a timeout is not retried');
    });

    it('a body that stalls halfway also hits the timeout', async () => {
      const { client } = await setup((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"scopes": [');
      }, { timeoutMs: 200 });
      const err = await apiError(client.listScopes());
      assert.equal(err.kind, 'timeout');
    });

    it('aborting stops an in-flight call at once', async () => {
      const { client } = await setup(() => { /* never answers */ }, { timeoutMs: 10_000 });
      const controller = new AbortController();
      const pending = apiError(client.listScopes({ signal: controller.signal }));
      await new Promise((r) => setTimeout(r, 100));
      const abortedAt = Date.now();
      controller.abort();
      const err = await pending;
      assert.deepEqual([err.kind, err.errorCode], ['cancelled', 'CANCELLED']);
      assert.ok(Date.now() - abortedAt < 100, `stopped ${Date.now() - abortedAt} ms after the abort`);
    });

    it('aborting stops a call that is waiting to retry, and no further request is sent', async () => {
      const { server, client } = await setup((_req, res) => json(res, 429, { error_code: 'TOO_MANY_REQUESTS' }, { 'retry-after': '5' }),
        { retryPolicy: { baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10_000 }, deadlineMs: 20_000 });
      const controller = new AbortController();
      const pending = apiError(client.listScopes({ signal: controller.signal }));
      await new Promise((r) => setTimeout(r, 150));
      const abortedAt = Date.now();
      controller.abort();
      const err = await pending;
      assert.equal(err.kind, 'cancelled');
      assert.ok(Date.now() - abortedAt < 100);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(server.requests.length, 1);
    });

    it('an already aborted signal sends nothing', async () => {
      const { server, client } = await setup((_req, res) => json(res, 200, {}));
      const err = await apiError(client.listScopes({ signal: AbortSignal.abort() }));
      assert.equal(err.kind, 'cancelled');
      assert.equal(server.requests.length, 0);
    });

    it('after close() calls fail as CLIENT_CLOSED without a request', async () => {
      const { server, client } = await setup((_req, res) => json(res, 200, {}));
      await client.listScopes();
      await client.close();
      const err = await apiError(client.listScopes());
      assert.deepEqual([err.kind, err.errorCode], ['cancelled', 'CLIENT_CLOSED']);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('answers that are not Databricks-like', () => {
    it('an HTML login page (200) is not-databricks, with no JSON parse trace', async () => {
      const { client } = await setup((_req, res) => text(res, 200, LOGIN_PAGE, 'text/html; charset=utf-8'));
      const err = await apiError(client.listScopes());
      assert.deepEqual([err.kind, err.errorCode, err.status], ['not-databricks', 'NOT_DATABRICKS', 200]);
      assert.match(err.message, /did not answer like a Databricks workspace \(HTTP 200, text\/html\)/);
      assert.doesNotMatch(err.message, /JSON|Unexpected token|SyntaxError|<html/i);
    });

    it('a plain-text 403 from a proxy and an HTML 404 are not-databricks', async () => {
      const { client } = await setup((req, res) => {
        if (req.url?.includes('scopes')) text(res, 403, 'Forbidden by proxy policy', 'text/plain');
        else text(res, 404, '<html><body>Not Found</body></html>', 'text/html');
      });
      assert.equal((await apiError(client.listScopes())).kind, 'not-databricks');
      assert.equal((await apiError(client.listSecrets('s'))).kind, 'not-databricks');
    });

    it('JSON of the wrong shape is not-databricks (UNEXPECTED_RESPONSE) naming the field', async () => {
      const { client } = await setup((_req, res) => json(res, 200, { scopes: [{ name: 42 }] }));
      const err = await apiError(client.listScopes());
      assert.deepEqual([err.kind, err.errorCode], ['not-databricks', 'UNEXPECTED_RESPONSE']);
      assert.match(err.message, /scopes\.0\.name/);
    });

    it('a get answer whose value is not base64 is not-databricks', async () => {
      const { client } = await setup((_req, res) => json(res, 200, { key: 'k', value: 'not base64!' }));
      assert.equal((await apiError(client.getSecret('s', 'k'))).errorCode, 'UNEXPECTED_RESPONSE');
    });

    it('a 401 with an HTML body is still auth', async () => {
      const { client } = await setup((_req, res) => text(res, 401, '<html>Unauthorized</html>', 'text/html'));
      const err = await apiError(client.listScopes());
      assert.deepEqual([err.kind, err.errorCode, err.status], ['auth', 'UNAUTHENTICATED', 401]);
    });
  });

  describe('error codes', () => {
    it('a numeric error_code is normalised to its decimal string; a 403 about the token is auth', async () => {
      const { client } = await setup((req, res) => {
        if (req.url?.includes('scopes')) json(res, 403, { error_code: 403, message: 'Invalid access token.' });
        else json(res, 404, { error_code: 404, message: 'No such thing' });
      });
      const auth = await apiError(client.listScopes());
      assert.deepEqual([auth.kind, auth.errorCode, auth.status], ['auth', '403', 403]);
      assert.match(auth.message, /Invalid access token\..*Check the token/);
      const missing = await apiError(client.listSecrets('s'));
      assert.deepEqual([missing.kind, missing.errorCode], ['not-found', '404']);
    });

    it('maps every documented code to its kind', async () => {
      const table: [number, string, string][] = [
        [400, 'INVALID_PARAMETER_VALUE', 'invalid'],
        [400, 'MALFORMED_REQUEST', 'invalid'],
        [400, 'BAD_REQUEST', 'invalid'],
        [400, 'RESOURCE_LIMIT_EXCEEDED', 'limit'],
        [400, 'RESOURCE_ALREADY_EXISTS', 'already-exists'],
        [404, 'RESOURCE_DOES_NOT_EXIST', 'not-found'],
        [403, 'PERMISSION_DENIED', 'permission'],
        [403, 'CUSTOMER_UNAUTHORIZED', 'permission'],
        [401, 'UNAUTHENTICATED', 'auth'],
        [429, 'REQUEST_LIMIT_EXCEEDED', 'rate-limited'],
        [429, 'TOO_MANY_REQUESTS', 'rate-limited'],
        [503, 'TEMPORARILY_UNAVAILABLE', 'unavailable'],
        [400, 'SOMETHING_NEW', 'invalid'],
        [409, 'SOMETHING_NEWER', 'already-exists'],
      ];
      let next = 0;
      const { client } = await setup((_req, res) => {
        const [status, code] = table[next++] ?? [500, 'X'];
        json(res, status, { error_code: code, message: `server says ${code}` });
      }, { maxRetries: 0 });
      for (const [status, code, kind] of table) {
        const err = await apiError(client.listScopes());
        assert.deepEqual([err.status, err.errorCode, err.kind], [status, code, kind]);
        assert.match(err.message, new RegExp(`Could not list scopes: server says ${code} \\(${code}, HTTP ${status}\\)`));
      }
    });

    it('a 404 without error_code is not-found (NOT_FOUND)', async () => {
      const { client } = await setup((_req, res) => json(res, 404, {}));
      const err = await apiError(client.getSecret('s', 'k'));
      assert.deepEqual([err.kind, err.errorCode, err.status], ['not-found', 'NOT_FOUND', 404]);
    });

    it('the token and the secret value never appear in a message, even when the server echoes them', async () => {
      const { client } = await setup((_req, res, body) => {
        json(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: `bad request ${body} with dapi-test-token-0123456789` });
      });
      const err = await apiError(client.putSecret('s', 'k', 'hunter2-super-secret'));
      assert.ok(!err.message.includes('hunter2-super-secret'), err.message);
      assert.ok(!err.message.includes('dapi-test-token-0123456789'), err.message);
      assert.match(err.message, /\*\*\*/);
      const bytesErr = await apiError(client.putSecret('s', 'k', new TextEncoder().encode('binary-secret-value')));
      assert.ok(!bytesErr.message.includes(Buffer.from('binary-secret-value').toString('base64')));
    });
  });

  describe('lost answers', () => {
    /** A tiny workspace: scopes with a manager, and a switch to lose the answer of the next create. */
    function workspace(opts: {
      existing?: string[]; loseFirstCreate: 'applied' | 'not-applied' | '502'; createdBy?: 'me' | 'other';
      /** The caller is a workspace admin: it can read every scope's ACLs. */
      admin?: boolean;
    }) {
      // Keyed by the lower-cased name, as Databricks compares scope names ignoring case; listed as created.
      const names = new Map<string, string>();
      const scopes = {
        map: new Map<string, string>(),
        has: (name: string) => scopes.map.has(name.toLowerCase()),
        get: (name: string) => scopes.map.get(name.toLowerCase()),
        set: (name: string, owner: string) => {
          if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
          scopes.map.set(name.toLowerCase(), owner);
        },
      };
      for (const s of opts.existing ?? []) scopes.set(s, 'other');
      let creates = 0;
      return (req: IncomingMessage, res: ServerResponse, body: string): void => {
        const url = req.url ?? '';
        if (url.startsWith('/api/2.0/secrets/scopes/list')) {
          json(res, 200, names.size ? { scopes: [...names.values()].map((name) => ({ name, backend_type: 'DATABRICKS' })) } : {});
        } else if (url.startsWith('/api/2.0/secrets/scopes/create')) {
          const { scope } = JSON.parse(body) as { scope: string };
          creates++;
          if (creates === 1) {
            if (opts.loseFirstCreate === 'applied') {
              if (!scopes.has(scope)) scopes.set(scope, 'me');
              req.socket.destroy();
            } else if (opts.loseFirstCreate === 'not-applied') {
              scopes.set(scope, opts.createdBy ?? 'other'); // someone else's create won the race
              req.socket.destroy();
            } else {
              if (!scopes.has(scope)) scopes.set(scope, 'me');
              text(res, 502, 'Bad Gateway', 'text/plain');
            }
            return;
          }
          if (scopes.has(scope)) json(res, 400, { error_code: 'RESOURCE_ALREADY_EXISTS', message: `Scope ${scope} already exists!` });
          else {
            scopes.set(scope, 'me');
            json(res, 200, {});
          }
        } else if (url.startsWith('/api/2.0/secrets/acls/list')) {
          const scope = new URL(url, 'http://x').searchParams.get('scope') ?? '';
          if (scopes.get(scope) === 'me' || (opts.admin && scopes.has(scope))) json(res, 200, { items: [{ principal: 'me@example.com', permission: 'MANAGE' }] });
          else json(res, 403, { error_code: 'PERMISSION_DENIED', message: 'User does not have MANAGE permission.' });
        } else {
          json(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: 'no' });
        }
      };
    }
    const paths = (s: RawServer): string[] => s.requests.map((r) => r.url.replace('/api/2.0/secrets/', '').split('?')[0] ?? '');

    it('createScope whose first answer was lost after it took effect reports created: true', async () => {
      const { server, client } = await setup(workspace({ loseFirstCreate: 'applied' }));
      assert.deepEqual(await client.createScope('new-scope'), { created: true });
      assert.deepEqual(paths(server), ['scopes/list', 'scopes/create', 'scopes/create', 'acls/list']);
    });

    it('the same after a 502 from a gateway that did forward the request', async () => {
      const { server, client } = await setup(workspace({ loseFirstCreate: '502' }));
      assert.deepEqual(await client.createScope('new-scope'), { created: true });
      assert.deepEqual(paths(server), ['scopes/list', 'scopes/create', 'scopes/create', 'acls/list']);
    });

    it('a scope that existed before the call is already-exists, even after a lost answer', async () => {
      const { server, client } = await setup(workspace({ existing: ['taken'], loseFirstCreate: 'applied' }));
      const err = await apiError(client.createScope('taken'));
      assert.deepEqual([err.kind, err.errorCode], ['already-exists', 'RESOURCE_ALREADY_EXISTS']);
      assert.deepEqual(paths(server), ['scopes/list', 'scopes/create', 'scopes/create']);
    });

    it('a scope that existed before under another case (ETL vs etl) is already-exists, even for an admin', async () => {
      const { server, client } = await setup(workspace({ existing: ['ETL'], loseFirstCreate: 'applied', admin: true }));
      const err = await apiError(client.createScope('etl'));
      assert.deepEqual([err.kind, err.errorCode], ['already-exists', 'RESOURCE_ALREADY_EXISTS']);
      assert.deepEqual(paths(server), ['scopes/list', 'scopes/create', 'scopes/create']);
    });

    it('a scope someone else created while our answer was lost is already-exists, not ours', async () => {
      const { client } = await setup(workspace({ loseFirstCreate: 'not-applied', createdBy: 'other' }));
      const err = await apiError(client.createScope('raced'));
      assert.deepEqual([err.kind, err.errorCode], ['already-exists', 'RESOURCE_ALREADY_EXISTS']);
      assert.match(err.message, /another client created it/);
    });

    it('a clean RESOURCE_ALREADY_EXISTS (nothing lost) is already-exists without further checks', async () => {
      const server = await startRawServer((req, res) => {
        if (req.url?.includes('scopes/list')) json(res, 200, {});
        else json(res, 400, { error_code: 'RESOURCE_ALREADY_EXISTS', message: 'Scope x already exists!' });
      });
      const client = testClient(server.url);
      setup.track(server, client);
      const err = await apiError(client.createScope('x'));
      assert.equal(err.kind, 'already-exists');
      assert.equal(server.requests.length, 2);
    });

    it('a delete whose answer was lost and whose retry meets RESOURCE_DOES_NOT_EXIST has succeeded', async () => {
      const { server, client } = await setup((req, res, _b, n) => {
        if (n === 0) req.socket.destroy(); // deleted, answer lost
        else json(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Secret k does not exist.' });
      });
      await client.deleteSecret('s', 'k');
      assert.equal(server.requests.length, 2);
    });
  });

  describe('wire details', () => {
    it('reuses keep-alive connections and sends User-Agent, bearer token and JSON', async () => {
      const { server, client } = await setup((req, res) => {
        if (req.method === 'GET') json(res, 200, { key: 'k', value: Buffer.from('héllo').toString('base64') });
        else json(res, 200, {});
      });
      for (let i = 0; i < 5; i++) assert.equal(decodeUtf8(await client.getSecret('s', 'k')), 'héllo');
      await client.putSecret('s', 'k', 'v');
      await client.putSecret('s', 'b', new Uint8Array([255, 0]));
      // undici may open a second connection while the first finishes its previous answer; never one per request.
      assert.ok(server.connections <= 2, `7 requests used ${server.connections} connections`);
      const first = server.requests[0];
      assert.match(String(first?.headers['user-agent']), /^databricks-secrets\/0\.1\.0 node\/\d+\.\d+\.\d+ os\/[a-z0-9]+$/);
      assert.equal(first?.headers.authorization, 'Bearer dapi-test-token-0123456789');
      assert.equal(first?.url, '/api/2.0/secrets/get?scope=s&key=k');
      assert.deepEqual(JSON.parse(server.requests[5]?.body ?? ''), { scope: 's', key: 'k', string_value: 'v' });
      assert.deepEqual(JSON.parse(server.requests[6]?.body ?? ''), { scope: 's', key: 'b', bytes_value: '/wA=' });
      assert.equal(server.requests[6]?.headers['content-type'], 'application/json');
    });

    it('a custom product name replaces the default and keeps the runtime info', async () => {
      const { server, client } = await setup((_req, res) => json(res, 200, {}), { userAgent: 'my-tool/2.3' });
      await client.listScopes();
      assert.match(String(server.requests[0]?.headers['user-agent']), /^my-tool\/2\.3 node\/\S+ os\/\S+$/);
    });

    it('missing or null arrays read as empty; timestamps may be strings; an omitted empty value reads as empty bytes', async () => {
      const { client } = await setup((req, res) => {
        if (req.url?.startsWith('/api/2.0/secrets/list')) json(res, 200, { secrets: [{ key: 'a', last_updated_timestamp: '1700000000001' }] });
        else if (req.url?.startsWith('/api/2.0/secrets/acls/list')) json(res, 200, { items: null });
        else if (req.url?.startsWith('/api/2.0/secrets/get')) json(res, 200, { key: 'k' });
        else json(res, 200, {});
      });
      assert.deepEqual(await client.listScopes(), []);
      assert.deepEqual(await client.listAcls('s'), []);
      assert.deepEqual(await client.listSecrets('s'), [{ key: 'a', last_updated_timestamp: 1700000000001 }]);
      assert.equal((await client.getSecret('s', 'k')).byteLength, 0);
    });

    it('the token provider is asked before each attempt and gets the signal; its failure is auth without a request', async () => {
      const seen: (AbortSignal | undefined)[] = [];
      const server = await startRawServer((_req, res, _b, n) => {
        if (n === 0) json(res, 503, { error_code: 'TEMPORARILY_UNAVAILABLE' });
        else json(res, 200, {});
      });
      let call = 0;
      const client = testClient(server.url, 'unused', {
        token: async (signal) => {
          seen.push(signal);
          return `dapi-rotating-${++call}`;
        },
      });
      setup.track(server, client);
      const signal = new AbortController().signal;
      await client.listScopes({ signal });
      assert.equal(seen.length, 2);
      // The provider gets a signal tied to the caller's (and to the deadline and close()), not yet aborted.
      assert.ok(seen[0] instanceof AbortSignal && !seen[0].aborted);
      assert.deepEqual(server.requests.map((r) => r.headers.authorization), ['Bearer dapi-rotating-1', 'Bearer dapi-rotating-2']);

      const failing = testClient(server.url, 'unused', { token: async () => { throw new Error('not signed in'); } });
      setup.track(await startRawServer(() => undefined), failing);
      const err = await apiError(failing.listScopes());
      assert.deepEqual([err.kind, err.errorCode], ['auth', 'TOKEN_UNAVAILABLE']);
      assert.match(err.message, /not signed in/);
      assert.equal(server.requests.length, 2);
    });
  });
});
