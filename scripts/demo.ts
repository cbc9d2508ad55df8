/**
 * `npm run demo`: the extension in a browser-hosted VS Code (code-server), pointed at the local emulator seeded
 * with a demo workspace. Data persists in `.demo-data/` (git-ignored); Ctrl-C stops everything.
 *
 *   node out/scripts/demo.js [--port 8080] [--emulator-port 8787] [--reset] [--screenshot FILE [--keep]]
 *
 * --reset            start from a freshly seeded emulator and a fresh VS Code profile
 * --screenshot FILE  open the workbench in headless Chromium, show the explorer, save a PNG, then stop (--keep: go on running)
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openPage } from '../test/integration/driver/browser';
import { ensureCodeServer } from '../test/integration/driver/install';
import { PROJECT_ROOT } from '../test/integration/driver/paths';
import { ProcessSupervisor } from '../test/integration/driver/processes';
import { startWorkbenchSession, type WorkbenchSession } from '../test/integration/driver/session';
import { expandRow, openViewContainer, rowLabels, sidebarRows, waitForWorkbench, waitUntil } from '../test/e2e/workbench';
import { writeDemoWorkspace } from './demoWorkspace';

const DATA_DIR = path.join(PROJECT_ROOT, '.demo-data');

interface DemoArgs {
  port: number;
  emulatorPort: number;
  reset: boolean;
  screenshot?: string;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = { port: 8080, emulatorPort: 8787, reset: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const port = (): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} must be a port number (0-65535, 0 = any free port)`);
      return n;
    };
    if (flag === '--port') args.port = port();
    else if (flag === '--emulator-port') args.emulatorPort = port();
    else if (flag === '--reset') args.reset = true;
    else if (flag === '--keep') args.keep = true;
    else if (flag === '--screenshot') args.screenshot = path.resolve(value());
    else throw new Error(`unknown option ${flag}; options: --port N, --emulator-port N, --reset, --screenshot FILE, --keep`);
  }
  return args;
}

/** `preferred` when it is free on 127.0.0.1, else 0 (any free port). */
function portOrAny(preferred: number): Promise<number> {
  if (preferred === 0) return Promise.resolve(0);
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(0));
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
  });
}

/** Drags the side bar's edge until the side bar is `width` pixels wide, so labels and descriptions fit in the picture. */
async function sizeSidebar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').first().boundingBox();
  if (!box) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
}

/** Opens a file of the workspace through Quick Open and waits for its editor. */
async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label*="${name}"]`).first().waitFor({ state: 'visible', timeout: 15_000 });
}

/** Shows the explorer with the workspace and its first scope expanded, and saves a screenshot. */
async function takeScreenshot(supervisor: ProcessSupervisor, session: WorkbenchSession, file: string): Promise<void> {
  const browser = await launchBrowser(supervisor);
  const page = await openPage(browser, session.urlFor());
  await waitForWorkbench(page);
  await openViewContainer(page, 'Databricks Secrets');
  await sizeSidebar(page, 430);
  const workspaceRow = sidebarRows(page, 1).first();
  await workspaceRow.waitFor({ state: 'visible', timeout: 45_000 });
  await expandRow(workspaceRow);
  await waitUntil(async () => (await sidebarRows(page, 2).count()) > 0, 45_000, () => 'no scope rows appeared under the workspace');
  const firstScope = sidebarRows(page, 2).first();
  await expandRow(firstScope);
  await waitUntil(async () => (await sidebarRows(page, 3).count()) > 0, 45_000, async () => `no key rows under ${(await rowLabels(page, 2))[0]}`);
  await openFile(page, 'ingest_orders.py').catch((err: unknown) => console.warn(`(could not open the sample notebook: ${String(err)})`));
  await page.mouse.move(900, 600);
  await page.waitForTimeout(2000); // let the tree animation and the editor's syntax colouring finish
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  console.log(`Screenshot saved to ${path.relative(process.cwd(), file)}`);
  await page.close();
}

async function main(supervisor: ProcessSupervisor): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.reset) fs.rmSync(DATA_DIR, { recursive: true, force: true });
  const workspaceFolder = path.join(DATA_DIR, 'workspace');
  writeDemoWorkspace(workspaceFolder);
  const install = await ensureCodeServer();
  const session = await startWorkbenchSession({
    supervisor,
    install,
    runDir: DATA_DIR,
    workspaceFolder,
    emulator: { seed: 'demo', dataFile: path.join(DATA_DIR, 'emulator.json'), port: await portOrAny(args.emulatorPort) },
    port: await portOrAny(args.port),
  });
  console.log('');
  console.log('Databricks Secrets demo is running.');
  console.log(`  Open VS Code:   ${session.urlFor()}`);
  console.log(`  Emulator:       ${session.emulator.url}  (tokens: dapi-local-admin, dapi-local-user)`);
  console.log(`  Data:           ${path.relative(process.cwd(), DATA_DIR) || DATA_DIR}/  (npm run demo -- --reset starts over)`);
  console.log(`  (On a remote machine, forward the port first: ssh -L ${session.codeServer.port}:127.0.0.1:${session.codeServer.port} HOST)`);
  console.log('Press Ctrl-C to stop.');
  if (args.screenshot) {
    await takeScreenshot(supervisor, session, args.screenshot);
    if (!args.keep) {
      await supervisor.stopAll();
      return;
    }
  }
  // Runs until Ctrl-C (the supervisor then stops everything), or until code-server dies.
  const code = await session.codeServer.process.exited;
  throw new Error(`code-server stopped unexpectedly (${code})`);
}

const supervisor = new ProcessSupervisor(0);
main(supervisor).catch(async (err: unknown) => {
  if (supervisor.isStopping) return; // Ctrl-C: the supervisor is already stopping everything
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
  await supervisor.stopAll();
});
