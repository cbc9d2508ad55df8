import * as vscode from 'vscode';
import { tokenProblem } from '../../core/api/tokenRule';

/**
 * Checks a pasted token by the rule the client sends tokens by (printable ASCII without spaces), after trimming
 * the ends as the prompt does: a token with a zero-width space or other invisible or non-ASCII character is
 * refused here rather than failing every request later. Returns a message naming the rule, or undefined when fine.
 */
export function checkToken(token: string): string | undefined {
  const trimmed = token.trim();
  if (trimmed === '') return vscode.l10n.t('Token is empty: paste a personal access token (it usually starts with "dapi").');
  if (/\s/.test(trimmed)) return vscode.l10n.t('Token must not contain spaces or line breaks.');
  if (tokenProblem(trimmed) !== undefined) {
    return vscode.l10n.t('Token has a character that is not allowed (an invisible character such as a zero-width space, or a non-ASCII one): copy it again from the workspace.');
  }
  return undefined;
}

/** Asks for a personal access token in a masked input box that stays open when focus moves (to copy the token). */
export async function promptToken(host: string, title = vscode.l10n.t('Personal access token for {0}', host)): Promise<string | undefined> {
  const token = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Stored only in VS Code secret storage. Create one in the workspace under Settings → Developer → Access tokens.'),
    placeHolder: 'dapi…',
    password: true,
    ignoreFocusOut: true,
    validateInput: checkToken,
  });
  return token?.trim();
}
