/**
 * Benchmark: this client against the official JS SDK on the local emulator (5 ms injected latency).
 * The emulator runs in a child process (like a remote server would), so its CPU work does not share the
 * benchmark's event loop with the clients being measured.
 *
 * 1. Fan-out: list the keys of 100 scopes x 200 keys — ours with mapConcurrent, the SDK one scope after another.
 * 2. Sequential requests per second on the same endpoint (`list` of one scope), both clients.
 * Each figure is the median of 5 alternating runs; ratios are medians of the paired runs' ratios.
 * Run with `npm run bench:client`. Prints plain figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceClient } from '@databricks/sdk-experimental';
import { SecretsClient, mapConcurrent } from '../../src/core/api';
import type { EmulatorOptions } from '../../src/core/emulator/server';

interface ChildEmulator { url: string; process: ChildProcess; close(): Promise<void> }

/** Starts `startEmulator(options)` in a child Node process and resolves with its URL. */
function startChildEmulator(options: EmulatorOptions): Promise<ChildEmulator> {
  const serverModule = join(__dirname, '..', '..', 'src', 'core', 'emulator', 'server.js');
  const script = `require(${JSON.stringify(serverModule)}).startEmulator(${JSON.stringify(options)}).then((e) => {
    process.stdout.write(e.url + '\\n');
    process.on('SIGTERM', () => e.close().then(() => process.exit(0)));
  });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`emulator child exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        child.removeAllListeners('exit');
        resolve({
          url: line.trim(),
          process: child,
          close: () => new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    });
  });
}

const SCOPES = 100;
const KEYS = 200;
const LATENCY_MS = 5;
const FAN_OUT = Number(process.env.BENCH_FAN_OUT ?? 32);
const SEQUENTIAL_CALLS = 200;
const ROUNDS = 5;
const TOKEN = 'dapi-local-admin';

const scopeNames = Array.from({ length: SCOPES }, (_, i) => `bench-scope-${String(i).padStart(3, '0')}`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function timed(fn: () => Promise<number>): Promise<{ ms: number; count: number }> {
  const started = process.hrtime.bigint();
  const count = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, count };
}

function ours(url: string): SecretsClient {
  return new SecretsClient({ host: url, token: async () => TOKEN, connections: 64 });
}

function sdk(url: string): WorkspaceClient {
  const configFile = join(mkdtempSync(join(tmpdir(), 'bench-sdk-')), 'none.databrickscfg');
  return new WorkspaceClient({ host: url, token: TOKEN, authType: 'pat', configFile });
}

async function sdkListKeys(client: WorkspaceClient, scope: string): Promise<number> {
  let n = 0;
  for await (const item of client.secrets.listSecrets({ scope })) if (item.key) n++;
  return n;
}

async function seed(url: string, scopes: readonly string[]): Promise<void> {
  const client = ours(url);
  try {
    await mapConcurrent(scopes, 32, (scope) => client.createScope(scope));
    const puts = scopes.flatMap((scope) => Array.from({ length: KEYS }, (_, k) => [scope, `key-${k}`] as const));
    await mapConcurrent(puts, 64, ([scope, key]) => client.putSecret(scope, key, `value-${key}`));
  } finally {
    await client.close();
  }
}

async function fanOut(emulator: ChildEmulator): Promise<{ oursMs: number; sdkMs: number; ratio: number; runs: string }> {
  const mine = ours(emulator.url);
  const theirs = sdk(emulator.url);
  const expected = SCOPES * KEYS;
  const oursRuns: number[] = [];
  const sdkRuns: number[] = [];
  try {
    // Warm-up, untimed: connections, and JIT of both clients and of the emulator's list path.
    await mapConcurrent(scopeNames, FAN_OUT, (scope) => mine.listSecrets(scope));
    for (const scope of scopeNames.slice(0, 20)) await sdkListKeys(theirs, scope);
    for (let round = 0; round < ROUNDS; round++) {
      const a = await timed(async () => {
        const lists = await mapConcurrent(scopeNames, FAN_OUT, (scope) => mine.listSecrets(scope));
        return lists.reduce((sum, l) => sum + l.length, 0);
      });
      const b = await timed(async () => {
        let total = 0;
        for (const scope of scopeNames) total += await sdkListKeys(theirs, scope);
        return total;
      });
      if (a.count !== expected || b.count !== expected) {
        throw new Error(`expected ${expected} keys, ours saw ${a.count}, the SDK saw ${b.count}`);
      }
      oursRuns.push(a.ms);
      sdkRuns.push(b.ms);
    }
  } finally {
    await mine.close();
  }
  // Runs alternate, so each pair saw similar machine load: the ratio is the median of the pairs' ratios.
  const ratio = median(oursRuns.map((ms, i) => (sdkRuns[i] as number) / ms));
  const runs = `ours ${oursRuns.map((m) => m.toFixed(0)).join(' ')}; SDK ${sdkRuns.map((m) => m.toFixed(0)).join(' ')}`;
  return { oursMs: median(oursRuns), sdkMs: median(sdkRuns), ratio, runs };
}

async function sequential(url: string): Promise<{ oursRps: number; sdkRps: number; ratio: number }> {
  const mine = ours(url);
  const theirs = sdk(url);
  const scope = scopeNames[0] as string;
  const oursRuns: number[] = [];
  const sdkRuns: number[] = [];
  try {
    await mine.listSecrets(scope);
    await sdkListKeys(theirs, scope);
    for (let round = 0; round < ROUNDS; round++) {
      const a = await timed(async () => {
        for (let i = 0; i < SEQUENTIAL_CALLS; i++) await mine.listSecrets(scope);
        return SEQUENTIAL_CALLS;
      });
      const b = await timed(async () => {
        for (let i = 0; i < SEQUENTIAL_CALLS; i++) await sdkListKeys(theirs, scope);
        return SEQUENTIAL_CALLS;
      });
      oursRuns.push((a.count / a.ms) * 1000);
      sdkRuns.push((b.count / b.ms) * 1000);
    }
  } finally {
    await mine.close();
  }
  const ratio = median(oursRuns.map((rps, i) => rps / (sdkRuns[i] as number)));
  return { oursRps: median(oursRuns), sdkRps: median(sdkRuns), ratio };
}

async function main(): Promise<void> {
  for (const name of Object.keys(process.env).filter((n) => n.startsWith('DATABRICKS_'))) delete process.env[name];
  const emulator = await startChildEmulator({ latencyMs: LATENCY_MS });
  const plain = await startChildEmulator({});
  try {
    const seedStart = Date.now();
    await seed(emulator.url, scopeNames);
    await seed(plain.url, scopeNames.slice(0, 1));
    console.log(`seeded ${SCOPES} scopes x ${KEYS} keys (parallel puts) in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    console.log(`node ${process.versions.node}, ${process.platform}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}; ` +
      `medians of ${ROUNDS} alternating runs`);
    console.log('');

    const f = await fanOut(emulator);
    console.log(`fan-out: list keys of ${SCOPES} scopes x ${KEYS} keys, emulator latency ${LATENCY_MS} ms`);
    console.log(`  ours (mapConcurrent, ${FAN_OUT} wide):   ${f.oursMs.toFixed(0)} ms`);
    console.log(`  SDK (one scope after another):     ${f.sdkMs.toFixed(0)} ms`);
    console.log(`  ratio SDK/ours:                    ${f.ratio.toFixed(1)}x  (target >= 5x; median of paired runs)`);
    console.log(`  each run (ms):                     ${f.runs}`);
    console.log('');

    const s = await sequential(emulator.url);
    console.log(`sequential requests/s, GET list (${KEYS} keys), ${SEQUENTIAL_CALLS} calls, emulator latency ${LATENCY_MS} ms`);
    console.log(`  ours: ${s.oursRps.toFixed(1)} req/s`);
    console.log(`  SDK:  ${s.sdkRps.toFixed(1)} req/s`);
    console.log(`  ratio ours/SDK: ${s.ratio.toFixed(2)}  (target >= 1; median of paired runs)`);
    console.log('');

    const p = await sequential(plain.url);
    console.log(`sequential requests/s, same endpoint, no injected latency (client overhead)`);
    console.log(`  ours: ${p.oursRps.toFixed(1)} req/s`);
    console.log(`  SDK:  ${p.sdkRps.toFixed(1)} req/s`);
    console.log(`  ratio ours/SDK: ${p.ratio.toFixed(2)}`);
  } finally {
    await emulator.close();
    await plain.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
