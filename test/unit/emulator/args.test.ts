import { strict as assert } from 'node:assert';
import { UsageError, parseEmulatorArgs } from '../../../src/core/emulator/args';

describe('emulator: command-line flags', () => {
  it('defaults to port 8787 and nothing else', () => {
    assert.deepEqual(parseEmulatorArgs([]), { help: false, options: { port: 8787 } });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const parsed = parseEmulatorArgs([
      '--port', '0', '--data=/tmp/ws.json', '--seed', 'demo', '--latency-ms', '5', '--fail-rate=0.25',
      '--rate-limit', '100', '--token', 'tok-a=alice@example.com', '--token=tok-b=bob@example.com',
      '--admin', 'alice@example.com', '--restrict-get', '--max-scopes', '10', '--host', '127.0.0.1',
      '--key-vault-needs-aad',
    ]);
    assert.deepEqual(parsed, {
      help: false,
      options: {
        port: 0,
        dataFile: '/tmp/ws.json',
        seed: 'demo',
        latencyMs: 5,
        failRate: 0.25,
        rateLimit: 100,
        tokens: { 'tok-a': 'alice@example.com', 'tok-b': 'bob@example.com' },
        admins: ['alice@example.com'],
        restrictGet: true,
        keyVaultNeedsAad: true,
        maxScopes: 10,
        host: '127.0.0.1',
      },
    });
  });

  it('--help asks for the usage text', () => {
    assert.deepEqual(parseEmulatorArgs(['--port', '1', '--help']), { help: true });
  });

  it('refuses bad flags with a message naming the flag and the rule', () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /Unknown option "--bogus"/],
      [['--port'], /--port needs a value/],
      [['--port', 'abc'], /--port must be a whole number from 0 to 65535/],
      [['--port', '70000'], /--port must be a whole number/],
      [['--port', '-1'], /--port/],
      [['--fail-rate', '1.5'], /--fail-rate must be a number from 0 to 1/],
      [['--fail-rate', 'x'], /--fail-rate/],
      [['--rate-limit', '0'], /--rate-limit must be a whole number from 1/],
      [['--latency-ms', '2.5'], /--latency-ms/],
      [['--seed', 'prod'], /--seed accepts only "demo"/],
      [['--token', 'no-equals'], /--token must look like TOKEN=USER/],
      [['--token', '=user'], /--token must look like TOKEN=USER/],
      [['--token', 'tok='], /--token must look like TOKEN=USER/],
      [['--restrict-get=yes'], /--restrict-get takes no value/],
      [['--key-vault-needs-aad=1'], /--key-vault-needs-aad takes no value/],
      [['--data', '--seed'], /--data needs a value/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(() => parseEmulatorArgs(argv), (e: Error) => e instanceof UsageError && message.test(e.message), argv.join(' '));
    }
  });
});
