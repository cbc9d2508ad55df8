/**
 * Sign-in through the Databricks CLI: runs `databricks auth token --host HOST` (execFile, no shell, a time-out)
 * and reads the access token it prints as JSON. The CLI keeps and refreshes the user's OAuth tokens from
 * `databricks auth login`; this side only caches the access token in memory until its expiry. The token is never
 * on a command line (only the host is passed) and never in a message: the CLI's output is not quoted, and its
 * error text only as a redacted first line.
 */
import { execFile } from 'node:child_process';
import { ApiError } from '../api/errors';
import { validateHost } from '../api/validate';
import { TokenCache, type FetchedToken } from './tokenCache';
import type { RefreshingTokenSource } from './types';

/** Options of {@link databricksCliTokenSource}. */
export interface DatabricksCliOptions {
  /** Workspace URL. */
  host: string;
  /** The CLI executable: a name looked up on PATH or a full path; default `databricks`. */
  cliPath?: string;
  /** Time-out in ms; default 30000 (the CLI may refresh the token over the network first). */
  timeoutMs?: number;
  /** Environment of the CLI process (its PATH is used to find the CLI); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Clock (tests). */
  now?: () => number;
}

const INSTALL_URL = 'https://docs.databricks.com/dev-tools/cli/install.html';

/** The command a person runs to sign in to `host`. */
export function loginCommand(host: string): string {
  return `databricks auth login --host ${host}`;
}

/** A token source backed by the Databricks CLI; plug it into SecretsClient with {@link clientAuthOptions}. */
export function databricksCliTokenSource(options: DatabricksCliOptions): RefreshingTokenSource & { clear(): void } {
  const host = validateHost(options.host);
  const now = options.now ?? Date.now;
  return new TokenCache(() => runCli(host, options.cliPath?.trim() || 'databricks', options.timeoutMs ?? 30_000, options.env ?? process.env), now);
}

function cliError(code: string, message: string, cause?: unknown): ApiError {
  return new ApiError('auth', code, message, cause === undefined ? {} : { cause });
}

/** Long runs of token-like characters (tokens, codes) become `…`; the line is cut to 200 characters. */
function redactedFirstLine(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.replace(/[A-Za-z0-9._~+/=-]{24,}/g, '…').slice(0, 200);
}

function runCli(host: string, cliPath: string, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<FetchedToken> {
  const shown = `${cliPath === 'databricks' ? 'databricks' : `"${cliPath}"`} auth token --host ${host}`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const child = execFile(cliPath, ['auth', 'token', '--host', host],
      { env, shell: false, windowsHide: true, maxBuffer: 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => settle(() => {
        if (!error) {
          try {
            resolve(readTokenOutput(stdout));
          } catch {
            reject(cliError('CLI_BAD_OUTPUT',
              `\`${shown}\` did not print a token. Check that ${cliPath} is the Databricks CLI, version 0.205 or newer (${INSTALL_URL}).`));
          }
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          reject(cliError('CLI_NOT_FOUND',
            `The Databricks CLI was not found (looked for "${cliPath}"${cliPath.includes('/') || cliPath.includes('\\') ? '' : ' on PATH'}). ` +
            `Install it (${INSTALL_URL}) or set its full path in the databricksSecrets.cliPath setting.`, error));
          return;
        }
        if (code === 'EACCES') {
          reject(cliError('CLI_NOT_EXECUTABLE', `"${cliPath}" cannot be run (permission denied). Check the databricksSecrets.cliPath setting.`, error));
          return;
        }
        const text = String(stderr ?? '');
        if (/unknown command|no such command|unknown flag|unknown shorthand flag|invalid choice/i.test(text)) {
          reject(cliError('CLI_TOO_OLD',
            `The Databricks CLI at "${cliPath}" is too old, or is the legacy Python databricks-cli: it has no ` +
            `\`auth token --host\`. Install version 0.205 or newer (${INSTALL_URL}).`));
          return;
        }
        if (/auth login|not configured|not logged in|no (oauth )?token|refresh token|invalid_grant|expired|cache/i.test(text)) {
          reject(cliError('CLI_NOT_SIGNED_IN',
            `Not signed in to ${host} with the Databricks CLI. Run in a terminal: ${loginCommand(host)}`));
          return;
        }
        const exit = typeof code === 'number' ? ` (exit code ${code})` : '';
        const line = redactedFirstLine(text);
        reject(cliError('CLI_FAILED', `\`${shown}\` failed${exit}${line ? `: ${line}` : '.'}`));
      }),
    );
    const timer = setTimeout(() => settle(() => {
      child.kill('SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
      reject(new ApiError('timeout', 'CLI_TIMEOUT',
        `\`${shown}\` did not finish within ${Math.round(timeoutMs / 1000)} s. If it waits for a browser sign-in, ` +
        `run in a terminal: ${loginCommand(host)}`));
    }), timeoutMs);
  });
}

/** Reads `{"access_token": ..., "expiry": RFC 3339}` (or `expires_in` seconds); throws without quoting it. */
function readTokenOutput(stdout: string): FetchedToken {
  const json = JSON.parse(stdout) as Record<string, unknown>;
  const token = json?.access_token;
  if (typeof token !== 'string' || token === '') throw new Error('no access_token');
  const expiry = typeof json.expiry === 'string' ? Date.parse(json.expiry) : NaN;
  const expiresIn = Number(json.expires_in);
  if (Number.isFinite(expiry)) return { token, expiresAt: expiry };
  if (Number.isFinite(expiresIn) && expiresIn > 0) return { token, expiresAt: Date.now() + expiresIn * 1000 };
  return { token, expiresAt: undefined };
}
