import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkspaceOperationError } from '../errors/hostErrors';
import { loadApi } from '../lazyApi';
import { commandTarget } from '../pick/target';
import { pickWorkspace } from '../pick/workspacePicker';
import { SETTINGS_SECTION } from '../settings';
import type { CommandDeps } from './commandDeps';
import { referenceTarget } from './copyReference';
import { CommandIds } from './ids';
import { explained, OperationError } from './operationError';

/** Setting that turns Copy Secret Value off. */
export const COPY_VALUE_SETTING = 'enableCopySecretValue';
/** Setting: seconds after which the clipboard is cleared if it still holds a copied value (0: never). */
export const CLIPBOARD_CLEAR_SETTING = 'clipboardClearSeconds';

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Clears the clipboard after `seconds` if it still holds the text whose SHA-256 is `hash` (the value itself is
 * not kept). Returns the timer, so tests and shutdown can wait for or cancel it.
 */
export function scheduleClipboardClear(hash: string, seconds: number, log: Pick<vscode.LogOutputChannel, 'info'>): NodeJS.Timeout | undefined {
  if (!(seconds > 0)) return undefined;
  const timer = setTimeout(() => {
    void vscode.env.clipboard.readText().then(async (now) => {
      if (digest(now) !== hash) return;
      await vscode.env.clipboard.writeText('');
      log.info('cleared the copied secret value from the clipboard');
    });
  }, seconds * 1000);
  timer.unref?.();
  return timer;
}

/**
 * Copy Secret Value: reads the value (`get`), puts it on the clipboard (never shown) and clears the clipboard after
 * `databricksSecrets.clipboardClearSeconds` if it still holds it. Refused when the setting turns the command off,
 * and explained when the workspace only lets notebooks read values. Returns true when copied.
 */
export async function copyValueFlow(deps: CommandDeps, arg?: unknown): Promise<boolean> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  if (!config.get<boolean>(COPY_VALUE_SETTING, true)) {
    const open = vscode.l10n.t('Open Settings');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Copy Secret Value is turned off by the setting databricksSecrets.enableCopySecretValue.'), open)
      .then((choice) => choice === open && vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.${COPY_VALUE_SETTING}`));
    return false;
  }
  const workspace = await pickWorkspace(deps, arg, { placeHolder: vscode.l10n.t('Workspace of the secret') });
  if (!workspace) return false;
  try {
    const target = await referenceTarget(deps, { ...commandTarget(arg), workspaceId: workspace.id });
    if (!target) return false;
    const { scope, key } = target;
    const bytes = await explained({ workspace, scope, key, need: 'READ', operation: 'get', retry: { command: CommandIds.copyValue, args: [{ workspaceId: workspace.id, scope, key }] } }, () =>
      deps.prompts.progress(vscode.l10n.t('Reading secret {0}…', key), (signal) => deps.clients.use(workspace, (client) => client.getSecret(scope, key, { signal }))),
    );
    const text = (await loadApi()).tryDecodeUtf8(bytes);
    bytes.fill(0);
    if (text === undefined) {
      const said = vscode.l10n.t('Secret {0} holds binary data, which cannot go to the clipboard as text. Read it from a notebook with dbutils.secrets.getBytes.', key);
      throw new OperationError({ headline: said, detail: said, actions: [] }, workspace, undefined, undefined);
    }
    await vscode.env.clipboard.writeText(text);
    const seconds = Number(config.get<number>(CLIPBOARD_CLEAR_SETTING, 30));
    scheduleClipboardClear(digest(text), seconds, deps.log);
    deps.log.info(`copied the value of secret ${key} of scope ${scope} to the clipboard`);
    deps.prompts.status(
      seconds > 0
        ? vscode.l10n.t('$(clippy) Copied the value of {0}; the clipboard is cleared in {1} s', key, seconds)
        : vscode.l10n.t('$(clippy) Copied the value of {0}', key),
    );
    return true;
  } catch (error) {
    throw error instanceof OperationError ? error : new WorkspaceOperationError(workspace, error);
  }
}

