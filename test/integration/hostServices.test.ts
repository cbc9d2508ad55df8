import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ApiError } from '../../src/core/api';
import { runCommand } from '../../src/host/commands/runCommand';
import { describeError } from '../../src/host/errors/describeError';
import { loadApi } from '../../src/host/lazyApi';
import { formatRelativeTime } from '../../src/host/tree/time';
import { Limiter } from '../../src/host/util/limiter';
import { checkHost } from '../../src/host/workspaces/hostUrl';

/** A log channel that records what it is given (the real one cannot be read back). */
function recordingLog(): { log: vscode.LogOutputChannel; lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string | Error) => lines.push(`${level} ${message instanceof Error ? message.message : message}`);
  const log = { trace: record('trace'), debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  return { log: log as unknown as vscode.LogOutputChannel, lines };
}

describe('host services', () => {
  before(async () => {
    await loadApi(); // the same client module the errors below come from
  });

  it('the command wrapper logs the failure detail (kind, code, status) and never rethrows', async () => {
    const { log, lines } = recordingLog();
    const result = await runCommand(log, 'databricksSecrets.test.fail', () => {
      throw new ApiError('auth', 'UNAUTHENTICATED', 'The workspace rejected the token (HTTP 401).', { status: 401 });
    });
    assert.equal(result, undefined);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], /^error databricksSecrets\.test\.fail failed: ApiError kind=auth code=UNAUTHENTICATED status=401/);
  });

  it('a cancelled command is logged as such and shows no error', async () => {
    const { log, lines } = recordingLog();
    await runCommand(log, 'databricksSecrets.test.cancel', () => {
      throw new ApiError('cancelled', 'CANCELLED', 'Cancelled: did not list scopes.');
    });
    assert.deepEqual(lines, ['info databricksSecrets.test.cancel: cancelled']);
  });

  it('describes each failure kind with an action a person can take', () => {
    const workspace = { id: 'settings:https://x.cloud.databricks.com', host: 'https://x.cloud.databricks.com', name: 'x', source: 'settings' as const };
    const cases: Array<[ApiError, RegExp, string]> = [
      [new ApiError('auth', 'UNAUTHENTICATED', 'rejected'), /Token rejected/, 'setToken'],
      [new ApiError('permission', 'PERMISSION_DENIED', 'no'), /No permission/, 'showLog'],
      [new ApiError('network', 'NETWORK_ERROR', 'refused'), /Host unreachable/, 'refresh'],
      [new ApiError('timeout', 'TIMEOUT', 'slow'), /Host not answering/, 'refresh'],
      [new ApiError('not-databricks', 'NOT_DATABRICKS', 'html'), /Not a Databricks workspace/, 'openSettings'],
      [new ApiError('unavailable', 'TEMPORARILY_UNAVAILABLE', '503'), /Service unavailable after retries/, 'refresh'],
      [new ApiError('rate-limited', 'REQUEST_LIMIT_EXCEEDED', '429'), /Too many requests/, 'refresh'],
    ];
    for (const [error, headline, action] of cases) {
      const view = describeError(error, workspace);
      assert.match(view.headline, headline, error.kind);
      assert.equal(view.actions[0], action, error.kind);
    }
  });

  it('checks workspace hosts: https, http only for loopback, origin only', () => {
    assert.deepEqual(checkHost('adb-1.2.azuredatabricks.net/?o=1#x'), { ok: true, host: 'https://adb-1.2.azuredatabricks.net' });
    assert.deepEqual(checkHost('http://127.0.0.1:8787/'), { ok: true, host: 'http://127.0.0.1:8787' });
    const plain = checkHost('http://dbc.example.com');
    assert.ok(!plain.ok && /https:\/\//.test(plain.message));
    const empty = checkHost('  ');
    assert.ok(!empty.ok && /empty/.test(empty.message));
    const withUser = checkHost('https://me:pw@dbc.example.com');
    assert.ok(!withUser.ok && /user name or password/.test(withUser.message));
  });

  it('the limiter never runs more tasks at once than allowed', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    };
    await Promise.all(Array.from({ length: 8 }, () => limiter.run(task)));
    assert.equal(peak, 2);
    await assert.rejects(limiter.run(async () => Promise.reject(new Error('boom'))), /boom/);
    await limiter.run(task); // a failed task frees its slot
  });

  it('formats update times relative to now', () => {
    const now = Date.UTC(2026, 10, 25, 12);
    assert.equal(formatRelativeTime(now - 3 * 24 * 3600_000, now, 'en'), '3 days ago');
    assert.equal(formatRelativeTime(now - 125_000, now, 'en'), '2 minutes ago');
    assert.equal(formatRelativeTime(now - 5_000, now, 'en'), 'now');
  });
});
