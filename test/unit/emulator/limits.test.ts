import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import { RunningEmulator, startEmulator } from '../../../src/core/emulator/server';
import { call, ok } from './helpers';

const KV = { resource_id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv', dns_name: 'https://kv.vault.azure.net/' };

describe('emulator: names, limits and Key Vault scopes', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulator({ maxScopes: 3 });
  });
  afterEach(() => emu.close());

  it('accepts names of letters, digits, - _ . up to 128 characters', async () => {
    for (const scope of ['a', 'A.b-c_9', 'x'.repeat(128)]) {
      await ok(emu.url, 'scopes/create', { body: { scope } });
      await ok(emu.url, 'put', { body: { scope, key: scope, string_value: 'v' } });
    }
  });

  it('refuses bad scope and key names with INVALID_PARAMETER_VALUE naming the field', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 'ok' } });
    for (const bad of ['', 'has space', 'slash/no', 'x'.repeat(129), 'ümlaut', 'semi;colon']) {
      const scope = await call(emu.url, 'scopes/create', { body: { scope: bad } });
      assert.equal(scope.status, 400, `scope ${JSON.stringify(bad)}`);
      assert.equal(scope.json?.error_code, 'INVALID_PARAMETER_VALUE');
      assert.match(String(scope.json?.message), /scope/);
      const key = await call(emu.url, 'put', { body: { scope: 'ok', key: bad, string_value: 'v' } });
      assert.equal(key.status, 400, `key ${JSON.stringify(bad)}`);
      assert.equal(key.json?.error_code, 'INVALID_PARAMETER_VALUE');
      assert.match(String(key.json?.message), /key/);
    }
    assert.deepEqual(await ok(emu.url, 'list', { query: { scope: 'ok' } }), {});
  });

  it("scope names may hold '@' (a user's scope, like jane.doe@example.com); key names may not", async () => {
    for (const scope of ['jane.doe@example.com', 'ops@team']) {
      await ok(emu.url, 'scopes/create', { body: { scope } });
      await ok(emu.url, 'put', { body: { scope, key: 'k', string_value: 'v' } });
      const listed = (await ok(emu.url, 'list', { query: { scope } })).secrets as { key: string }[];
      assert.deepEqual(listed.map((s) => s.key), ['k']);
    }
    const key = await call(emu.url, 'put', { body: { scope: 'ops@team', key: 'user@key', string_value: 'v' } });
    assert.equal(key.status, 400);
    assert.equal(key.json?.error_code, 'INVALID_PARAMETER_VALUE');
    assert.match(String(key.json?.message), /^key /);
  });

  it('scope names ignore case: creating ETL when etl exists is RESOURCE_ALREADY_EXISTS; lookups ignore case', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 'etl' } });
    const dup = await call(emu.url, 'scopes/create', { body: { scope: 'ETL' } });
    assert.equal(dup.status, 400);
    assert.equal(dup.json?.error_code, 'RESOURCE_ALREADY_EXISTS');
    await ok(emu.url, 'put', { body: { scope: 'ETL', key: 'k', string_value: 'v' } });
    const listed = (await ok(emu.url, 'list', { query: { scope: 'Etl' } })).secrets as { key: string }[];
    assert.deepEqual(listed.map((s) => s.key), ['k']);
    assert.equal((await ok(emu.url, 'get', { query: { scope: 'eTL', key: 'k' } })).value, Buffer.from('v').toString('base64'));
    await ok(emu.url, 'acls/put', { body: { scope: 'ETL', principal: 'data-engineers', permission: 'READ' } });
    assert.equal((await ok(emu.url, 'acls/get', { query: { scope: 'etl', principal: 'data-engineers' } })).permission, 'READ');
    // Listing keeps the spelling the scope was created with.
    await ok(emu.url, 'scopes/create', { body: { scope: 'Mixed.Case' } });
    assert.deepEqual((await ok(emu.url, 'scopes/list')).scopes, [
      { name: 'Mixed.Case', backend_type: 'DATABRICKS' },
      { name: 'etl', backend_type: 'DATABRICKS' },
    ]);
    await ok(emu.url, 'scopes/delete', { body: { scope: 'MIXED.case' } });
    await ok(emu.url, 'scopes/delete', { body: { scope: 'Etl' } });
    assert.deepEqual(await ok(emu.url, 'scopes/list'), {});
  });

  it('a value of exactly 128 KB (bytes, UTF-8) is accepted; one byte more is refused', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
    const limit = 128 * 1024;
    await ok(emu.url, 'put', { body: { scope: 's', key: 'ascii', string_value: 'a'.repeat(limit) } });
    await ok(emu.url, 'put', { body: { scope: 's', key: 'bytes', bytes_value: Buffer.alloc(limit, 7).toString('base64') } });
    // 'é' is 2 bytes in UTF-8: 65537 characters = 131074 bytes, over the limit though under 128 K characters.
    for (const body of [
      { scope: 's', key: 'over', string_value: 'a'.repeat(limit + 1) },
      { scope: 's', key: 'over', string_value: 'é'.repeat(limit / 2 + 1) },
      { scope: 's', key: 'over', bytes_value: Buffer.alloc(limit + 1).toString('base64') },
    ]) {
      const answer = await call(emu.url, 'put', { body });
      assert.equal(answer.status, 400);
      assert.equal(answer.json?.error_code, 'INVALID_PARAMETER_VALUE');
      assert.match(String(answer.json?.message), /131072 bytes/);
    }
    const got = await ok(emu.url, 'get', { query: { scope: 's', key: 'ascii' } });
    assert.equal(Buffer.from(String(got.value), 'base64').length, limit);
  });

  it('holds at most 1000 secrets per scope; overwriting at the limit still works', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
    const dispatcher = new Agent({ connections: 8 });
    try {
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) => ok(emu.url, 'put', { body: { scope: 's', key: `k${i}`, string_value: 'v' }, dispatcher })),
      );
    } finally {
      await dispatcher.close();
    }
    const over = await call(emu.url, 'put', { body: { scope: 's', key: 'k1000', string_value: 'v' } });
    assert.equal(over.status, 400);
    assert.equal(over.json?.error_code, 'RESOURCE_LIMIT_EXCEEDED');
    await ok(emu.url, 'put', { body: { scope: 's', key: 'k999', string_value: 'new' } });
    assert.equal(((await ok(emu.url, 'list', { query: { scope: 's' } })).secrets as unknown[]).length, 1000);
  });

  it('caps the number of scopes with RESOURCE_LIMIT_EXCEEDED', async () => {
    for (const scope of ['a', 'b', 'c']) await ok(emu.url, 'scopes/create', { body: { scope } });
    const over = await call(emu.url, 'scopes/create', { body: { scope: 'd' } });
    assert.equal(over.status, 400);
    assert.equal(over.json?.error_code, 'RESOURCE_LIMIT_EXCEEDED');
    await ok(emu.url, 'scopes/delete', { body: { scope: 'a' } });
    await ok(emu.url, 'scopes/create', { body: { scope: 'd' } });
  });

  it('creates a Key Vault-backed scope and lists it with keyvault_metadata', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 'kv', scope_backend_type: 'AZURE_KEYVAULT', backend_azure_keyvault: KV } });
    assert.deepEqual(await ok(emu.url, 'scopes/list'), {
      scopes: [{ name: 'kv', backend_type: 'AZURE_KEYVAULT', keyvault_metadata: KV }],
    });
  });

  it('Key Vault scopes are read-only: put and delete answer BAD_REQUEST; ACLs still work', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 'kv', scope_backend_type: 'AZURE_KEYVAULT', backend_azure_keyvault: KV } });
    for (const [endpoint, body] of [
      ['put', { scope: 'kv', key: 'k', string_value: 'v' }],
      ['delete', { scope: 'kv', key: 'k' }],
    ] as const) {
      const answer = await call(emu.url, endpoint, { body });
      assert.equal(answer.status, 400, endpoint);
      assert.equal(answer.json?.error_code, 'BAD_REQUEST', endpoint);
      assert.match(String(answer.json?.message), /Key Vault/);
    }
    await ok(emu.url, 'acls/put', { body: { scope: 'kv', principal: 'users', permission: 'READ' } });
    assert.deepEqual(await ok(emu.url, 'list', { query: { scope: 'kv' } }), {});
  });

  it('refuses inconsistent Key Vault requests', async () => {
    const cases: [object, string][] = [
      [{ scope: 'a', scope_backend_type: 'AZURE_KEYVAULT' }, 'INVALID_PARAMETER_VALUE'],
      [{ scope: 'a', scope_backend_type: 'AZURE_KEYVAULT', backend_azure_keyvault: { resource_id: 'x' } }, 'INVALID_PARAMETER_VALUE'],
      [{ scope: 'a', scope_backend_type: 'DATABRICKS', backend_azure_keyvault: KV }, 'MALFORMED_REQUEST'],
      [{ scope: 'a', scope_backend_type: 'SOMETHING' }, 'INVALID_PARAMETER_VALUE'],
      [{ scope: 'a', backend_azure_keyvault: 'kv' }, 'MALFORMED_REQUEST'],
    ];
    for (const [body, code] of cases) {
      const answer = await call(emu.url, 'scopes/create', { body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.json?.error_code, code, JSON.stringify(body));
    }
    assert.deepEqual(await ok(emu.url, 'scopes/list'), {});
  });

  it('an ACL permission other than READ/WRITE/MANAGE is INVALID_PARAMETER_VALUE', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
    for (const permission of ['read', 'OWNER', '']) {
      const answer = await call(emu.url, 'acls/put', { body: { scope: 's', principal: 'p', permission } });
      assert.equal(answer.json?.error_code, 'INVALID_PARAMETER_VALUE', permission);
    }
  });

  it('put with both string_value and bytes_value is MALFORMED_REQUEST; with neither INVALID_PARAMETER_VALUE; bad base64 INVALID_PARAMETER_VALUE', async () => {
    await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
    const both = await call(emu.url, 'put', { body: { scope: 's', key: 'k', string_value: 'a', bytes_value: 'YQ==' } });
    assert.equal(both.json?.error_code, 'MALFORMED_REQUEST');
    const neither = await call(emu.url, 'put', { body: { scope: 's', key: 'k' } });
    assert.equal(neither.json?.error_code, 'INVALID_PARAMETER_VALUE');
    for (const bytes of ['not base64!', 'YQ', 'Y===', 'YQ==YQ==']) {
      const bad = await call(emu.url, 'put', { body: { scope: 's', key: 'k', bytes_value: bytes } });
      assert.equal(bad.json?.error_code, 'INVALID_PARAMETER_VALUE', bytes);
    }
    assert.deepEqual(await ok(emu.url, 'list', { query: { scope: 's' } }), {});
  });

  it('restrictGet makes get answer BAD_REQUEST while list still works', async () => {
    const restricted = await startEmulator({ restrictGet: true });
    try {
      await ok(restricted.url, 'scopes/create', { body: { scope: 's' } });
      await ok(restricted.url, 'put', { body: { scope: 's', key: 'k', string_value: 'v' } });
      const answer = await call(restricted.url, 'get', { query: { scope: 's', key: 'k' } });
      assert.equal(answer.status, 400);
      assert.equal(answer.json?.error_code, 'BAD_REQUEST');
      assert.ok(!answer.text.includes('"value"'));
      assert.equal(((await ok(restricted.url, 'list', { query: { scope: 's' } })).secrets as unknown[]).length, 1);
    } finally {
      await restricted.close();
    }
  });
});
