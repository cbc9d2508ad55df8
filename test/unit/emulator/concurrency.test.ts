import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Agent } from 'undici';
import { startEmulator } from '../../../src/core/emulator/server';
import { call, ok, tempDir } from './helpers';

const CLIENTS = 50;
const PUTS = 100;
const SCOPES = 10; // 5000 secrets over 10 shared scopes: 500 each, under the 1000-per-scope limit

describe('emulator: concurrency', () => {
  it(`${CLIENTS} parallel clients each putting ${PUTS} secrets into shared scopes lose none (with persistence)`, async function () {
    this.timeout(30_000);
    const file = join(tempDir(), 'ws.json');
    const emu = await startEmulator({ dataFile: file });
    const agents = Array.from({ length: CLIENTS }, () => new Agent({ connections: 1 }));
    try {
      for (let s = 0; s < SCOPES; s++) await ok(emu.url, 'scopes/create', { body: { scope: `shared-${s}` } });
      const started = performance.now();
      await Promise.all(
        agents.map(async (dispatcher, c) => {
          for (let i = 0; i < PUTS; i++) {
            const scope = `shared-${(c * PUTS + i) % SCOPES}`;
            const answer = await call(emu.url, 'put', { body: { scope, key: `c${c}-k${i}`, string_value: `${c}:${i}` }, dispatcher });
            assert.equal(answer.status, 200, answer.text);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(`      ${CLIENTS * PUTS} durable puts from ${CLIENTS} clients in ${seconds.toFixed(2)} s`);
      let total = 0;
      for (let s = 0; s < SCOPES; s++) {
        const secrets = (await ok(emu.url, 'list', { query: { scope: `shared-${s}` } })).secrets as { key: string }[];
        assert.equal(secrets.length, (CLIENTS * PUTS) / SCOPES, `scope shared-${s}`);
        total += secrets.length;
      }
      assert.equal(total, CLIENTS * PUTS);
    } finally {
      await Promise.all(agents.map((a) => a.close()));
      await emu.close();
    }
    const reopened = await startEmulator({ dataFile: file });
    try {
      for (let s = 0; s < SCOPES; s++) {
        const secrets = (await ok(reopened.url, 'list', { query: { scope: `shared-${s}` } })).secrets as { key: string }[];
        assert.equal(secrets.length, (CLIENTS * PUTS) / SCOPES, `scope shared-${s} after restart`);
      }
      const got = await ok(reopened.url, 'get', { query: { scope: 'shared-8', key: 'c49-k98' } });
      assert.equal(Buffer.from(String(got.value), 'base64').toString(), '49:98');
    } finally {
      await reopened.close();
    }
  });

  it('concurrent ACL and secret changes on one scope all land', async () => {
    const emu = await startEmulator();
    try {
      await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
      await Promise.all([
        ...Array.from({ length: 40 }, (_, i) => ok(emu.url, 'acls/put', { body: { scope: 's', principal: `group-${i}`, permission: 'READ' } })),
        ...Array.from({ length: 40 }, (_, i) => ok(emu.url, 'put', { body: { scope: 's', key: `k${i}`, string_value: 'v' } })),
      ]);
      assert.equal(((await ok(emu.url, 'acls/list', { query: { scope: 's' } })).items as unknown[]).length, 41);
      assert.equal(((await ok(emu.url, 'list', { query: { scope: 's' } })).secrets as unknown[]).length, 40);
      const racing = await Promise.all(Array.from({ length: 10 }, () => call(emu.url, 'scopes/create', { body: { scope: 'race' } })));
      assert.equal(racing.filter((a) => a.status === 200).length, 1, 'exactly one concurrent create wins');
      assert.ok(racing.filter((a) => a.status !== 200).every((a) => a.json?.error_code === 'RESOURCE_ALREADY_EXISTS'));
    } finally {
      await emu.close();
    }
  });
});
