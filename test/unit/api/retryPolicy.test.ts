import { strict as assert } from 'node:assert';
import { backoffDelay, isConnectionReset, parseRetryAfter, retryDelay } from '../../../src/core/api/retryPolicy';

const policy = { baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };

describe('retry policy', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('1', now), 1000);
    assert.equal(parseRetryAfter(' 30 ', now), 30000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now), 0, 'a past date means now');
    assert.equal(parseRetryAfter(['2', '9'], now), 2000);
    for (const bad of [undefined, '', '-1', '1.5', 'soon', 'Thu, 99 Foo 2026']) {
      assert.equal(parseRetryAfter(bad, now), undefined, String(bad));
    }
  });

  it('backs off exponentially, capped, with jitter between half and all of the step', () => {
    const low = (): number => 0;
    const high = (): number => 1;
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((r) => backoffDelay(r, policy, high)), [100, 200, 400, 800, 1000, 1000]);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((r) => backoffDelay(r, policy, low)), [50, 100, 200, 400, 500, 500]);
    const samples = new Set(Array.from({ length: 50 }, () => backoffDelay(3, policy)));
    assert.ok(samples.size > 5, 'jitter varies the delay');
    for (const s of samples) assert.ok(s >= 400 && s <= 800);
  });

  it('prefers Retry-After, cut to the cap', () => {
    assert.equal(retryDelay(0, 1000, policy, () => 0), 1000);
    assert.equal(retryDelay(4, 60_000, policy, () => 0), 5000);
    assert.equal(retryDelay(2, undefined, policy, () => 1), 400);
  });

  it('recognises connection resets, also wrapped in a cause', () => {
    assert.ok(isConnectionReset(Object.assign(new Error('x'), { code: 'ECONNRESET' })));
    assert.ok(isConnectionReset(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })));
    assert.ok(isConnectionReset(new Error('fetch failed', { cause: Object.assign(new Error('y'), { code: 'EPIPE' }) })));
    assert.ok(!isConnectionReset(Object.assign(new Error('z'), { code: 'ECONNREFUSED' })));
    assert.ok(!isConnectionReset(new Error('plain')));
  });
});
