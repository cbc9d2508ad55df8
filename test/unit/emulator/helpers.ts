import { spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Dispatcher, request } from 'undici';

/** Project root (tests run from out/test/unit/emulator). */
export const ROOT = join(__dirname, '..', '..', '..', '..');
export const ADMIN = 'dapi-local-admin';
export const USER = 'dapi-local-user';

/** One HTTP answer: status, headers, raw text and parsed JSON (undefined if not JSON). */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown> | undefined;
}

export interface CallOptions {
  /** Bearer token; `null` sends no Authorization header. Default: admin. */
  token?: string | null;
  /** JSON body (object) or raw string body. */
  body?: unknown;
  query?: Record<string, string>;
  method?: string;
  headers?: Record<string, string>;
  dispatcher?: Dispatcher;
}

/** Calls `{base}/api/2.0/secrets/{endpoint}`; POST when a body is given, GET otherwise. */
export async function call(base: string, endpoint: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(`/api/2.0/secrets/${endpoint}`, base);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const token = options.token === undefined ? ADMIN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const method = (options.method ?? (body !== undefined ? 'POST' : 'GET')) as Dispatcher.HttpMethod;
  const res = await request(url, { method, headers, body, dispatcher: options.dispatcher });
  const text = await res.body.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

/** Calls and expects 200, returning the JSON body. */
export async function ok(base: string, endpoint: string, options: CallOptions = {}): Promise<Record<string, unknown>> {
  const answer = await call(base, endpoint, options);
  if (answer.status !== 200) throw new Error(`${endpoint} answered ${answer.status}: ${answer.text}`);
  return answer.json ?? {};
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'dbsecrets-emu-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

let built: Promise<string> | undefined;

/** Bundles src/cli/emulator.ts once per test run into a temporary file and returns its path. */
export function buildEmulatorCli(): Promise<string> {
  built ??= (async () => {
    const esbuild = (await import('esbuild')) as typeof import('esbuild');
    const outfile = join(tempDir('dbsecrets-emu-build-'), 'emulator.js');
    await esbuild.build({
      entryPoints: [join(ROOT, 'src', 'cli', 'emulator.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    });
    return outfile;
  })();
  return built;
}

/** A spawned emulator CLI process and the URL it printed. */
export interface SpawnedEmulator {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Lines printed on stdout so far. */
  stdout: string[];
  stderr: () => string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** SIGKILLs every emulator process a test spawned and left running (call from afterEach). */
export function killSpawned(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Spawns `node <built cli> ...args` and waits for its listening line. */
export async function spawnEmulator(args: string[]): Promise<SpawnedEmulator> {
  const cli = await buildEmulatorCli();
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let errText = '';
  child.stderr.on('data', (d: Buffer) => (errText += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const stdout: string[] = [];
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${errText}`)), 10_000);
    lines.on('line', (line) => {
      stdout.push(line);
      const match = /^Databricks Secrets emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before listening: ${errText}`));
    });
  });
  return { child, url, stdout, stderr: () => errText, exited };
}
