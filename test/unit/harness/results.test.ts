import * as assert from 'node:assert/strict';
import { printResults, resultsPassed, type TestResults } from '../../integration/driver/results';

function results(passes: number, failures: number, error?: string): TestResults {
  const t = (i: number) => ({ title: `t${i}`, fullTitle: `suite t${i}` });
  return {
    host: { appHost: 'server-distro', vscodeVersion: '1.139.1' },
    passes: Array.from({ length: passes }, (_, i) => t(i)),
    failures: Array.from({ length: failures }, (_, i) => ({ ...t(i), message: `boom ${i}` })),
    pending: [],
    totals: { tests: passes + failures, passes, failures, pending: 0, durationMs: 5 },
    ...(error ? { error } : {}),
  };
}

describe('harness: results', () => {
  it('passes only with at least one pass, no failure and no suite error', () => {
    assert.equal(resultsPassed(results(3, 0)), true);
    assert.equal(resultsPassed(results(3, 1)), false);
    assert.equal(resultsPassed(results(0, 0)), false);
    assert.equal(resultsPassed(results(2, 0, 'could not load a test file')), false);
  });

  it('ends with the "N passed, N failed" line, counting a suite error as a failure', () => {
    const lines: string[] = [];
    printResults('integration', results(2, 1), (l) => lines.push(l));
    assert.equal(lines.at(-1), 'integration: 2 passed, 1 failed');
    assert.ok(lines.some((l) => l.includes('boom 0')));
    lines.length = 0;
    printResults('integration', results(0, 0, 'SyntaxError in x.test.js'), (l) => lines.push(l));
    assert.equal(lines.at(-1), 'integration: 0 passed, 1 failed');
  });
});
