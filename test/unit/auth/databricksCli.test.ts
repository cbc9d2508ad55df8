import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ApiError, SecretsClient } from '../../../src/core/api';
import { clientAuthOptions, databricksCliTokenSource } from '../../../src/core/auth';
import { RunningEmulator, startEmulator } from '../../../src/core/emulator/server';

const HOST = 'https://dbc-1234.cloud.databricks.com';

/**
 * A stub `databricks` executable: appends its arguments to $STUB_LOG, then behaves as $STUB_MODE says. It is a
 * POSIX shell script, so these tests run where /bin/sh does.
 */
const STUB = `#!/bin/sh
echo "$@" >> "$STUB_LOG"
case "$STUB_MODE" in
  ok) printf '{"access_token":"%s","token_type":"Bearer","expiry":"%s"}\\n' "$STUB_TOKEN" "$STUB_EXPIRY" ;;
  not-signed-in) echo 'Error: cache: databricks OAuth is not configured for this host. Try logging in again with \`databricks auth login --host https://dbc-1234.cloud.databricks.com\` before retrying.' >&2; exit 1 ;;
  legacy) echo "Error: No such command 'auth'." >&2; exit 2 ;;
  old) echo 'Error: unknown flag: --host' >&2; exit 1 ;;
  garbage) echo "not json $STUB_TOKEN" ;;
  other) echo "Error: something odd happened with $STUB_TOKEN" >&2; exit 3 ;;
  hang) echo $$ > "$STUB_PID"; exec sleep 30 ;;
esac
`;

describe('auth: Databricks CLI token source (stub databricks on PATH)', function () {
  this.timeout(20_000);
  if (process.platform === 'win32') return;
  let dir: string;
  let bin: string;
  let log: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dbcli-'));
    bin = join(dir, 'bin');
    log = join(dir, 'calls.log');
    mkdirSync(bin);
    writeFileSync(join(bin, 'databricks'), STUB);
    chmodSync(join(bin, 'databricks'), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function env(mode: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, STUB_LOG: log, STUB_MODE: mode, ...extra };
  }
  function calls(): string[] {
    return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  }
  async function failure(source: ReturnType<typeof databricksCliTokenSource>): Promise<ApiError> {
    try {
      await source.token();
    } catch (error) {
      assert.ok(error instanceof ApiError, String(error));
      return error;
    }
    assert.fail('expected the token source to fail');
  }

  it('runs `databricks auth token --host HOST`, reads access_token and expiry, and caches it until shortly before expiry', async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z');
    const source = databricksCliTokenSource({
      host: `${HOST}/`,
      env: env('ok', { STUB_TOKEN: 'cli-token-1', STUB_EXPIRY: '2026-12-02T11:00:00.123456789Z' }),
      now: () => clock,
    });
    assert.equal(await source.token(), 'cli-token-1');
    assert.equal(await source.token(), 'cli-token-1');
    assert.deepEqual(calls(), [`auth token --host ${HOST}`], 'the host only: no token on the command line');
    clock = Date.parse('2026-12-02T10:59:30Z'); // within the last minute
    await source.token();
    assert.equal(calls().length, 2);
  });

  it('concurrent callers share one CLI run', async () => {
    const source = databricksCliTokenSource({ host: HOST, env: env('ok', { STUB_TOKEN: 't', STUB_EXPIRY: '2999-01-01T00:00:00Z' }) });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => source.token()));
    assert.deepEqual(new Set(tokens), new Set(['t']));
    assert.equal(calls().length, 1);
  });

  it('not signed in: says so and gives the command to run', async () => {
    const error = await failure(databricksCliTokenSource({ host: HOST, env: env('not-signed-in') }));
    assert.equal(error.errorCode, 'CLI_NOT_SIGNED_IN');
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /Run in a terminal: databricks auth login --host https:\/\/dbc-1234\.cloud\.databricks\.com$/);
  });

  it('missing: names what it looked for and the setting', async () => {
    const error = await failure(databricksCliTokenSource({ host: HOST, env: { PATH: dir } }));
    assert.equal(error.errorCode, 'CLI_NOT_FOUND');
    assert.match(error.message, /"databricks" on PATH/);
    assert.match(error.message, /databricksSecrets\.cliPath/);
    const byPath = await failure(databricksCliTokenSource({ host: HOST, cliPath: join(dir, 'nope', 'databricks'), env: env('ok') }));
    assert.equal(byPath.errorCode, 'CLI_NOT_FOUND');
  });

  it('too old or the legacy Python CLI: says which version is needed', async () => {
    for (const mode of ['legacy', 'old']) {
      const error = await failure(databricksCliTokenSource({ host: HOST, env: env(mode) }));
      assert.equal(error.errorCode, 'CLI_TOO_OLD', mode);
      assert.match(error.message, /0\.205 or newer/);
    }
  });

  it('hangs: killed after the time-out, with a message naming the command and the sign-in', async () => {
    const started = Date.now();
    const pidFile = join(dir, 'pid');
    const error = await failure(databricksCliTokenSource({ host: HOST, env: env('hang', { STUB_PID: pidFile }), timeoutMs: 400 }));
    const took = Date.now() - started;
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the hung CLI process was killed');
    assert.equal(error.errorCode, 'CLI_TIMEOUT');
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /did not finish within/);
    assert.ok(took < 3000, `gave up after ${took} ms`);
  });

  it('never quotes a token from the CLI\'s output or errors', async () => {
    const token = 'dapi' + 'ab'.repeat(16);
    const garbage = await failure(databricksCliTokenSource({ host: HOST, env: env('garbage', { STUB_TOKEN: token }) }));
    assert.equal(garbage.errorCode, 'CLI_BAD_OUTPUT');
    const other = await failure(databricksCliTokenSource({ host: HOST, env: env('other', { STUB_TOKEN: token }) }));
    assert.equal(other.errorCode, 'CLI_FAILED');
    assert.match(other.message, /\(exit code 3\): Error: something odd happened with …$/);
    for (const e of [garbage, other]) assert.ok(!e.message.includes(token), e.message);
  });

  describe('with the emulator', () => {
    let emu: RunningEmulator;
    before(async () => {
      emu = await startEmulator({});
    });
    after(() => emu.close());

    it('a client signed in through the CLI lists scopes', async () => {
      const source = databricksCliTokenSource({
        host: emu.url,
        env: env('ok', { STUB_TOKEN: 'dapi-local-admin', STUB_EXPIRY: '2999-01-01T00:00:00Z' }),
      });
      const client = new SecretsClient({ host: emu.url, ...clientAuthOptions(source) });
      try {
        assert.deepEqual(await client.listScopes(), []);
        assert.deepEqual(calls(), [`auth token --host ${emu.url}`]);
      } finally {
        await client.close();
      }
    });
  });
});
