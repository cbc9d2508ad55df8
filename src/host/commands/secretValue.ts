import * as vscode from 'vscode';
import type { Prompts } from '../pick/prompts';

/** Largest secret value Databricks stores: 128 KB (131,072 bytes). */
export const MAX_SECRET_BYTES = 128 * 1024;

/** Where a secret value comes from. */
export type ValueSource = 'typed' | 'file' | 'clipboard';

/** A value read for one put; held only by the command that reads it. */
export interface SecretValue {
  readonly value: string | Uint8Array;
  readonly source: ValueSource;
  /** After a clipboard put: clear the clipboard if it still holds the value. */
  readonly fromClipboard: boolean;
}

/** "200,001 bytes" in the UI language. */
export function formatBytes(bytes: number): string {
  return vscode.l10n.t('{0} bytes', bytes.toLocaleString(vscode.env.language));
}

/** A refusal naming the size, or undefined when `bytes` fits in a secret. */
export function checkValueSize(bytes: number): string | undefined {
  return bytes > MAX_SECRET_BYTES
    ? vscode.l10n.t('The value is {0}; a secret holds at most {1} (128 KB). Nothing was sent.', formatBytes(bytes), formatBytes(MAX_SECRET_BYTES))
    : undefined;
}

/** Thrown when a value is refused before any request (too large, empty). The message names the size only. */
export class ValueRefusedError extends Error {
  override readonly name = 'ValueRefusedError';
}

/** Checks a typed value on every keystroke: not empty, at most 128 KB. */
export function checkTypedValue(text: string): string | undefined {
  if (text.length === 0) return vscode.l10n.t('Type or paste the secret value.');
  return checkValueSize(Buffer.byteLength(text, 'utf8'));
}

/**
 * Asks where the value comes from, then reads it:
 * - typed: a masked input box (`password: true`, stays open when focus moves, to copy the value from elsewhere);
 * - file: the file's bytes, sent as bytes; its size is checked before it is read;
 * - clipboard: a multi-line value (PEM key, service-account JSON) taken from the clipboard, so it never sits in an
 *   editor (which VS Code could back up and restore); the person confirms its size and line count first, and the
 *   clipboard is cleared after the put.
 * Undefined when the person cancels. Too large a value is refused here, naming its size.
 */
export async function readSecretValue(prompts: Prompts, title: string, source?: ValueSource): Promise<SecretValue | undefined> {
  if (!source) {
    const picked = await prompts.pick(
      [
        { label: vscode.l10n.t('$(lock) Type or paste the value'), description: vscode.l10n.t('masked input'), source: 'typed' as const },
        { label: vscode.l10n.t('$(file) From a file…'), description: vscode.l10n.t('sent as bytes, up to 128 KB'), source: 'file' as const },
        {
          label: vscode.l10n.t('$(clippy) Multi-line value from the clipboard'),
          description: vscode.l10n.t('PEM keys, JSON; the clipboard is cleared afterwards'),
          source: 'clipboard' as const,
        },
      ],
      { title, placeHolder: vscode.l10n.t('Where does the value come from?'), ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    source = picked.source;
  }
  switch (source) {
    case 'typed': {
      const value = await prompts.input({
        title,
        prompt: vscode.l10n.t('The secret value. It is sent to the workspace and never shown, logged or stored by VS Code.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: checkTypedValue,
      });
      if (value === undefined) return undefined;
      const problem = checkTypedValue(value);
      if (problem) throw new ValueRefusedError(problem);
      return { value, source, fromClipboard: false };
    }
    case 'file': {
      const uri = await prompts.openFile({ title, openLabel: vscode.l10n.t('Use as Secret Value') });
      if (!uri) return undefined;
      const stat = await vscode.workspace.fs.stat(uri);
      const problem = checkValueSize(stat.size);
      if (problem) throw new ValueRefusedError(`${uri.path.split('/').pop() ?? ''}: ${problem}`);
      if (stat.size === 0) throw new ValueRefusedError(vscode.l10n.t('The file is empty. Nothing was sent.'));
      const bytes = await vscode.workspace.fs.readFile(uri);
      const again = checkValueSize(bytes.byteLength); // it may have grown since the stat
      if (again) throw new ValueRefusedError(again);
      return { value: bytes, source, fromClipboard: false };
    }
    case 'clipboard': {
      const text = await vscode.env.clipboard.readText();
      if (text.length === 0) throw new ValueRefusedError(vscode.l10n.t('The clipboard is empty: copy the value first, then run the command again.'));
      const size = Buffer.byteLength(text, 'utf8');
      const problem = checkValueSize(size);
      if (problem) throw new ValueRefusedError(problem);
      const lines = text.split(/\r\n|\r|\n/).length;
      const use = vscode.l10n.t('Use Clipboard');
      const ok = await prompts.confirm(
        vscode.l10n.t('Use the clipboard as the secret value?'),
        vscode.l10n.t('The clipboard holds {0} in {1} line(s). It is sent as is and the clipboard is cleared afterwards.', formatBytes(size), lines),
        use,
      );
      return ok ? { value: text, source, fromClipboard: true } : undefined;
    }
  }
}

/** Clears the clipboard if it still holds `value` (compared, not kept). */
export async function clearClipboardIfHolds(value: string): Promise<boolean> {
  if ((await vscode.env.clipboard.readText()) !== value) return false;
  await vscode.env.clipboard.writeText('');
  return true;
}
