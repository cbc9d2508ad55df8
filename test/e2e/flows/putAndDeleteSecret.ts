import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { E2eFlow } from '../flow';
import { expandRow, openViewContainer, rowLabels, sidebarRows, waitUntil } from '../workbench';

const CONTAINER_TITLE = 'Databricks Secrets';
const TIMEOUT_MS = 45_000;
const SCOPE = 'sandbox';

/** The quick input's title, placeholder and visible rows, as one text. */
async function quickInputText(page: Page): Promise<string> {
  const widget = page.locator('.quick-input-widget').first();
  if (!(await widget.isVisible().catch(() => false))) return '';
  const placeholder = (await widget.locator('input').first().getAttribute('placeholder').catch(() => '')) ?? '';
  return `${placeholder}\n${await widget.innerText().catch(() => '')}`;
}

/** Waits until the quick input shows `text` (in its title, placeholder, prompt or rows). */
async function waitForQuickInput(page: Page, text: string | RegExp): Promise<void> {
  await waitUntil(
    async () => {
      const shown = await quickInputText(page);
      return typeof text === 'string' ? shown.includes(text) : text.test(shown);
    },
    TIMEOUT_MS,
    async () => `the quick input never showed ${String(text)}; it shows:\n${await quickInputText(page)}`,
  );
}

/** Puts a secret through the command palette's real quick inputs, checks it in the emulator and the tree, then deletes it from the context menu. */
export const putAndDeleteSecretFlow: E2eFlow = {
  name: 'put a secret from the command palette and delete it from the context menu',
  async run({ page, artifactsDir, emulatorGet, log: say }) {
    const started = Date.now();
    const log = (message: string) => say(`${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const key = `e2e-${Date.now().toString(36)}`;
    const value = `e2e-value-${Math.random().toString(36).slice(2)}`;
    const shot = (name: string) => page.screenshot({ path: path.join(artifactsDir, `e2e-put-${name}.png`) });

    await openViewContainer(page, CONTAINER_TITLE);
    log('opened the view');
    const workspaceRow = sidebarRows(page, 1).first();
    await workspaceRow.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    await expandRow(workspaceRow);
    await waitUntil(async () => (await rowLabels(page, 2)).includes(SCOPE), TIMEOUT_MS, async () => `no ${SCOPE} row: ${(await rowLabels(page)).join(' | ')}`);

    log('the workspace lists its scopes');
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    await page.keyboard.type('Databricks Secrets: Put Secret');
    await waitForQuickInput(page, 'Databricks Secrets: Put Secret');
    await shot('1-palette');
    await page.keyboard.press('Enter');
    log('ran "Databricks Secrets: Put Secret" from the command palette');

    await waitForQuickInput(page, 'Scope to store the secret in');
    await page.keyboard.type(SCOPE);
    await waitForQuickInput(page, SCOPE);
    await shot('2-scope');
    await page.keyboard.press('Enter');

    await waitForQuickInput(page, `Secret key in scope ${SCOPE}`);
    await page.keyboard.type(key);
    await shot('3-key');
    await page.keyboard.press('Enter');

    await waitForQuickInput(page, 'Where does the value come from?');
    await page.keyboard.type('Type or paste');
    await page.keyboard.press('Enter');

    log('answered scope, key and source');
    // The source QuickPick has the same title: wait for the value box's own prompt.
    await waitForQuickInput(page, 'It is sent to the workspace and never shown');
    const valueBox = page.locator('.quick-input-widget input').first();
    assert.equal(await valueBox.getAttribute('type'), 'password', 'the value box is a password input');
    await page.keyboard.type(value);
    await shot('4-value-masked');
    assert.ok(!(await page.locator('.monaco-workbench').innerText()).includes(value), 'the value is not shown anywhere in the workbench');
    await page.keyboard.press('Enter');
    log(`answered scope, key and a masked value (input type=password)`);

    let stored: string | undefined;
    await waitUntil(
      async () => {
        const answer = await emulatorGet<{ value?: string }>(`/api/2.0/secrets/get?scope=${SCOPE}&key=${key}`).catch(() => undefined);
        stored = answer?.value === undefined ? undefined : Buffer.from(answer.value, 'base64').toString('utf8');
        return stored !== undefined;
      },
      TIMEOUT_MS,
      () => `the emulator never held ${SCOPE}/${key}`,
    );
    assert.equal(stored, value, 'the emulator holds the typed value');
    log('the emulator holds the value');

    // Put Secret selects the new key (expanding its scope); expand the scope by hand only if that did not happen.
    const keyRow = sidebarRows(page, 3).filter({ hasText: key }).first();
    const revealed = await keyRow.waitFor({ state: 'visible', timeout: 8000 }).then(() => true, () => false);
    log(revealed ? 'the new key was revealed and selected in the tree' : 'the new key was not revealed: expanding the scope');
    if (!revealed) await expandRow(sidebarRows(page, 2).filter({ hasText: SCOPE }).first());
    await keyRow.waitFor({ state: 'visible', timeout: TIMEOUT_MS }).catch(async () => {
      throw new Error(`the new key is not in the tree: ${(await rowLabels(page, 3)).join(' | ')}`);
    });
    await page.mouse.move(700, 450);
    await shot('5-tree');
    log('the new key appears under the scope');

    await keyRow.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu').first();
    await menu.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    await shot('6-context-menu');
    await menu.locator('.action-item', { hasText: 'Delete Secret' }).first().click();
    const dialog = page.locator('.monaco-dialog-box').first();
    await dialog.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    assert.match(await dialog.innerText(), new RegExp(`Delete secret ${key} from scope ${SCOPE}\\?`));
    await shot('7-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).first().click();
    log('deleted it through the context menu and the modal confirmation');

    await waitUntil(
      async () => {
        const { secrets = [] } = await emulatorGet<{ secrets?: { key: string }[] }>(`/api/2.0/secrets/list?scope=${SCOPE}`);
        return !secrets.some((s) => s.key === key);
      },
      TIMEOUT_MS,
      () => `the emulator still holds ${SCOPE}/${key}`,
    );
    await waitUntil(async () => !(await rowLabels(page, 3)).includes(key), TIMEOUT_MS, () => 'the deleted key is still in the tree');
    await shot('8-deleted');
    log('the emulator and the tree no longer have the key');
  },
};
