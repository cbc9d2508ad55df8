import * as vscode from 'vscode';
import type { CommandDeps } from './commandDeps';
import { referenceTarget } from './copyReference';
import { CommandIds } from './ids';
import { formatForLanguage, secretReference } from './secretReference';

/**
 * Insert Secret Reference: writes the reference in the active editor's language (a notebook cell's included) at
 * every cursor, replacing selected text. Returns the text inserted, or undefined when cancelled or no editor is open.
 */
export async function insertReferenceFlow(deps: CommandDeps, arg?: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an editor (or a notebook cell) to insert the reference into, or use "Copy Secret Reference".'));
    return undefined;
  }
  const target = await referenceTarget(deps, arg);
  if (!target) return undefined;
  const text = secretReference(formatForLanguage(editor.document.languageId), target.scope, target.key);
  const done = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, text);
  });
  if (!done) throw new Error(vscode.l10n.t('The editor did not accept the reference (is it read-only?).'));
  deps.prompts.status(vscode.l10n.t('$(check) Inserted reference to {0}', target.key));
  return text;
}

