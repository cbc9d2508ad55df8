/**
 * Loaded inside the VS Code extension host as `extensionTestsPath` by activation.ts: times
 * `extension.activate()` (loading dist/extension.js and running its `activate`) and writes the figure as JSON to
 * the file named by DBSECRETS_BENCH_RESULT, after waiting DBSECRETS_BENCH_SETTLE_MS for the host to settle.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'databricks-secrets-dev.databricks-secrets';

/** One measurement, as written to the result file. */
export interface ActivationSample {
  /** Milliseconds from calling `activate()` until its promise resolved; undefined when it could not be measured. */
  activationMs?: number;
  /** True when something had activated the extension before the probe ran (then nothing was measured). */
  alreadyActive: boolean;
  appHost: string;
  error?: string;
}

export async function run(): Promise<void> {
  const file = process.env.DBSECRETS_BENCH_RESULT;
  // Let the new extension host finish starting the built-in extensions first, so their start-up work on these
  // shared cores is not counted as ours.
  await new Promise((r) => setTimeout(r, Number(process.env.DBSECRETS_BENCH_SETTLE_MS) || 0));
  const sample: ActivationSample = { alreadyActive: false, appHost: vscode.env.appHost };
  try {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
    sample.alreadyActive = extension.isActive;
    if (!extension.isActive) {
      const started = performance.now();
      await extension.activate();
      sample.activationMs = performance.now() - started;
    }
  } catch (err) {
    sample.error = err instanceof Error ? err.message : String(err);
  }
  if (file) {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(sample));
    fs.renameSync(`${file}.tmp`, file);
  }
}
