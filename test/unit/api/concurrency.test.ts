import { strict as assert } from 'node:assert';
import { ApiError, mapConcurrent } from '../../../src/core/api';
import { rejection } from './helpers';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('mapConcurrent', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 40 }, (_, i) => i);
    const out = await mapConcurrent(items, 7, async (n, index) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick((n * 7) % 5);
      inFlight--;
      return `${n}:${index}`;
    });
    assert.deepEqual(out, items.map((n) => `${n}:${n}`));
    assert.equal(peak, 7);
  });

  it('runs faster than one after another', async () => {
    const started = Date.now();
    await mapConcurrent(Array.from({ length: 20 }), 10, () => tick(20));
    assert.ok(Date.now() - started < 300, 'twenty 20 ms jobs at 10 wide take about 40 ms, not 400 ms');
  });

  it('handles an empty list and a limit larger than the list', async () => {
    assert.deepEqual(await mapConcurrent([], 4, async () => 1), []);
    assert.deepEqual(await mapConcurrent([1, 2], 100, async (n) => n * 2), [2, 4]);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const err = await rejection(mapConcurrent(Array.from({ length: 10 }, (_, i) => i), 2, async (n) => {
      started.push(n);
      await tick(5);
      if (n === 1) throw new Error('boom');
      return n;
    }));
    assert.equal((err as Error).message, 'boom');
    await tick(30);
    assert.ok(started.length <= 3, `started ${started.length} jobs`);
  });

  it('stops at once when the signal aborts', async () => {
    const controller = new AbortController();
    let started = 0;
    const pending = rejection(mapConcurrent(Array.from({ length: 100 }), 3, async () => {
      started++;
      await tick(50);
    }, controller.signal));
    await tick(10);
    controller.abort();
    const err = await pending;
    assert.ok(err instanceof ApiError && err.kind === 'cancelled');
    await tick(80);
    assert.equal(started, 3);
    assert.ok((await rejection(mapConcurrent([1], 1, async () => 1, AbortSignal.abort()))) instanceof ApiError);
  });

  it('refuses a limit below 1', async () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      assert.ok((await rejection(mapConcurrent([1], limit, async () => 1))) instanceof RangeError);
    }
  });
});
