import * as vscode from 'vscode';
import type { CommandDeps } from '../commands/commandDeps';
import { loadApi } from '../lazyApi';
import type { Workspace } from '../workspaces/workspace';

/** What {@link askKeyName} answers: the key, and whether it already existed (the person agreed to overwrite it). */
export interface KeyNameAnswer {
  readonly key: string;
  readonly exists: boolean;
}

/** Options of {@link askKeyName}. */
export interface KeyNameOptions {
  readonly title?: string;
  /** Text the box starts with (e.g. a key suggested from a variable name). */
  readonly value?: string;
}

/**
 * Asks for a secret key name in `scope`, validated on every keystroke (Databricks' name rules). A key that already
 * exists gets a warning while typing and, once entered, a modal question before it may be overwritten; saying no
 * asks again. Existing keys come from the explorer's cached listing (when it cannot be read, nothing is flagged and
 * the overwrite question is skipped). Undefined when the person cancels.
 */
export async function askKeyName(
  deps: Pick<CommandDeps, 'model' | 'prompts'>,
  workspace: Workspace,
  scope: string,
  options: KeyNameOptions = {},
): Promise<KeyNameAnswer | undefined> {
  const api = await loadApi();
  const listing = await deps.model.secrets(workspace, scope);
  const existing = new Set(listing.ok ? listing.items.map((s) => s.key) : []);
  let value = options.value;
  for (;;) {
    const key = await deps.prompts.input({
      title: options.title ?? vscode.l10n.t('Secret key in scope {0}', scope),
      prompt: vscode.l10n.t('Letters, digits, "_", "-" and ".", up to 128 characters.'),
      placeHolder: 'db-password',
      value,
      ignoreFocusOut: true,
      validateInput: (text) => {
        try {
          api.validateKeyName(text);
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
        return existing.has(text)
          ? { message: vscode.l10n.t('Key {0} already exists in scope {1}: it will be overwritten (you will be asked).', text, scope), severity: vscode.InputBoxValidationSeverity.Warning }
          : undefined;
      },
    });
    if (key === undefined) return undefined;
    api.validateKeyName(key); // the box may be bypassed (tests, older hosts): never send an invalid name
    if (!existing.has(key)) return { key, exists: false };
    const overwrite = vscode.l10n.t('Overwrite');
    if (await deps.prompts.confirm(vscode.l10n.t('Overwrite secret {0} in scope {1}?', key, scope), vscode.l10n.t('Key {0} already exists. Its current value will be replaced; this cannot be undone.', key), overwrite)) {
      return { key, exists: true };
    }
    value = key;
  }
}
