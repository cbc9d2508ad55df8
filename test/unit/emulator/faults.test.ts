import { strict as assert } from 'node:assert';
import { startEmulator } from '../../../src/core/emulator/server';
import { ADMIN, USER, call, ok } from './helpers';

describe('emulator: fault injection', () => {
  it('latencyMs delays every answer by at least that much', async () => {
    const emu = await startEmulator({ latencyMs: 120 });
    try {
      for (let i = 0; i < 2; i++) {
        const started = performance.now();
        await ok(emu.url, 'scopes/list');
        assert.ok(performance.now() - started >= 115, `answered after ${performance.now() - started} ms`);
      }
    } finally {
      await emu.close();
    }
  });

  it('failRate 1 answers every request 503 TEMPORARILY_UNAVAILABLE with Retry-After', async () => {
    const emu = await startEmulator({ failRate: 1 });
    try {
      for (const endpoint of ['scopes/list', 'list']) {
        const answer = await call(emu.url, endpoint, { query: { scope: 's' } });
        assert.equal(answer.status, 503);
        assert.equal(answer.json?.error_code, 'TEMPORARILY_UNAVAILABLE');
        assert.equal(answer.headers['retry-after'], '1');
      }
    } finally {
      await emu.close();
    }
  });

  it('an injected 503 does not apply the request; the retry does', async () => {
    let draws = 0;
    const emu = await startEmulator({ failRate: 0.5, random: () => (draws++ === 0 ? 0.1 : 0.9) });
    try {
      assert.equal((await call(emu.url, 'scopes/create', { body: { scope: 's' } })).status, 503);
      assert.equal((await call(emu.url, 'scopes/create', { body: { scope: 's' } })).status, 200, 'the first attempt created nothing');
    } finally {
      await emu.close();
    }
  });

  it('failRate follows the random source (about the given fraction)', async () => {
    let n = 0;
    const emu = await startEmulator({ failRate: 0.25, random: () => (n++ % 4) / 4 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await call(emu.url, 'scopes/list')).status);
      assert.deepEqual(statuses, [503, 200, 200, 200, 503, 200, 200, 200]);
    } finally {
      await emu.close();
    }
  });

  it('rateLimit answers 429 REQUEST_LIMIT_EXCEEDED with Retry-After per token, then lets requests through again', async () => {
    const emu = await startEmulator({ rateLimit: 5 });
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, () => call(emu.url, 'scopes/list')));
      const limited = answers.filter((a) => a.status === 429);
      assert.equal(answers.filter((a) => a.status === 200).length + limited.length, 8);
      assert.ok(limited.length >= 3, `${limited.length} limited`);
      for (const a of limited) {
        assert.equal(a.json?.error_code, 'REQUEST_LIMIT_EXCEEDED');
        assert.ok(Number(a.headers['retry-after']) >= 1);
      }
      assert.equal((await call(emu.url, 'scopes/list', { token: USER })).status, 200, 'another token has its own budget');
      await new Promise((r) => setTimeout(r, Number(limited[0].headers['retry-after']) * 1000 + 50));
      assert.equal((await call(emu.url, 'scopes/list', { token: ADMIN })).status, 200);
    } finally {
      await emu.close();
    }
  });

  it('refuses nonsensical fault options with a clear message', async () => {
    await assert.rejects(startEmulator({ failRate: 2 }), /failRate/);
    await assert.rejects(startEmulator({ rateLimit: 0 }), /rateLimit/);
    await assert.rejects(startEmulator({ latencyMs: -1 }), /latencyMs/);
    await assert.rejects(startEmulator({ port: 70000 }), /port/);
  });
});
