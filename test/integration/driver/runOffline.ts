/**
 * Runs the integration suite inside a real VS Code without internet: the VS Code server from the `code-server`
 * npm package (installed into `.vscode-test/` on first use), shown in headless Debian Chromium via playwright-core.
 * Starts the emulator and code-server on free ports, loads the extension under development and the suite through
 * the workbench URL `payload`, waits for the result file, prints it, and stops everything it started.
 *
 *   node out/test/integration/driver/runOffline.js      (npm run test:integration)
 *   DBSECRETS_RUN_TIMEOUT_MS=600000 to allow longer; DBSECRETS_VERBOSE=1 to echo code-server's output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keepRunLogs } from './artifacts';
import { launchBrowser, openPage } from './browser';
import { ensureCodeServer } from './install';
import { ARTIFACTS_DIR, INTEGRATION_TESTS_ENTRY } from './paths';
import { ProcessSupervisor, tail } from './processes';
import { printResults, RESULT_FILE_ENV, resultsPassed, type TestResults } from './results';
import { newRunDir, startWorkbenchSession } from './session';

const RUN_TIMEOUT_MS = Number(process.env.DBSECRETS_RUN_TIMEOUT_MS) || 5 * 60_000;
const VERBOSE = process.env.DBSECRETS_VERBOSE === '1';

/** Polls for the result file; rejects when `stillRunning` says the host died, or after `timeoutMs`. */
async function waitForResults(file: string, timeoutMs: number, stillRunning: () => string | undefined): Promise<TestResults> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as TestResults;
    const problem = stillRunning();
    if (problem) throw new Error(problem);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no test results after ${Math.round(timeoutMs / 1000)} s (the suite did not finish, or did not start: check that the extension loads)`);
}

async function main(): Promise<number> {
  const supervisor = new ProcessSupervisor();
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const runDir = newRunDir('integration');
  supervisor.removeOnStop(runDir);
  const resultFile = path.join(runDir, 'results.json');
  let codeServerLog: (() => string) | undefined;
  try {
    if (!fs.existsSync(INTEGRATION_TESTS_ENTRY)) throw new Error(`${INTEGRATION_TESTS_ENTRY} is missing: run \`npm run compile\` first`);
    const install = await ensureCodeServer();
    const session = await startWorkbenchSession({
      supervisor,
      install,
      runDir,
      echo: VERBOSE,
      env: {
        [RESULT_FILE_ENV]: resultFile,
        DBSECRETS_EXPECT_APP_HOST: 'server-distro',
        // DBSECRETS_TEST_GREP=text runs only the tests whose titles contain it (a contributor's shortcut).
        ...(process.env.DBSECRETS_TEST_GREP ? { DBSECRETS_TEST_GREP: process.env.DBSECRETS_TEST_GREP } : {}),
      },
    });
    codeServerLog = session.codeServer.process.output;
    console.log(`Emulator ${session.emulator.url}; code-server ${session.codeServer.url}`);
    const browser = await launchBrowser(supervisor);
    const page = await openPage(browser, session.urlFor(INTEGRATION_TESTS_ENTRY), VERBOSE);
    let pageCrashed = false;
    page.on('crash', () => (pageCrashed = true));
    const results = await waitForResults(resultFile, RUN_TIMEOUT_MS, () => {
      if (pageCrashed) return 'the browser page with the workbench crashed';
      const proc = session.codeServer.process.child;
      if (proc.exitCode !== null || proc.signalCode !== null) return `code-server exited (${proc.exitCode ?? proc.signalCode})`;
      return undefined;
    }).catch(async (err: unknown) => {
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'integration-failure.png') }).catch(() => undefined);
      throw err;
    });
    printResults('integration', results);
    return resultsPassed(results) ? 0 : 1;
  } catch (err) {
    console.error(`\nIntegration run failed: ${err instanceof Error ? err.message : String(err)}`);
    if (codeServerLog) console.error(`\nLast lines of code-server's output:\n${tail(codeServerLog(), 40)}`);
    console.error('integration: 0 passed, 1 failed');
    return 1;
  } finally {
    keepRunLogs('integration', runDir, codeServerLog?.());
    await supervisor.stopAll();
  }
}

void main().then((code) => process.exit(code));
