import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { fakePassword, writeDemoWorkspace } from '../../../scripts/demoWorkspace';
import type { E2eFlow } from '../flow';
import { waitUntil } from '../workbench';

const TIMEOUT_MS = 90_000;
const SCOPE = 'sandbox';
const MOVE = 'Move to Databricks Secret';

/** The quick input's placeholder, title and visible rows, as one text. */
async function quickInputText(page: Page): Promise<string> {
  const widget = page.locator('.quick-input-widget').first();
  if (!(await widget.isVisible().catch(() => false))) return '';
  const placeholder = (await widget.locator('input').first().getAttribute('placeholder').catch(() => '')) ?? '';
  return `${placeholder}\n${await widget.innerText().catch(() => '')}`;
}

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

/** Text of the editor's (or the notebook cell editors') visible lines, with Monaco's non-breaking spaces made plain. */
async function editorText(scope: Locator): Promise<string> {
  return (await scope.locator('.view-lines').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
}

/** Opens a workspace file by name with Quick Open. */
async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await page.keyboard.type(name);
  await waitForQuickInput(page, name);
  await page.keyboard.press('Enter');
}

/** The "Move to Databricks Secret" lens right above the line holding `lineText`, inside `scope`. */
async function moveLensAbove(page: Page, scope: Locator, lineText: string): Promise<Locator> {
  let found: Locator | undefined;
  await waitUntil(
    async () => {
      // The first such line that is on screen (a background editor may keep its lines in the page, hidden).
      const lines = scope.locator('.view-line', { hasText: lineText });
      let lineBox: { y: number } | null = null;
      for (let i = 0; i < (await lines.count()) && !lineBox; i++) lineBox = await lines.nth(i).boundingBox().catch(() => null);
      if (!lineBox) return false;
      const lenses = scope.locator('.codelens-decoration a', { hasText: MOVE });
      let best: { y: number; lens: Locator } | undefined;
      for (let i = 0; i < (await lenses.count()); i++) {
        const lens = lenses.nth(i);
        const box = await lens.boundingBox().catch(() => null);
        if (box && box.y < lineBox.y && lineBox.y - box.y < 40 && (!best || box.y > best.y)) best = { y: box.y, lens };
      }
      found = best?.lens;
      return found !== undefined;
    },
    TIMEOUT_MS,
    async () => `no "${MOVE}" lens above the line with ${lineText}; lenses: ${(await scope.locator('.codelens-decoration').allInnerTexts()).join(' | ')}`,
  );
  return found!;
}

/** Answers the move's questions in the real quick inputs: the scope, then the prefilled key. Returns the key. */
async function answerMove(page: Page, shot: (name: string) => Promise<unknown>, prefix: string, typedKey?: string): Promise<string> {
  await waitForQuickInput(page, 'Databricks-backed scopes only');
  await page.keyboard.type(SCOPE);
  await waitForQuickInput(page, SCOPE);
  await shot(`${prefix}-scope`);
  await page.keyboard.press('Enter');
  await waitForQuickInput(page, "up to 128 characters");
  if (typedKey) {
    await page.keyboard.press('Control+A');
    await page.keyboard.type(typedKey);
  }
  const key = (await page.locator('.quick-input-widget input').first().inputValue()).trim();
  assert.match(key, /^[A-Za-z0-9_.-]{1,128}$/, 'the key box is prefilled with a valid suggestion');
  await shot(`${prefix}-key`);
  await page.keyboard.press('Enter');
  return key;
}

/**
 * The demo notebooks: the CodeLens above the JDBC password in `notebooks/ingest_orders.py`, the quick fix menu,
 * the move through the real quick inputs (checked in the editor and the emulator), one Ctrl+Z; then the same in
 * `ingest_orders.ipynb` in the notebook editor.
 */
export const editorMoveFlow: E2eFlow = {
  name: 'move a hardcoded JDBC password into a secret scope from the CodeLens (source notebook and .ipynb)',
  async run({ page, session, artifactsDir, emulatorGet, log: say }) {
    const started = Date.now();
    const log = (message: string) => say(`${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const shot = (name: string) => page.screenshot({ path: path.join(artifactsDir, `e2e-editor-${name}.png`) });
    const password = fakePassword();
    const secretOf = async (key: string): Promise<string | undefined> => {
      const answer = await emulatorGet<{ value?: string }>(`/api/2.0/secrets/get?scope=${SCOPE}&key=${encodeURIComponent(key)}`).catch(() => undefined);
      return answer?.value === undefined ? undefined : Buffer.from(answer.value, 'base64').toString('utf8');
    };
    writeDemoWorkspace(session.workspaceFolder);

    await quickOpen(page, 'ingest_orders.py');
    const editor = page.locator('.editor-instance').first();
    await editor.locator('.view-line', { hasText: 'option("password"' }).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    log('opened notebooks/ingest_orders.py');
    const lens = await moveLensAbove(page, editor, 'option("password"');
    await page.mouse.move(700, 600);
    await shot('1-lens');
    log('the CodeLens shows above the JDBC password');

    // The quick fix menu on the password.
    await editor.locator('.view-line', { hasText: 'option("password"' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    // The light bulb in the gutter opens the quick fix menu (Ctrl+. is not always delivered to the browser page).
    const menu = page.locator('.action-widget').first();
    const bulb = page.locator('.lightBulbWidget').first();
    await bulb.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    await bulb.click();
    if (!(await menu.waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false))) {
      await page.keyboard.press('Control+.');
      await menu.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    }
    await waitUntil(async () => (await menu.innerText()).includes(MOVE), TIMEOUT_MS, async () => `the quick fix menu shows: ${await menu.innerText()}`);
    assert.match(await menu.innerText(), /Ignore/);
    await shot('2-quick-fix');
    await page.keyboard.press('Escape');
    log('the quick fix menu offers Move and Ignore');

    await lens.click();
    const key = await answerMove(page, shot, '3');
    await waitUntil(async () => (await editorText(editor)).includes(`dbutils.secrets.get(scope="${SCOPE}", key="${key}")`), TIMEOUT_MS, async () => `the editor shows:\n${await editorText(editor)}`);
    assert.ok(!(await editorText(editor)).includes(password), 'the literal is gone from the editor');
    assert.equal(await secretOf(key), password, 'the emulator holds the password');
    // The moved line's lens goes away with its finding; only the token's lens is left.
    await waitUntil(
      async () => (await editor.locator('.codelens-decoration a', { hasText: MOVE }).count()) === 1,
      TIMEOUT_MS,
      async () => `lenses after the move: ${(await editor.locator('.codelens-decoration').allInnerTexts()).join(' | ')}`,
    );
    await page.mouse.move(700, 600);
    await shot('4-result');
    log(`moved: the line reads dbutils.secrets.get(scope="${SCOPE}", key="${key}") and the emulator holds the value`);

    await editor.locator('.view-line').first().click();
    await page.keyboard.press('Control+Z');
    await waitUntil(async () => (await editorText(editor)).includes(password), TIMEOUT_MS, async () => `after Ctrl+Z the editor shows:\n${await editorText(editor)}`);
    await shot('5-undo');
    log('one Ctrl+Z brings the literal back');

    await quickOpen(page, 'ingest_orders.ipynb');
    // Lines and lenses are looked up on screen only (the .py editor in the background may keep hidden ones).
    const notebook = page.locator('body');
    const cellLens = await moveLensAbove(page, notebook, 'option("password"'); // waits for the cell on screen and its lens
    log('opened notebooks/ingest_orders.ipynb in the notebook editor: the lens shows in the cell');
    await page.mouse.move(700, 600);
    await shot('6-notebook-lens');
    await cellLens.click();
    const cellKey = await answerMove(page, shot, '7-notebook', 'orders-db-password'); // the suggestion exists now: a new key, no overwrite
    await waitUntil(async () => (await editorText(notebook)).includes(`dbutils.secrets.get(scope="${SCOPE}", key="${cellKey}")`), TIMEOUT_MS, async () => `the cells show:\n${await editorText(notebook)}`);
    assert.equal(await secretOf(cellKey), password);
    await page.mouse.move(700, 600);
    await shot('8-notebook-result');
    log('moved in the notebook cell too');
  },
};
