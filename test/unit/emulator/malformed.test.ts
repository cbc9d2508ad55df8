import { strict as assert } from 'node:assert';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { RunningEmulator, startEmulator } from '../../../src/core/emulator/server';
import { call, ok } from './helpers';

/** Sends raw bytes on a fresh TCP connection and returns everything the server wrote back. */
function rawExchange(port: number, data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
    socket.setTimeout(5000, () => {
      socket.destroy();
      resolve(out);
    });
  });
}

describe('emulator: malformed requests', () => {
  let emu: RunningEmulator;
  const statuses: number[] = [];
  beforeEach(async () => {
    statuses.length = 0;
    emu = await startEmulator({ onRequest: (e) => statuses.push(e.status) });
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
  });
  afterEach(async () => {
    // The server survived whatever the test sent, and never answered 500.
    await ok(emu.url, 'scopes/list');
    assert.ok(!statuses.includes(500), `a request crashed a handler: ${statuses.join(',')}`);
    await emu.close();
  });

  it('a body that is not JSON is MALFORMED_REQUEST', async () => {
    for (const body of ['{bad', '{"scope": "s",}', 'scope=s', '\u0000\u0001', '{"scope":"s"']) {
      const answer = await call(emu.url, 'put', { body });
      assert.equal(answer.status, 400, body);
      assert.deepEqual(Object.keys(answer.json ?? {}).sort(), ['error_code', 'message']);
      assert.equal(answer.json?.error_code, 'MALFORMED_REQUEST', body);
    }
  });

  it('an empty POST body or a JSON value that is not an object is MALFORMED_REQUEST', async () => {
    for (const body of ['', '[]', '"s"', '42', 'null', 'true']) {
      const answer = await call(emu.url, 'scopes/create', { body, method: 'POST' });
      assert.equal(answer.json?.error_code, 'MALFORMED_REQUEST', JSON.stringify(body));
    }
  });

  it('a field of the wrong type is MALFORMED_REQUEST naming the field', async () => {
    const cases: [string, object, string][] = [
      ['scopes/create', { scope: 42 }, 'scope'],
      ['scopes/create', { scope: ['s'] }, 'scope'],
      ['put', { scope: 's', key: 'k', string_value: 123 }, 'string_value'],
      ['put', { scope: 's', key: { a: 1 }, string_value: 'v' }, 'key'],
      ['acls/put', { scope: 's', principal: 'p', permission: 3 }, 'permission'],
      ['scopes/create', { scope: 'x', initial_manage_principal: false }, 'initial_manage_principal'],
    ];
    for (const [endpoint, body, field] of cases) {
      const answer = await call(emu.url, endpoint, { body });
      assert.equal(answer.status, 400);
      assert.equal(answer.json?.error_code, 'MALFORMED_REQUEST', `${endpoint} ${JSON.stringify(body)}`);
      assert.match(String(answer.json?.message), new RegExp(field));
    }
  });

  it('a missing field or query parameter is INVALID_PARAMETER_VALUE naming it', async () => {
    const body: [string, object, string][] = [
      ['scopes/create', {}, 'scope'],
      ['scopes/delete', {}, 'scope'],
      ['put', { scope: 's', string_value: 'v' }, 'key'],
      ['delete', { scope: 's' }, 'key'],
      ['acls/put', { scope: 's', permission: 'READ' }, 'principal'],
      ['acls/put', { scope: 's', principal: 'p' }, 'permission'],
      ['acls/delete', { scope: 's' }, 'principal'],
    ];
    for (const [endpoint, b, field] of body) {
      const answer = await call(emu.url, endpoint, { body: b });
      assert.equal(answer.json?.error_code, 'INVALID_PARAMETER_VALUE', endpoint);
      assert.match(String(answer.json?.message), new RegExp(field), endpoint);
    }
    const query: [string, Record<string, string>, string][] = [
      ['list', {}, 'scope'],
      ['get', { scope: 's' }, 'key'],
      ['acls/get', { scope: 's' }, 'principal'],
      ['acls/list', {}, 'scope'],
    ];
    for (const [endpoint, q, field] of query) {
      const answer = await call(emu.url, endpoint, { query: q });
      assert.equal(answer.json?.error_code, 'INVALID_PARAMETER_VALUE', endpoint);
      assert.match(String(answer.json?.message), new RegExp(field), endpoint);
    }
  });

  it('an unknown endpoint is 404 ENDPOINT_NOT_FOUND, including prototype names', async () => {
    for (const endpoint of ['nope', 'scopes', 'scopes/list/', '__proto__', 'constructor', 'toString', 'acls']) {
      const answer = await call(emu.url, endpoint);
      assert.equal(answer.status, 404, endpoint);
      assert.equal(answer.json?.error_code, 'ENDPOINT_NOT_FOUND', endpoint);
    }
    const outside = await call(emu.url, '../../clusters/list');
    assert.equal(outside.json?.error_code, 'ENDPOINT_NOT_FOUND');
  });

  it('a wrong method is 405 with an Allow header', async () => {
    const cases: [string, string, string][] = [
      ['scopes/create', 'GET', 'POST'],
      ['scopes/list', 'POST', 'GET'],
      ['put', 'PUT', 'POST'],
      ['get', 'DELETE', 'GET'],
      ['acls/list', 'PATCH', 'GET'],
    ];
    for (const [endpoint, method, allow] of cases) {
      const answer = await call(emu.url, endpoint, { method, body: method === 'GET' ? undefined : {} });
      assert.equal(answer.status, 405, `${method} ${endpoint}`);
      assert.equal(answer.headers.allow, allow);
      assert.equal(typeof answer.json?.error_code, 'string');
    }
  });

  it('an oversized body with Content-Length is 413 and the server keeps serving', async () => {
    const answer = await call(emu.url, 'put', { body: { scope: 's', key: 'big', string_value: 'x'.repeat(2 * 1024 * 1024) } });
    assert.equal(answer.status, 413);
    assert.equal(answer.json?.error_code, 'BAD_REQUEST');
    assert.deepEqual(await ok(emu.url, 'list', { query: { scope: 's' } }), {});
  });

  it('an oversized chunked body (no Content-Length) is 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${emu.url}/api/2.0/secrets/put`,
        { method: 'POST', headers: { authorization: 'Bearer dapi-local-admin', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      req.write('{"scope":"s","key":"k","string_value":"');
      for (let i = 0; i < 40; i++) req.write(chunk);
      req.end('"}');
    });
    assert.equal(status, 413);
  });

  it('garbage that is not HTTP gets 400 and does not take the server down', async () => {
    const out = await rawExchange(emu.port, 'THIS IS NOT HTTP\r\n\r\n');
    assert.match(out, /^HTTP\/1\.1 400/);
    const badHeader = await rawExchange(emu.port, 'GET /api/2.0/secrets/scopes/list HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    assert.match(badHeader, /^HTTP\/1\.1 400/);
  });

  it('a request target that is not a valid URL is 400, not a server error', async () => {
    const out = await rawExchange(emu.port, 'GET http://[bad/api/2.0/secrets/scopes/list HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(out, /^HTTP\/1\.1 400/);
  });

  it('a client that disconnects mid-body does not crash the server', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(emu.port, '127.0.0.1', () => {
        socket.write('POST /api/2.0/secrets/put HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dapi-local-admin\r\nContent-Length: 1000\r\n\r\n{"scope":');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    await new Promise((r) => setTimeout(r, 50));
  });

  it('random bodies never crash a handler (200 fuzz requests)', async () => {
    const endpoints = ['scopes/create', 'scopes/delete', 'put', 'delete', 'acls/put', 'acls/delete'];
    const values: unknown[] = [null, 0, -1, 1.5, '', 's', 'k', 'READ', 'users', [], {}, [1], { a: 'b' }, true, 'x'.repeat(200), 'YQ=='];
    const fields = ['scope', 'key', 'string_value', 'bytes_value', 'principal', 'permission', 'initial_manage_principal', 'scope_backend_type', 'backend_azure_keyvault', '__proto__'];
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 200; i++) {
      const body: Record<string, unknown> = {};
      for (let f = next(5); f > 0; f--) body[fields[next(fields.length)]] = values[next(values.length)];
      const answer = await call(emu.url, endpoints[next(endpoints.length)], { body });
      assert.ok([200, 400, 403, 404].includes(answer.status), `status ${answer.status} for ${JSON.stringify(body)}`);
      if (answer.status !== 200) assert.equal(typeof answer.json?.error_code, 'string');
    }
  });
});
