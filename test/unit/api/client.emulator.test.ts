import { strict as assert } from 'node:assert';
import {
  ApiError,
  decodeUtf8,
  mapConcurrent,
  tryDecodeUtf8,
  MAX_VALUE_BYTES,
  type SecretsClient,
} from '../../../src/core/api';
import { startEmulator, type RunningEmulator } from '../../../src/core/emulator/server';
import { ADMIN_TOKEN, USER_TOKEN, memoryLogger, rejection, testClient } from './helpers';

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const err = await rejection(promise);
  assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
  return err;
}

function expectError(err: ApiError, kind: string, errorCode: string, status: number | undefined): void {
  assert.deepEqual({ kind: err.kind, errorCode: err.errorCode, status: err.status }, { kind, errorCode, status }, err.message);
}

describe('api client against the emulator', () => {
  let emulator: RunningEmulator;
  let admin: SecretsClient;
  let user: SecretsClient;
  const logger = memoryLogger();

  before(async () => {
    emulator = await startEmulator();
    admin = testClient(emulator.url, ADMIN_TOKEN, { logger });
    user = testClient(emulator.url, USER_TOKEN);
  });
  after(async () => {
    await Promise.all([admin.close(), user.close()]);
    await emulator.close();
  });

  it('scopes: list (empty), create, list, duplicate create, delete', async () => {
    assert.deepEqual(await admin.listScopes(), []);
    assert.deepEqual(await admin.createScope('team-a'), { created: true });
    assert.deepEqual(await admin.listScopes(), [{ name: 'team-a', backend_type: 'DATABRICKS' }]);
    const dup = await apiError(admin.createScope('team-a'));
    expectError(dup, 'already-exists', 'RESOURCE_ALREADY_EXISTS', 400);
    assert.match(dup.message, /Scope team-a already exists!/);
    assert.match(dup.message, /Choose another name/);
    await admin.deleteScope('team-a');
    assert.deepEqual(await admin.listScopes(), []);
    const gone = await apiError(admin.deleteScope('team-a'));
    expectError(gone, 'not-found', 'RESOURCE_DOES_NOT_EXIST', 404);
    assert.match(gone.message, /team-a/);
  });

  it("scopes named with '@' work end to end; scope names ignore case, keys keep their rule", async () => {
    assert.deepEqual(await admin.createScope('ops@team'), { created: true });
    await admin.putSecret('ops@team', 'k', 'v');
    assert.deepEqual((await admin.listSecrets('ops@team')).map((s) => s.key), ['k']);
    assert.deepEqual((await admin.listSecrets('OPS@Team')).map((s) => s.key), ['k']);
    const dup = await apiError(admin.createScope('OPS@TEAM'));
    expectError(dup, 'already-exists', 'RESOURCE_ALREADY_EXISTS', 400);
    assert.deepEqual((await admin.listScopes()).map((s) => s.name), ['ops@team']);
    await assert.rejects(admin.putSecret('ops@team', 'a@b', 'v'), (e: Error) => e.name === 'ValidationError');
    await admin.deleteScope('Ops@Team');
    assert.deepEqual(await admin.listScopes(), []);
  });

  it('secrets: put string and bytes, list, get as bytes, overwrite, delete', async () => {
    await admin.createScope('app');
    const text = 'test-value\nwith-newlines\n';
    const binary = new Uint8Array([0, 1, 2, 0xfe, 0xff, 0x80]);
    const before = Date.now();
    await admin.putSecret('app', 'text', text);
    await admin.putSecret('app', 'binary', binary);
    await admin.putSecret('app', 'empty', '');
    await admin.putSecret('app', 'unicode', 'pässwörd 😀');

    const listed = await admin.listSecrets('app');
    assert.deepEqual(listed.map((s) => s.key).sort(), ['binary', 'empty', 'text', 'unicode']);
    for (const s of listed) {
      assert.equal(typeof s.last_updated_timestamp, 'number');
      assert.ok(s.last_updated_timestamp >= before - 1000 && s.last_updated_timestamp <= Date.now() + 1000);
    }

    const gotText = await admin.getSecret('app', 'text');
    assert.ok(gotText instanceof Uint8Array);
    assert.equal(decodeUtf8(gotText), text);
    assert.deepEqual(await admin.getSecret('app', 'binary'), binary);
    assert.equal(tryDecodeUtf8(await admin.getSecret('app', 'binary')), undefined);
    assert.equal((await admin.getSecret('app', 'empty')).byteLength, 0);
    assert.equal(decodeUtf8(await admin.getSecret('app', 'unicode')), 'pässwörd 😀');

    await admin.putSecret('app', 'text', 'second');
    assert.equal(decodeUtf8(await admin.getSecret('app', 'text')), 'second');

    await admin.deleteSecret('app', 'text');
    assert.ok(!(await admin.listSecrets('app')).some((s) => s.key === 'text'));
    expectError(await apiError(admin.deleteSecret('app', 'text')), 'not-found', 'RESOURCE_DOES_NOT_EXIST', 404);
    expectError(await apiError(admin.getSecret('app', 'text')), 'not-found', 'RESOURCE_DOES_NOT_EXIST', 404);
    expectError(await apiError(admin.listSecrets('no-such-scope')), 'not-found', 'RESOURCE_DOES_NOT_EXIST', 404);
    expectError(await apiError(admin.putSecret('no-such-scope', 'k', 'v')), 'not-found', 'RESOURCE_DOES_NOT_EXIST', 404);
  });

  it('a value of exactly 128 KB round-trips', async () => {
    await admin.createScope('big');
    const value = new Uint8Array(MAX_VALUE_BYTES).map((_, i) => i % 251);
    await admin.putSecret('big', 'max', value);
    assert.deepEqual(await admin.getSecret('big', 'max'), value);
  });

  it('ACLs: put, get, list, overwrite, delete', async () => {
    await admin.createScope('acl-scope');
    const initial = await admin.listAcls('acl-scope');
    assert.deepEqual(initial, [{ principal: 'admin@example.com', permission: 'MANAGE' }]);
    await admin.putAcl('acl-scope', 'user@example.com', 'READ');
    assert.deepEqual(await admin.getAcl('acl-scope', 'user@example.com'), { principal: 'user@example.com', permission: 'READ' });
    await admin.putAcl('acl-scope', 'user@example.com', 'WRITE');
    const all = await admin.listAcls('acl-scope');
    assert.deepEqual(all.find((a) => a.principal === 'user@example.com'), { principal: 'user@example.com', permission: 'WRITE' });
    assert.equal(all.length, 2);
    await admin.deleteAcl('acl-scope', 'user@example.com');
    expectError(await apiError(admin.getAcl('acl-scope', 'user@example.com')), 'not-found', 'RESOURCE_DOES_NOT_EXIST', 404);
    expectError(await apiError(admin.deleteAcl('acl-scope', 'user@example.com')), 'not-found', 'RESOURCE_DOES_NOT_EXIST', 404);
  });

  it('permissions: a plain user without an ACL gets PERMISSION_DENIED; with READ may read but not write', async () => {
    await admin.createScope('locked');
    await admin.putSecret('locked', 'k', 'v');
    const denied = await apiError(user.listSecrets('locked'));
    expectError(denied, 'permission', 'PERMISSION_DENIED', 403);
    assert.match(denied.message, /ask a scope manager/);
    await admin.putAcl('locked', 'user@example.com', 'READ');
    assert.deepEqual((await user.listSecrets('locked')).map((s) => s.key), ['k']);
    expectError(await apiError(user.putSecret('locked', 'k2', 'v')), 'permission', 'PERMISSION_DENIED', 403);
    expectError(await apiError(user.listAcls('locked')), 'permission', 'PERMISSION_DENIED', 403);
    expectError(await apiError(user.deleteScope('locked')), 'permission', 'PERMISSION_DENIED', 403);
  });

  it('initial_manage_principal "users" lets every user manage; another principal is INVALID_PARAMETER_VALUE', async () => {
    assert.deepEqual(await user.createScope('shared', { initialManagePrincipal: 'users' }), { created: true });
    assert.deepEqual(await user.listAcls('shared'), [{ principal: 'users', permission: 'MANAGE' }]);
    const bad = await apiError(admin.createScope('shared2', { initialManagePrincipal: 'someone@example.com' }));
    expectError(bad, 'invalid', 'INVALID_PARAMETER_VALUE', 400);
  });

  it('Key Vault scopes: created, listed with metadata, read-only (BAD_REQUEST)', async () => {
    const keyVault = { resource_id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/kv', dns_name: 'https://kv.vault.azure.net/' };
    assert.deepEqual(await admin.createScope('kv-scope', { keyVault }), { created: true });
    const listed = (await admin.listScopes()).find((s) => s.name === 'kv-scope');
    assert.deepEqual(listed, { name: 'kv-scope', backend_type: 'AZURE_KEYVAULT', keyvault_metadata: keyVault });
    expectError(await apiError(admin.putSecret('kv-scope', 'k', 'v')), 'invalid', 'BAD_REQUEST', 400);
  });

  it('an unknown token is auth (401) and the message never shows the token', async () => {
    const bad = testClient(emulator.url, 'dapi-wrong-token-123456');
    try {
      const err = await apiError(bad.listScopes());
      expectError(err, 'auth', 'UNAUTHENTICATED', 401);
      assert.match(err.message, /Check the token/);
      assert.ok(!err.message.includes('dapi-wrong-token-123456'));
    } finally {
      await bad.close();
    }
  });

  it('1000 secrets per scope: the 1001st is RESOURCE_LIMIT_EXCEEDED (fan-out with mapConcurrent)', async () => {
    await admin.createScope('full');
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
    await mapConcurrent(keys, 16, (k) => admin.putSecret('full', k, 'v'));
    assert.equal((await admin.listSecrets('full')).length, 1000);
    const err = await apiError(admin.putSecret('full', 'one-more', 'v'));
    expectError(err, 'limit', 'RESOURCE_LIMIT_EXCEEDED', 400);
    assert.match(err.message, /Delete secrets or scopes/);
  });

  it('the logger gets method, path, status and duration, never the token or a value', async () => {
    await admin.putSecret('app', 'logged', 'value-that-must-not-leak');
    const lines = logger.lines.join('\n');
    assert.match(lines, /debug POST \/api\/2\.0\/secrets\/put 200 \d+ms/);
    assert.match(lines, /debug GET \/api\/2\.0\/secrets\/list\?scope=app 200 \d+ms/);
    assert.ok(!lines.includes(ADMIN_TOKEN));
    assert.ok(!lines.includes('value-that-must-not-leak'));
  });

  describe('emulator options that produce the remaining error codes', () => {
    it('restrictGet: get is BAD_REQUEST (kind invalid), list still works', async () => {
      const restricted = await startEmulator({ restrictGet: true });
      const c = testClient(restricted.url);
      try {
        await c.createScope('s');
        await c.putSecret('s', 'k', 'v');
        expectError(await apiError(c.getSecret('s', 'k')), 'invalid', 'BAD_REQUEST', 400);
        assert.equal((await c.listSecrets('s')).length, 1);
      } finally {
        await c.close();
        await restricted.close();
      }
    });

    it('maxScopes: one scope too many is RESOURCE_LIMIT_EXCEEDED', async () => {
      const capped = await startEmulator({ maxScopes: 1 });
      const c = testClient(capped.url);
      try {
        await c.createScope('one');
        expectError(await apiError(c.createScope('two')), 'limit', 'RESOURCE_LIMIT_EXCEEDED', 400);
      } finally {
        await c.close();
        await capped.close();
      }
    });

    it('failRate 1 with no retries left: TEMPORARILY_UNAVAILABLE (kind unavailable)', async () => {
      const failing = await startEmulator({ failRate: 1 });
      const c = testClient(failing.url, ADMIN_TOKEN, { maxRetries: 0 });
      try {
        const err = await apiError(c.listScopes());
        expectError(err, 'unavailable', 'TEMPORARILY_UNAVAILABLE', 503);
        assert.match(err.message, /try again later/);
      } finally {
        await c.close();
        await failing.close();
      }
    });

    it('rateLimit with no retries left: REQUEST_LIMIT_EXCEEDED (kind rate-limited)', async () => {
      const limited = await startEmulator({ rateLimit: 2 });
      const c = testClient(limited.url, ADMIN_TOKEN, { maxRetries: 0 });
      try {
        const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => c.listScopes()));
        const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.ok(refused.length >= 3, `expected at least 3 refusals, got ${refused.length}`);
        const err = refused[0]?.reason as ApiError;
        expectError(err, 'rate-limited', 'REQUEST_LIMIT_EXCEEDED', 429);
      } finally {
        await c.close();
        await limited.close();
      }
    });

    it('rateLimit with retries: Retry-After is honoured and every call succeeds', async () => {
      const limited = await startEmulator({ rateLimit: 3 });
      const c = testClient(limited.url, ADMIN_TOKEN, { maxRetries: 3 });
      try {
        const started = Date.now();
        const results = await Promise.all([1, 2, 3, 4, 5].map(() => c.listScopes()));
        assert.equal(results.length, 5);
        assert.ok(Date.now() - started >= 900, 'the refused calls waited for the next window');
      } finally {
        await c.close();
        await limited.close();
      }
    });
  });
});
