/**
 * Runs the integration suite in desktop VS Code (Electron) through `@vscode/test-electron`, which downloads a
 * VS Code build from Microsoft's update service: it needs internet, so it is not part of `npm test` on offline
 * machines (use runOffline there). Same suite, same emulator, same environment as the offline driver.
 *
 *   npm run test:electron            (VSCODE_TEST_VERSION=stable|insiders|1.95.0 picks the build; default stable)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startEmulator } from '../../../src/core/emulator/server';
import { INTEGRATION_TESTS_ENTRY, PROJECT_ROOT } from './paths';
import { ProcessSupervisor } from './processes';
import { printResults, RESULT_FILE_ENV, resultsPassed, type TestResults } from './results';
import { ADMIN_TOKEN, newRunDir } from './session';

async function main(): Promise<number> {
  const supervisor = new ProcessSupervisor();
  const runDir = newRunDir('electron');
  supervisor.removeOnStop(runDir);
  const resultFile = path.join(runDir, 'results.json');
  try {
    const emulator = await startEmulator({ port: 0 });
    supervisor.onStop('emulator', () => emulator.close());
    const workspace = path.join(runDir, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    const exitCode = await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? 'stable',
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath: INTEGRATION_TESTS_ENTRY,
      extensionTestsEnv: {
        DATABRICKS_HOST: emulator.url,
        DATABRICKS_TOKEN: ADMIN_TOKEN,
        DBSECRETS_EMULATOR_URL: emulator.url,
        DBSECRETS_EXPECT_APP_HOST: 'desktop',
        [RESULT_FILE_ENV]: resultFile,
      },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(runDir, 'user-data')}`,
        `--extensions-dir=${path.join(runDir, 'extensions')}`,
      ],
    }).catch((err: unknown) => {
      console.error(`VS Code test run failed: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    });
    if (!fs.existsSync(resultFile)) {
      console.error('The suite wrote no result file (VS Code could not be downloaded or started, or the suite did not load).');
      console.error('electron: 0 passed, 1 failed');
      return 1;
    }
    const results = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as TestResults;
    printResults('electron', results);
    return exitCode === 0 && resultsPassed(results) ? 0 : 1;
  } finally {
    await supervisor.stopAll();
  }
}

void main().then((code) => process.exit(code));
