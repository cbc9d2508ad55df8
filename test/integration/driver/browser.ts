import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ProcessSupervisor } from './processes';

/** Debian's Chromium; override with CHROMIUM_PATH. Playwright's own browser downloads are not reachable here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium and registers it with the supervisor so it is always closed. */
export async function launchBrowser(supervisor: ProcessSupervisor): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Run \`npm run preflight\` (as root it installs Debian's chromium; otherwise it prints the command) or set CHROMIUM_PATH.`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  supervisor.onStop('chromium', () => browser.close());
  return browser;
}

/** Opens a page of a size that shows the workbench well; logs page errors when `verbose`. */
export async function openPage(browser: Browser, url: string, verbose = false): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  if (verbose) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.error(`[browser] ${msg.text()}`);
    });
  }
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 180_000 }); // generous: a loaded 2-core machine takes minutes to serve the workbench
  return page;
}
