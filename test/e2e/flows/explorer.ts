import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { E2eFlow } from '../flow';
import { expandRow, openViewContainer, rowLabels, sidebarRows, waitUntil } from '../workbench';

const CONTAINER_TITLE = 'Databricks Secrets';
const TREE_TIMEOUT_MS = 45_000;

/** Opens the Databricks Secrets view from the activity bar, expands the environment workspace, and finds the emulator's scopes. */
export const explorerFlow: E2eFlow = {
  name: 'explorer shows the emulator scopes',
  async run({ page, artifactsDir, emulatorGet, log }) {
    const { scopes = [] } = await emulatorGet<{ scopes?: { name: string }[] }>('/api/2.0/secrets/scopes/list');
    const expected = scopes.map((s) => s.name);
    assert.ok(expected.length > 0, 'the emulator has no scopes to look for (was it started with the demo seed?)');

    await openViewContainer(page, CONTAINER_TITLE);
    log(`opened "${CONTAINER_TITLE}" from the activity bar`);

    const workspaceRow = sidebarRows(page, 1).first();
    await workspaceRow.waitFor({ state: 'visible', timeout: TREE_TIMEOUT_MS }).catch(async () => {
      const text = await page.locator('.part.sidebar').first().innerText().catch(() => '');
      throw new Error(`the explorer shows no workspace row within ${TREE_TIMEOUT_MS} ms. Side bar text:\n${text}`);
    });
    log(`workspace row: ${(await workspaceRow.innerText()).replace(/\s+/g, ' ')}`);
    await expandRow(workspaceRow);

    await waitUntil(
      async () => {
        const labels = new Set(await rowLabels(page, 2));
        return expected.every((name) => labels.has(name));
      },
      TREE_TIMEOUT_MS,
      async () => {
        const labels = await rowLabels(page);
        const missing = expected.filter((name) => !labels.includes(name));
        return `scope rows missing after expanding the workspace: ${missing.join(', ')}. Rows shown: ${labels.join(' | ') || '(none)'}`;
      },
    );
    log(`all ${expected.length} scopes appear as tree rows: ${expected.join(', ')}`);
    await page.mouse.move(700, 450); // no hover tooltip in the picture
    await page.screenshot({ path: path.join(artifactsDir, 'e2e-explorer.png') });
  },
};
