import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEmulatorCli, call, killSpawned, ok, spawnEmulator, tempDir } from './helpers';

/** Runs the CLI to completion and returns exit code and output. */
async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = await buildEmulatorCli();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('emulator: command line (dist/emulator.js)', function () {
  this.timeout(20_000);
  before(() => buildEmulatorCli());
  afterEach(killSpawned);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints exactly the listening line, serves, and stops cleanly on ${signal} (exit 0)`, async () => {
      const emu = await spawnEmulator(['--port', '0']);
      await ok(emu.url, 'scopes/create', { body: { scope: 's' } });
      emu.child.kill(signal);
      assert.equal(await emu.exited, 0);
      assert.deepEqual(emu.stdout, [`Databricks Secrets emulator listening on ${emu.url}`]);
      assert.equal(emu.stderr(), '');
    });
  }

  it('--seed demo with --data writes the demo workspace, which a restart without --seed serves', async () => {
    const file = join(tempDir(), 'demo.json');
    const first = await spawnEmulator(['--port', '0', '--seed', 'demo', '--data', file]);
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);
    assert.ok(existsSync(file));
    const second = await spawnEmulator(['--port', '0', '--data', file]);
    try {
      const scopes = (await ok(second.url, 'scopes/list')).scopes as { name: string }[];
      assert.ok(scopes.some((s) => s.name === 'data-platform'));
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('--token and --admin replace the default principals; --restrict-get and --fail-rate apply', async () => {
    const emu = await spawnEmulator(['--port', '0', '--token', 'tok-x=x@example.com', '--admin', 'x@example.com', '--restrict-get']);
    try {
      assert.equal((await call(emu.url, 'scopes/list')).status, 401, 'default admin token no longer accepted');
      await ok(emu.url, 'scopes/create', { token: 'tok-x', body: { scope: 's' } });
      await ok(emu.url, 'put', { token: 'tok-x', body: { scope: 's', key: 'k', string_value: 'v' } });
      assert.equal((await call(emu.url, 'get', { token: 'tok-x', query: { scope: 's', key: 'k' } })).json?.error_code, 'BAD_REQUEST');
    } finally {
      emu.child.kill('SIGTERM');
      await emu.exited;
    }
    const failing = await spawnEmulator(['--port', '0', '--fail-rate', '1']);
    try {
      assert.equal((await call(failing.url, 'scopes/list')).status, 503);
    } finally {
      failing.child.kill('SIGTERM');
      await failing.exited;
    }
  });

  it('an invalid flag prints a message naming it and exits 2 without listening', async () => {
    const result = await run(['--port', 'eighty']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /--port must be a whole number/);
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await run(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /--seed demo/);
    assert.match(result.stdout, /dapi-local-admin/);
  });

  it('a data file that is not the emulator\'s refuses to start with exit 1', async () => {
    const file = join(tempDir(), 'package.json');
    writeFileSync(file, '{"name":"x"}');
    const result = await run(['--port', '0', '--data', file]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not a Secrets emulator data file/);
  });
});
