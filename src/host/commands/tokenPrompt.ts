import * as vscode from 'vscode';

/** Checks a pasted token: present and without spaces. Returns a message naming the rule, or undefined when fine. */
export function checkToken(token: string): string | undefined {
  if (token.trim() === '') return vscode.l10n.t('Token is empty: paste a personal access token (it usually starts with "dapi").');
  if (/\s/.test(token.trim())) return vscode.l10n.t('Token must not contain spaces or line breaks.');
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
