import { strict as assert } from 'node:assert';
import { startEmulator, RunningEmulator } from '../../../src/core/emulator/server';
import { DEMO_SCOPES } from '../../../src/core/emulator/seed';
import { USER, call, ok } from './helpers';

describe('emulator: demo seed', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ seed: 'demo' });
  });
  after(() => emu.close());

  it('has several scopes, one Key Vault-backed, and dozens of keys', async () => {
    const scopes = (await ok(emu.url, 'scopes/list')).scopes as { name: string; backend_type: string; keyvault_metadata?: object }[];
    assert.ok(scopes.length >= 5);
    for (const name of ['data-platform', 'ml-models', 'etl-prod', 'analytics-dev']) assert.ok(scopes.some((s) => s.name === name), name);
    const kv = scopes.filter((s) => s.backend_type === 'AZURE_KEYVAULT');
    assert.equal(kv.length, 1);
    assert.ok(kv[0].keyvault_metadata);
    let keys = 0;
    for (const s of scopes) keys += (((await ok(emu.url, 'list', { query: { scope: s.name } })).secrets as unknown[]) ?? []).length;
    assert.ok(keys >= 36, `${keys} keys`);
    assert.ok(DEMO_SCOPES.some((s) => s.keys.includes('jdbc-password')));
  });

  it('values are fake but present, and timestamps are in the past', async () => {
    const got = await ok(emu.url, 'get', { query: { scope: 'data-platform', key: 'jdbc-password' } });
    const value = Buffer.from(String(got.value), 'base64').toString();
    assert.match(value, /^demo-[0-9a-f]{32}$/);
    const listed = (await ok(emu.url, 'list', { query: { scope: 'data-platform' } })).secrets as { last_updated_timestamp: number }[];
    assert.ok(listed.every((s) => s.last_updated_timestamp < Date.now()));
  });

  it('group ACLs give the plain user (a data engineer) different access per scope', async () => {
    const acls = (await ok(emu.url, 'acls/list', { query: { scope: 'etl-prod' } })).items as { principal: string }[];
    assert.ok(acls.some((a) => a.principal === 'data-engineers'));
    await ok(emu.url, 'put', { token: USER, body: { scope: 'etl-prod', key: 'new-key', string_value: 'v' } }); // WRITE via group
    assert.equal((await call(emu.url, 'put', { token: USER, body: { scope: 'data-platform', key: 'x', string_value: 'v' } })).status, 403); // READ only
    assert.equal((await call(emu.url, 'list', { token: USER, query: { scope: 'ml-models' } })).status, 403); // no access
    await ok(emu.url, 'list', { token: USER, query: { scope: 'analytics-dev' } }); // users: READ
  });
});
