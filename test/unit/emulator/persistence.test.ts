import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'undici';
import { startEmulator } from '../../../src/core/emulator/server';
import { call, killSpawned, ok, spawnEmulator, tempDir } from './helpers';

const KV = { resource_id: '/subscriptions/x/vaults/kv', dns_name: 'https://kv.vault.azure.net/' };

describe('emulator: persistence', () => {
  afterEach(killSpawned);
  it('a restart on the same file brings back scopes, values, timestamps and ACLs', async () => {
    const file = join(tempDir(), 'ws.json');
    const first = await startEmulator({ dataFile: file });
    await ok(first.url, 'scopes/create', { body: { scope: 'a' } });
    await ok(first.url, 'scopes/create', { body: { scope: 'kv', scope_backend_type: 'AZURE_KEYVAULT', backend_azure_keyvault: KV } });
    await ok(first.url, 'put', { body: { scope: 'a', key: 'text', string_value: 'héllo\n' } });
    await ok(first.url, 'put', { body: { scope: 'a', key: 'bin', bytes_value: Buffer.from([0, 255]).toString('base64') } });
    await ok(first.url, 'acls/put', { body: { scope: 'a', principal: 'users', permission: 'READ' } });
    const scopesBefore = await ok(first.url, 'scopes/list');
    const keysBefore = await ok(first.url, 'list', { query: { scope: 'a' } });
    const aclsBefore = await ok(first.url, 'acls/list', { query: { scope: 'a' } });
    await first.close();

    const second = await startEmulator({ dataFile: file });
    try {
      assert.deepEqual(await ok(second.url, 'scopes/list'), scopesBefore);
      assert.deepEqual(await ok(second.url, 'list', { query: { scope: 'a' } }), keysBefore);
      assert.deepEqual(await ok(second.url, 'acls/list', { query: { scope: 'a' } }), aclsBefore);
      assert.equal((await ok(second.url, 'get', { query: { scope: 'a', key: 'text' } })).value, Buffer.from('héllo\n').toString('base64'));
      assert.equal((await ok(second.url, 'get', { query: { scope: 'a', key: 'bin' } })).value, 'AP8=');
    } finally {
      await second.close();
    }
  });

  it('every acknowledged change is already in the file, which always parses; no temp file is left', async () => {
    const dir = tempDir();
    const file = join(dir, 'ws.json');
    const emu = await startEmulator({ dataFile: file });
    try {
      assert.ok(existsSync(file), 'a new data file is written at start');
      if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o077, 0, 'the file holds secret values: owner-only');
      await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
      for (let i = 0; i < 20; i++) {
        await ok(emu.url, 'put', { body: { scope: 's', key: `k${i}`, string_value: `v${i}` } });
        const stored = JSON.parse(readFileSync(file, 'utf8')) as { scopes: { secrets: { key: string }[] }[] };
        assert.ok(stored.scopes[0].secrets.some((s) => s.key === `k${i}`), `k${i} on disk when acknowledged`);
      }
      await ok(emu.url, 'delete', { body: { scope: 's', key: 'k0' } });
      assert.ok(!readFileSync(file, 'utf8').includes('"k0"'));
    } finally {
      await emu.close();
    }
    assert.deepEqual(readdirSync(dir), ['ws.json']);
  });

  it('the demo seed fills only a new file; a restart keeps later changes instead of re-seeding', async () => {
    const file = join(tempDir(), 'ws.json');
    const first = await startEmulator({ dataFile: file, seed: 'demo' });
    await ok(first.url, 'scopes/delete', { body: { scope: 'data-platform' } });
    await first.close();
    const second = await startEmulator({ dataFile: file, seed: 'demo' });
    try {
      const names = ((await ok(second.url, 'scopes/list')).scopes as { name: string }[]).map((s) => s.name);
      assert.ok(!names.includes('data-platform'));
      assert.ok(names.includes('etl-prod'));
    } finally {
      await second.close();
    }
  });

  it('refuses to start on a file that is not a data file, and leaves it untouched', async () => {
    const file = join(tempDir(), 'ws.json');
    for (const content of ['{"half": ', '{"format":"other"}', '[]']) {
      writeFileSync(file, content);
      await assert.rejects(startEmulator({ dataFile: file }), (e: Error) => e.message.includes(file));
      assert.equal(readFileSync(file, 'utf8'), content);
    }
  });

  it('refuses a data file holding two scopes whose names differ only in case (scope names ignore case)', async () => {
    const file = join(tempDir(), 'ws.json');
    const scope = (name: string) => ({ name, backend_type: 'DATABRICKS', secrets: [], acls: [] });
    const content = JSON.stringify({ format: 'databricks-secrets-emulator', version: 1, scopes: [scope('etl'), scope('ETL')] });
    writeFileSync(file, content);
    const refused = await startEmulator({ dataFile: file }).then(async (started) => {
      await started.close();
      return undefined;
    }, (e: Error) => e);
    assert.match(String(refused?.message), /ETL appears twice/);
    assert.equal(readFileSync(file, 'utf8'), content);
    const withAt = JSON.stringify({ format: 'databricks-secrets-emulator', version: 1, scopes: [scope('jane@example.com')] });
    writeFileSync(file, withAt);
    const emu = await startEmulator({ dataFile: file });
    try {
      assert.deepEqual(await ok(emu.url, 'scopes/list'), { scopes: [{ name: 'jane@example.com', backend_type: 'DATABRICKS' }] });
    } finally {
      await emu.close();
    }
  });

  it('SIGKILL while writes are in flight loses no acknowledged write (3 rounds)', async function () {
    this.timeout(30_000);
    const file = join(tempDir(), 'ws.json');
    const acknowledged = new Map<string, string>();
    let inFlightAtKill = 0;
    for (let round = 0; round < 3; round++) {
      const emu = await spawnEmulator(['--port', '0', '--data', file]);
      const agent = new Agent({ connections: 16 });
      try {
        if (round === 0) {
          for (let s = 0; s < 4; s++) await ok(emu.url, 'scopes/create', { body: { scope: `s${s}` }, dispatcher: agent });
        }
        let stop = false;
        let inFlight = 0;
        const writer = async (w: number): Promise<void> => {
          for (let i = 0; !stop; i++) {
            const key = `r${round}-w${w}-${i}`;
            const value = `value-${key}`;
            inFlight++;
            try {
              const answer = await call(emu.url, 'put', { body: { scope: `s${w % 4}`, key, string_value: value }, dispatcher: agent });
              if (answer.status === 200) acknowledged.set(`s${w % 4}/${key}`, value);
            } catch {
              return; // the server died under this request
            } finally {
              inFlight--;
            }
          }
        };
        const writers = Array.from({ length: 16 }, (_, w) => writer(w));
        await new Promise((r) => setTimeout(r, 250 + round * 100));
        inFlightAtKill += inFlight;
        emu.child.kill('SIGKILL');
        assert.equal(await emu.exited, 'SIGKILL');
        stop = true;
        await Promise.all(writers);
      } finally {
        await agent.destroy();
      }
      JSON.parse(readFileSync(file, 'utf8')); // the file parses after every kill
    }
    assert.ok(inFlightAtKill > 0, 'writes were in flight when the process was killed');
    assert.ok(acknowledged.size > 50, `only ${acknowledged.size} writes acknowledged`);

    const emu = await startEmulator({ dataFile: file });
    try {
      const present = new Set<string>();
      for (let s = 0; s < 4; s++) {
        const listed = (await ok(emu.url, 'list', { query: { scope: `s${s}` } })).secrets as { key: string }[] | undefined;
        for (const { key } of listed ?? []) present.add(`s${s}/${key}`);
      }
      const lost = [...acknowledged.keys()].filter((k) => !present.has(k));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.size} acknowledged writes lost`);
      for (const [path, value] of [...acknowledged].slice(0, 50)) {
        const [scope, key] = path.split('/');
        const got = await call(emu.url, 'get', { query: { scope, key } });
        assert.equal(Buffer.from(String(got.json?.value), 'base64').toString(), value);
      }
    } finally {
      await emu.close();
    }
  });
});
