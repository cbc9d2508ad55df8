/** Playwright helpers for VS Code's workbench, shared by the e2e flows, the demo screenshot and the benchmark. */
import type { Locator, Page } from 'playwright-core';

const WORKBENCH_TIMEOUT_MS = 90_000;

/** Waits until the workbench has rendered its activity bar. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar').first().waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
}

/** Clicks the activity-bar entry whose aria-label contains `title` (a view container's title) and waits for the side bar. */
export async function openViewContainer(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const item = page.locator(`.part.activitybar [aria-label*="${title}"]`).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs }).catch(() => {
    throw new Error(`no activity-bar item labelled "${title}" appeared within ${timeoutMs} ms: is the view container contributed?`);
  });
  await item.click();
  await page.locator('.part.sidebar').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Tree rows in the side bar, optionally only those at one nesting level (1 = top). */
export function sidebarRows(page: Page, level?: number): Locator {
  const levelFilter = level === undefined ? '' : `[aria-level="${level}"]`;
  return page.locator(`.part.sidebar .monaco-list-row${levelFilter}`);
}

/** The visible label (without description) of every side-bar row at `level`. */
export async function rowLabels(page: Page, level?: number): Promise<string[]> {
  return sidebarRows(page, level).evaluateAll((rows) =>
    rows.map((row) => (row.querySelector('.label-name') ?? row).textContent?.trim() ?? ''),
  );
}

/** Expands a collapsed tree row (clicking its twistie); does nothing when it is already expanded. */
export async function expandRow(row: Locator): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) === 'false') {
    const twistie = row.locator('.monaco-tl-twistie');
    await ((await twistie.count()) > 0 ? twistie.first() : row).click();
  }
}

/** Polls `check` until it returns true or `timeoutMs` passes; then throws `describe()`'s message. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string> | string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(await describe());
    await new Promise((r) => setTimeout(r, 250));
  }
}
