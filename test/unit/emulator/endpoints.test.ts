import { strict as assert } from 'node:assert';
import { RunningEmulator, startEmulator } from '../../../src/core/emulator/server';
import { USER, call, ok } from './helpers';

describe('emulator: the eleven endpoints', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(() => emu.close());

  it('starts on a free loopback port and reports its URL', () => {
    assert.ok(emu.port > 0);
    assert.equal(emu.url, `http://127.0.0.1:${emu.port}`);
  });

  it('scopes/list leaves out the array when there are no scopes', async () => {
    assert.deepEqual(await ok(emu.url, 'scopes/list'), {});
  });

  it('scopes/create answers {} and scopes/list shows the DATABRICKS scope', async () => {
    assert.deepEqual(await ok(emu.url, 'scopes/create', { body: { scope: 'team-a' } }), {});
    assert.deepEqual(await ok(emu.url, 'scopes/list'), { scopes: [{ name: 'team-a', backend_type: 'DATABRICKS' }] });
  });

  it('scopes/create twice answers RESOURCE_ALREADY_EXISTS with the Databricks message', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 'dup' } });
    const again = await call(emu.url, 'scopes/create', { body: { scope: 'dup' } });
    assert.equal(again.status, 400);
    assert.deepEqual(again.json, { error_code: 'RESOURCE_ALREADY_EXISTS', message: 'Scope dup already exists!' });
  });

  it('scopes/delete removes the scope and its secrets; deleting again is RESOURCE_DOES_NOT_EXIST', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 'gone' } });
    await ok(emu.url, 'put', { body: { scope: 'gone', key: 'k', string_value: 'v' } });
    assert.deepEqual(await ok(emu.url, 'scopes/delete', { body: { scope: 'gone' } }), {});
    assert.deepEqual(await ok(emu.url, 'scopes/list'), {});
    const again = await call(emu.url, 'scopes/delete', { body: { scope: 'gone' } });
    assert.equal(again.status, 404);
    assert.equal(again.json?.error_code, 'RESOURCE_DOES_NOT_EXIST');
    await ok(emu.url, 'scopes/create', { body: { scope: 'gone' } });
    assert.deepEqual(await ok(emu.url, 'list', { query: { scope: 'gone' } }), {}, 'a re-created scope starts empty');
  });

  it('put, list and get round-trip a string value as base64 (reference example)', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
    const before = Date.now();
    assert.deepEqual(await ok(emu.url, 'put', { body: { scope: 's', key: 'k', string_value: 'test-value\nwith-newlines\n' } }), {});
    const listed = await ok(emu.url, 'list', { query: { scope: 's' } });
    const secrets = listed.secrets as { key: string; last_updated_timestamp: number }[];
    assert.equal(secrets.length, 1);
    assert.equal(secrets[0].key, 'k');
    assert.ok(Number.isInteger(secrets[0].last_updated_timestamp), 'timestamp is an integer JSON number');
    assert.ok(secrets[0].last_updated_timestamp >= before && secrets[0].last_updated_timestamp <= Date.now());
    assert.deepEqual(await ok(emu.url, 'get', { query: { scope: 's', key: 'k' } }), {
      key: 'k',
      value: 'dGVzdC12YWx1ZQp3aXRoLW5ld2xpbmVzCg==',
    });
  });

  it('put with bytes_value stores the exact bytes', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
    const bytes = Buffer.from([0, 1, 2, 254, 255, 10, 13]);
    await ok(emu.url, 'put', { body: { scope: 's', key: 'bin', bytes_value: bytes.toString('base64') } });
    const got = await ok(emu.url, 'get', { query: { scope: 's', key: 'bin' } });
    assert.deepEqual(Buffer.from(got.value as string, 'base64'), bytes);
  });

  it('put on an existing key overwrites value and timestamp', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
    await ok(emu.url, 'put', { body: { scope: 's', key: 'k', string_value: 'one' } });
    const first = ((await ok(emu.url, 'list', { query: { scope: 's' } })).secrets as { last_updated_timestamp: number }[])[0];
    await new Promise((r) => setTimeout(r, 5));
    await ok(emu.url, 'put', { body: { scope: 's', key: 'k', string_value: 'two' } });
    const listed = (await ok(emu.url, 'list', { query: { scope: 's' } })).secrets as { last_updated_timestamp: number }[];
    assert.equal(listed.length, 1);
    assert.ok(listed[0].last_updated_timestamp > first.last_updated_timestamp);
    const got = await ok(emu.url, 'get', { query: { scope: 's', key: 'k' } });
    assert.equal(Buffer.from(got.value as string, 'base64').toString(), 'two');
  });

  it('delete removes a key; a missing key or scope is RESOURCE_DOES_NOT_EXIST', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
    await ok(emu.url, 'put', { body: { scope: 's', key: 'k', string_value: 'v' } });
    assert.deepEqual(await ok(emu.url, 'delete', { body: { scope: 's', key: 'k' } }), {});
    assert.deepEqual(await ok(emu.url, 'list', { query: { scope: 's' } }), {});
    for (const [endpoint, options] of [
      ['delete', { body: { scope: 's', key: 'k' } }],
      ['get', { query: { scope: 's', key: 'k' } }],
      ['list', { query: { scope: 'nope' } }],
      ['put', { body: { scope: 'nope', key: 'k', string_value: 'v' } }],
    ] as const) {
      const answer = await call(emu.url, endpoint, options);
      assert.equal(answer.status, 404, endpoint);
      assert.equal(answer.json?.error_code, 'RESOURCE_DOES_NOT_EXIST', endpoint);
      assert.equal(typeof answer.json?.message, 'string');
    }
  });

  it('ACL calls: creator has MANAGE; put, get, list, overwrite and delete', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
    assert.deepEqual(await ok(emu.url, 'acls/list', { query: { scope: 's' } }), {
      items: [{ principal: 'admin@example.com', permission: 'MANAGE' }],
    });
    assert.deepEqual(await ok(emu.url, 'acls/put', { body: { scope: 's', principal: 'data-team', permission: 'READ' } }), {});
    assert.deepEqual(await ok(emu.url, 'acls/get', { query: { scope: 's', principal: 'data-team' } }), {
      principal: 'data-team',
      permission: 'READ',
    });
    await ok(emu.url, 'acls/put', { body: { scope: 's', principal: 'data-team', permission: 'WRITE' } });
    assert.deepEqual(await ok(emu.url, 'acls/list', { query: { scope: 's' } }), {
      items: [
        { principal: 'admin@example.com', permission: 'MANAGE' },
        { principal: 'data-team', permission: 'WRITE' },
      ],
    });
    assert.deepEqual(await ok(emu.url, 'acls/delete', { body: { scope: 's', principal: 'data-team' } }), {});
    const missing = await call(emu.url, 'acls/get', { query: { scope: 's', principal: 'data-team' } });
    assert.equal(missing.status, 404);
    assert.equal(missing.json?.error_code, 'RESOURCE_DOES_NOT_EXIST');
    const deleteAgain = await call(emu.url, 'acls/delete', { body: { scope: 's', principal: 'data-team' } });
    assert.equal(deleteAgain.json?.error_code, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('acls/list leaves out items when the last ACL is gone', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
    await ok(emu.url, 'acls/delete', { body: { scope: 's', principal: 'admin@example.com' } });
    assert.deepEqual(await ok(emu.url, 'acls/list', { query: { scope: 's' } }), {}, 'admins still manage it');
  });

  it('every answer is application/json', async () => {
    const answers = [
      await call(emu.url, 'scopes/list'),
      await call(emu.url, 'scopes/create', { body: { scope: '' } }),
      await call(emu.url, 'scopes/list', { token: null }),
      await call(emu.url, 'no/such/thing'),
    ];
    for (const a of answers) assert.match(String(a.headers['content-type']), /^application\/json/);
  });

  describe('auth', () => {
    it('no Authorization header answers 401 with a JSON body', async () => {
      const answer = await call(emu.url, 'scopes/list', { token: null });
      assert.equal(answer.status, 401);
      assert.equal(answer.json?.error_code, 'UNAUTHENTICATED');
      assert.ok(answer.headers['www-authenticate']);
    });

    it('an unknown token answers 401 and the message does not echo it', async () => {
      const answer = await call(emu.url, 'scopes/create', { token: 'dapi-not-a-token', body: { scope: 'x' } });
      assert.equal(answer.status, 401);
      assert.ok(!answer.text.includes('dapi-not-a-token'));
      assert.deepEqual(await ok(emu.url, 'scopes/list'), {}, 'the unauthenticated create changed nothing');
    });

    it('a non-Bearer scheme answers 401', async () => {
      const answer = await call(emu.url, 'scopes/list', { token: null, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
      assert.equal(answer.status, 401);
    });

    it('the default plain-user token is accepted', async () => {
      assert.deepEqual(await ok(emu.url, 'scopes/list', { token: USER }), {});
    });

    it('custom tokens replace the defaults', async () => {
      const custom = await startEmulator({ tokens: { 'tok-1': 'alice@example.com' }, admins: ['alice@example.com'] });
      try {
        assert.equal((await call(custom.url, 'scopes/list', { token: 'dapi-local-admin' })).status, 401);
        await ok(custom.url, 'scopes/create', { token: 'tok-1', body: { scope: 'a' } });
        assert.deepEqual(await ok(custom.url, 'acls/list', { token: 'tok-1', query: { scope: 'a' } }), {
          items: [{ principal: 'alice@example.com', permission: 'MANAGE' }],
        });
      } finally {
        await custom.close();
      }
    });
  });
});
