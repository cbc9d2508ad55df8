import type { EmulatorOptions } from './server';

/** Usage text of the emulator command line. */
export const USAGE = `Usage: databricks-secrets-emulator [options]

  --port N            port to listen on (default 8787; 0 picks a free port)
  --host ADDR         interface to listen on (default 127.0.0.1)
  --data FILE         keep the workspace in FILE (every change is on disk before it is answered)
  --seed demo         start a new workspace with demo scopes, keys and ACLs
  --latency-ms N      add N ms of latency to every request
  --fail-rate P       answer a fraction P (0..1) of requests with 503 TEMPORARILY_UNAVAILABLE
  --rate-limit N      answer 429 REQUEST_LIMIT_EXCEEDED beyond N requests per second per token
  --token TOKEN=USER  accept TOKEN as USER (repeatable; replaces the default tokens)
  --admin USER        make USER a workspace admin (repeatable; default admin@example.com)
  --restrict-get      answer BAD_REQUEST to "get secret", like restricted workspaces
  --key-vault-needs-aad
                      refuse to create Azure Key Vault-backed scopes (INVALID_PARAMETER_VALUE), as Azure
                      Databricks does for a personal access token
  --max-scopes N      cap the number of scopes (default 1000)
  --client ID=SECRET:USER
                      accept OAuth M2M client ID with SECRET at POST /oidc/v1/token; its tokens act as USER (repeatable)
  --token-ttl N       OAuth access tokens expire after N seconds (default 3600)
  --help              show this text

Default tokens: dapi-local-admin (admin@example.com, an admin), dapi-local-user (user@example.com).`;

/** Thrown for a command line that cannot be used; the message names the flag and the rule. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parsed command line: options, or a request for help. */
export type ParsedArgs = { help: true } | { help: false; options: EmulatorOptions & { port: number } };

/** Parses the emulator's command-line flags (both `--flag value` and `--flag=value`). */
export function parseEmulatorArgs(argv: readonly string[]): ParsedArgs {
  const options: EmulatorOptions & { port: number } = { port: 8787 };
  const tokens: Record<string, string> = {};
  const admins: string[] = [];
  const clients: NonNullable<EmulatorOptions['clients']> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${flag} needs a value.`);
      i++;
      return next;
    };
    const noValue = (): void => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value.`);
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { help: true };
      case '--port':
        options.port = integer(flag, value(), 0, 65535);
        break;
      case '--host':
        options.host = value();
        break;
      case '--data':
        options.dataFile = value();
        if (!options.dataFile) throw new UsageError('--data needs a file path.');
        break;
      case '--seed': {
        const seed = value();
        if (seed !== 'demo') throw new UsageError(`--seed accepts only "demo", not "${seed}".`);
        options.seed = seed;
        break;
      }
      case '--latency-ms':
        options.latencyMs = integer(flag, value(), 0, 600_000);
        break;
      case '--fail-rate': {
        const raw = value();
        const rate = Number(raw);
        if (raw.trim() === '' || !(rate >= 0 && rate <= 1)) throw new UsageError(`--fail-rate must be a number from 0 to 1, not "${raw}".`);
        options.failRate = rate;
        break;
      }
      case '--rate-limit':
        options.rateLimit = integer(flag, value(), 1, 1_000_000);
        break;
      case '--max-scopes':
        options.maxScopes = integer(flag, value(), 0, 1_000_000);
        break;
      case '--token': {
        const pair = value();
        const at = pair.indexOf('=');
        if (at <= 0 || at === pair.length - 1 || /\s/.test(pair.slice(0, at))) {
          throw new UsageError('--token must look like TOKEN=USER (a token without spaces, then = and a user name).');
        }
        tokens[pair.slice(0, at)] = pair.slice(at + 1);
        break;
      }
      case '--admin': {
        const admin = value();
        if (!admin) throw new UsageError('--admin needs a user name.');
        admins.push(admin);
        break;
      }
      case '--client': {
        const spec = value();
        const eq = spec.indexOf('=');
        const colon = spec.lastIndexOf(':');
        if (eq <= 0 || colon <= eq + 1 || colon === spec.length - 1) {
          throw new UsageError('--client must look like ID=SECRET:USER (a client id, =, its secret, :, a user name).');
        }
        clients[spec.slice(0, eq)] = { secret: spec.slice(eq + 1, colon), user: spec.slice(colon + 1) };
        break;
      }
      case '--token-ttl':
        options.tokenTtlSeconds = integer(flag, value(), 1, 31_536_000);
        break;
      case '--restrict-get':
        noValue();
        options.restrictGet = true;
        break;
      case '--key-vault-needs-aad':
        noValue();
        options.keyVaultNeedsAad = true;
        break;
      default:
        throw new UsageError(`Unknown option "${flag}". Run with --help to see the options.`);
    }
  }
  if (Object.keys(tokens).length) options.tokens = tokens;
  if (admins.length) options.admins = admins;
  if (Object.keys(clients).length) options.clients = clients;
  return { help: false, options };
}

function integer(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return n;
}
