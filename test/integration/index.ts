/**
 * Entry point of the integration suite, loaded inside the VS Code extension host by both hosts
 * (`@vscode/test-electron` and the offline code-server driver) through `extensionTestsPath`.
 * Runs every compiled `*.test.js` below this folder with mocha (BDD) and writes the outcome as JSON to the file
 * named by DBSECRETS_TEST_RESULT, because a rejected `run()` is only visible in the browser console offline.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { RESULT_FILE_ENV, type TestFailure, type TestOutcome, type TestResults } from './driver/results';

/** Compiled test files below this folder (the driver's own folder holds none). */
function findTestFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js') && !f.split(path.sep).includes('driver'))
    .map((f) => path.join(root, f))
    .sort();
}

function writeResults(results: TestResults): void {
  const file = process.env[RESULT_FILE_ENV];
  if (!file) return;
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file); // the driver never sees half a file
}

function errorText(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return { message: err.message, stack: err.stack };
  return { message: String(err) };
}

/** Runs the suite; resolves when every test passed, rejects otherwise. */
export function run(): Promise<void> {
  const started = Date.now();
  const timeout = Number(process.env.DBSECRETS_TEST_TIMEOUT_MS) || 60_000;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout, reporter: 'spec' });
  if (process.env.DBSECRETS_TEST_GREP) mocha.grep(process.env.DBSECRETS_TEST_GREP);
  const passes: TestOutcome[] = [];
  const failures: TestFailure[] = [];
  const pending: TestOutcome[] = [];
  const host = { appHost: vscode.env.appHost, vscodeVersion: vscode.version };
  const finish = (error?: string): TestResults => {
    const results: TestResults = {
      host,
      passes,
      failures,
      pending,
      totals: {
        tests: passes.length + failures.length + pending.length,
        passes: passes.length,
        failures: failures.length,
        pending: pending.length,
        durationMs: Date.now() - started,
      },
      ...(error ? { error } : {}),
    };
    writeResults(results);
    return results;
  };

  return new Promise<void>((resolve, reject) => {
    try {
      const files = findTestFiles(__dirname);
      if (files.length === 0) throw new Error(`no *.test.js files under ${__dirname}; was the project compiled?`);
      for (const f of files) mocha.addFile(f);
      const runner = mocha.run(() => {
        const results = finish();
        if (results.failures.length > 0) reject(new Error(`${results.failures.length} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t) => passes.push({ title: t.title, fullTitle: t.fullTitle(), durationMs: t.duration }));
      runner.on('pending', (t) => pending.push({ title: t.title, fullTitle: t.fullTitle() }));
      runner.on('fail', (t, err: unknown) => failures.push({ title: t.title, fullTitle: t.fullTitle(), durationMs: t.duration, ...errorText(err) }));
    } catch (err) {
      const { message, stack } = errorText(err);
      finish(stack ?? message);
      reject(err instanceof Error ? err : new Error(message));
    }
  });
}
