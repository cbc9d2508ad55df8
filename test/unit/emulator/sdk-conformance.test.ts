import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ApiError, WorkspaceClient } from '@databricks/sdk-experimental';
import { RunningEmulator, startEmulator } from '../../../src/core/emulator/server';
import { tempDir } from './helpers';

/** Collects an SDK list result (the SDK returns async iterables for list calls). */
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Runs `fn`, expecting the SDK's ApiError with this errorCode and HTTP status. */
async function expectApiError(fn: () => Promise<unknown>, errorCode: string, statusCode: number): Promise<ApiError> {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected the SDK's ApiError, got ${String(error)}`);
    assert.equal(error.errorCode, errorCode);
    assert.equal(error.statusCode, statusCode);
    return error;
  }
  assert.fail(`expected ${errorCode}`);
}

describe('emulator: conformance with the official Databricks JS SDK', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  let admin: WorkspaceClient;
  let user: WorkspaceClient;
  const paths: string[] = [];
  const savedEnv: Record<string, string | undefined> = {};

  before(async () => {
    // Isolate the SDK from the machine: no DATABRICKS_* variables, no ~/.databrickscfg.
    for (const name of Object.keys(process.env).filter((n) => n.startsWith('DATABRICKS_'))) {
      savedEnv[name] = process.env[name];
      delete process.env[name];
    }
    emu = await startEmulator({ onRequest: (e) => paths.push(`${e.method} ${e.path}`) });
    const configFile = join(tempDir(), 'no-such.databrickscfg');
    admin = new WorkspaceClient({ host: emu.url, token: 'dapi-local-admin', authType: 'pat', configFile });
    user = new WorkspaceClient({ host: emu.url, token: 'dapi-local-user', authType: 'pat', configFile });
  });
  after(async () => {
    await emu.close();
    Object.assign(process.env, savedEnv);
  });

  it('drives all eleven calls and every answer parses', async () => {
    const s = admin.secrets;
    await s.createScope({ scope: 'sdk-scope' });
    await s.createScope({
      scope: 'sdk-kv',
      scope_backend_type: 'AZURE_KEYVAULT',
      backend_azure_keyvault: { resource_id: '/subscriptions/x/vaults/kv', dns_name: 'https://kv.vault.azure.net/' },
    });
    const scopes = await all(s.listScopes());
    assert.deepEqual(scopes, [
      { name: 'sdk-kv', backend_type: 'AZURE_KEYVAULT', keyvault_metadata: { resource_id: '/subscriptions/x/vaults/kv', dns_name: 'https://kv.vault.azure.net/' } },
      { name: 'sdk-scope', backend_type: 'DATABRICKS' },
    ]);

    await s.putSecret({ scope: 'sdk-scope', key: 'text', string_value: 'test-value\nwith-newlines\n' });
    await s.putSecret({ scope: 'sdk-scope', key: 'bytes', bytes_value: Buffer.from([1, 2, 3]).toString('base64') });
    const secrets = await all(s.listSecrets({ scope: 'sdk-scope' }));
    assert.deepEqual(secrets.map((x) => x.key), ['bytes', 'text']);
    assert.ok(secrets.every((x) => typeof x.last_updated_timestamp === 'number' && x.last_updated_timestamp > 0));
    assert.deepEqual(await s.getSecret({ scope: 'sdk-scope', key: 'text' }), { key: 'text', value: 'dGVzdC12YWx1ZQp3aXRoLW5ld2xpbmVzCg==' });
    assert.deepEqual(await s.getSecret({ scope: 'sdk-scope', key: 'bytes' }), { key: 'bytes', value: 'AQID' });

    await s.putAcl({ scope: 'sdk-scope', principal: 'users', permission: 'READ' });
    assert.deepEqual(await s.getAcl({ scope: 'sdk-scope', principal: 'users' }), { principal: 'users', permission: 'READ' });
    assert.deepEqual(await all(s.listAcls({ scope: 'sdk-scope' })), [
      { principal: 'admin@example.com', permission: 'MANAGE' },
      { principal: 'users', permission: 'READ' },
    ]);
    await s.deleteAcl({ scope: 'sdk-scope', principal: 'users' });
    await s.deleteSecret({ scope: 'sdk-scope', key: 'bytes' });
    assert.deepEqual((await all(s.listSecrets({ scope: 'sdk-scope' }))).map((x) => x.key), ['text']);
    await s.deleteScope({ scope: 'sdk-scope' });
    await s.deleteScope({ scope: 'sdk-kv' });
    assert.deepEqual(await all(s.listScopes()), [], 'a missing scopes array reads as empty in the SDK');

    const called = new Set(paths.map((p) => p.replace(/^\w+ \/api\/2\.0\/secrets\//, '')));
    for (const endpoint of ['scopes/create', 'scopes/list', 'scopes/delete', 'put', 'list', 'delete', 'get', 'acls/put', 'acls/get', 'acls/list', 'acls/delete']) {
      assert.ok(called.has(endpoint), `the SDK called ${endpoint}`);
    }
    assert.ok(paths.every((p) => /^(GET|POST) \/api\/2\.0\/secrets\//.test(p)), `the SDK only called the Secrets API: ${paths.join(', ')}`);
  });

  it('errors surface as the SDK ApiError with the right errorCode', async () => {
    const s = admin.secrets;
    await s.createScope({ scope: 'err-scope' });
    const exists = await expectApiError(() => s.createScope({ scope: 'err-scope' }), 'RESOURCE_ALREADY_EXISTS', 400);
    assert.equal(exists.message, 'Scope err-scope already exists!');
    await expectApiError(() => s.getSecret({ scope: 'err-scope', key: 'missing' }), 'RESOURCE_DOES_NOT_EXIST', 404);
    await expectApiError(() => all(s.listSecrets({ scope: 'no-such-scope' })), 'RESOURCE_DOES_NOT_EXIST', 404);
    await expectApiError(() => s.getAcl({ scope: 'err-scope', principal: 'nobody' }), 'RESOURCE_DOES_NOT_EXIST', 404);
    await expectApiError(() => user.secrets.putSecret({ scope: 'err-scope', key: 'k', string_value: 'v' }), 'PERMISSION_DENIED', 403);
    await expectApiError(() => all(user.secrets.listAcls({ scope: 'err-scope' })), 'PERMISSION_DENIED', 403);
    await expectApiError(() => s.putSecret({ scope: 'err-scope', key: 'bad key', string_value: 'v' }), 'INVALID_PARAMETER_VALUE', 400);
    await expectApiError(
      () => s.putAcl({ scope: 'err-scope', principal: 'p', permission: 'OWNER' as unknown as 'READ' }),
      'INVALID_PARAMETER_VALUE',
      400,
    );
    await s.createScope({
      scope: 'err-kv',
      scope_backend_type: 'AZURE_KEYVAULT',
      backend_azure_keyvault: { resource_id: '/subscriptions/x/vaults/kv', dns_name: 'https://kv.vault.azure.net/' },
    });
    await expectApiError(() => s.putSecret({ scope: 'err-kv', key: 'k', string_value: 'v' }), 'BAD_REQUEST', 400);
  });

  it('a wrong token surfaces as an SDK error with status 401', async () => {
    const configFile = join(tempDir(), 'no-such.databrickscfg');
    const stranger = new WorkspaceClient({ host: emu.url, token: 'dapi-wrong', authType: 'pat', configFile });
    await expectApiError(() => all(stranger.secrets.listScopes()), 'UNAUTHENTICATED', 401);
  });
});
