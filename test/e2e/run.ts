/**
 * Browser-level test: drives the real VS Code workbench (code-server + headless Chromium) as a person would,
 * against the emulator seeded with the demo workspace. Runs every flow in flows/index.ts on a fresh page; a failed
 * flow leaves a screenshot in test-artifacts/.
 *
 *   node out/test/e2e/run.js [--flow TEXT] [--vsix FILE]
 *
 * npm run test:e2e runs it with no options. --flow runs only the flows whose name contains TEXT; --vsix installs a
 * packaged extension (from `npm run package`) into the fresh VS Code and runs the flows against it instead of the
 * project folder, which checks that the .vsix holds everything the extension needs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keepRunLogs } from '../integration/driver/artifacts';
import { launchBrowser, openPage } from '../integration/driver/browser';
import { ensureCodeServer } from '../integration/driver/install';
import { ARTIFACTS_DIR } from '../integration/driver/paths';
import { ProcessSupervisor, tail } from '../integration/driver/processes';
import { ADMIN_TOKEN, newRunDir, startWorkbenchSession, type WorkbenchSession } from '../integration/driver/session';
import type { FlowContext } from './flow';
import { FLOWS } from './flows';
import { waitForWorkbench } from './workbench';

const VERBOSE = process.env.DBSECRETS_VERBOSE === '1';

/** The value after `--name` on the command line, if given. */
function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function selectedFlows(): typeof FLOWS {
  const filter = option('--flow');
  return filter ? FLOWS.filter((f) => f.name.includes(filter)) : FLOWS;
}

function emulatorGet(session: WorkbenchSession) {
  return async <T>(apiPath: string): Promise<T> => {
    const response = await fetch(new URL(apiPath, session.emulator.url), { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (!response.ok) throw new Error(`emulator answered ${response.status} to GET ${apiPath}`);
    return (await response.json()) as T;
  };
}

async function main(): Promise<number> {
  const flows = selectedFlows();
  if (flows.length === 0) {
    console.error(`no e2e flow matches; known flows: ${FLOWS.map((f) => f.name).join('; ')}`);
    return 2;
  }
  const supervisor = new ProcessSupervisor();
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const old of fs.readdirSync(ARTIFACTS_DIR)) {
    if (/^e2e-.*\.png$/.test(old)) fs.rmSync(path.join(ARTIFACTS_DIR, old)); // screenshots of an earlier run
  }
  const runDir = newRunDir('e2e');
  supervisor.removeOnStop(runDir);
  let passed = 0;
  let failed = 0;
  let session: WorkbenchSession | undefined;
  try {
    const install = await ensureCodeServer();
    const vsix = option('--vsix');
    session = await startWorkbenchSession({ supervisor, install, runDir, vsix, emulator: { seed: 'demo' }, echo: VERBOSE });
    console.log(`Emulator ${session.emulator.url}; code-server ${session.codeServer.url}; extension from ${vsix ?? 'the project folder'}`);
    const browser = await launchBrowser(supervisor);
    for (const flow of flows) {
      const started = Date.now();
      const page = await openPage(browser, session.urlFor(), VERBOSE);
      const context: FlowContext = {
        page,
        session,
        artifactsDir: ARTIFACTS_DIR,
        emulatorGet: emulatorGet(session),
        log: (message) => console.log(`    ${message}`),
      };
      console.log(`  ${flow.name}`);
      try {
        await waitForWorkbench(page);
        await flow.run(context);
        passed++;
        console.log(`  ✔ ${flow.name} (${Date.now() - started} ms)`);
      } catch (err) {
        failed++;
        const shot = path.join(ARTIFACTS_DIR, `e2e-failure-${flow.name.replace(/[^a-z0-9]+/gi, '-')}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        console.error(`  ✘ ${flow.name}: ${err instanceof Error ? err.message : String(err)}\n    screenshot: ${path.relative(process.cwd(), shot)}`);
      } finally {
        await page.close().catch(() => undefined);
      }
    }
  } catch (err) {
    failed++;
    console.error(`\ne2e run failed: ${err instanceof Error ? err.message : String(err)}`);
    if (session) console.error(`\nLast lines of code-server's output:\n${tail(session.codeServer.process.output(), 40)}`);
  } finally {
    keepRunLogs('e2e', runDir, session?.codeServer.process.output());
    await supervisor.stopAll();
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

void main().then((code) => process.exit(code));
