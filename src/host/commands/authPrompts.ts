import * as vscode from 'vscode';
import type { AuthMethod } from '../../core/auth/types';

/** One-line label and explanation of each auth method, as the pickers and tooltips show them. */
export function authMethodLabel(method: AuthMethod): string {
  switch (method) {
    case 'oauth-m2m':
      return vscode.l10n.t('OAuth service principal (M2M)');
    case 'databricks-cli':
      return vscode.l10n.t('Databricks CLI sign-in');
    default:
      return vscode.l10n.t('Personal access token');
  }
}

/** Asks how to sign in, with a one-line explanation of each method. */
export async function authMethodPick(title: string): Promise<AuthMethod | undefined> {
  const items: (vscode.QuickPickItem & { method: AuthMethod })[] = [
    { method: 'pat', label: authMethodLabel('pat'), detail: vscode.l10n.t('A token you create under Settings → Developer → Access tokens; kept in VS Code secret storage.') },
    { method: 'oauth-m2m', label: authMethodLabel('oauth-m2m'), detail: vscode.l10n.t('A service principal\'s client ID and OAuth secret; short-lived tokens are requested as needed.') },
    { method: 'databricks-cli', label: authMethodLabel('databricks-cli'), detail: vscode.l10n.t('Uses your `databricks auth login` sign-in through the Databricks CLI; nothing is stored here.') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true, matchOnDetail: true });
  return picked?.method;
}

/** Asks for a service principal's client id (not a secret: shown as typed). */
export async function promptClientId(host: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('OAuth client ID of the service principal for {0}', host),
    prompt: vscode.l10n.t('The service principal\'s application (client) ID.'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('The client ID is empty.') : /\s/.test(v.trim()) ? vscode.l10n.t('The client ID must not contain spaces.') : undefined),
  });
  return value?.trim() || undefined;
}

/** Asks for a service principal's OAuth secret in a masked box. */
export async function promptClientSecret(host: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('OAuth secret of the service principal for {0}', host),
    prompt: vscode.l10n.t('Stored only in VS Code secret storage.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('The secret is empty.') : /\s/.test(v.trim()) ? vscode.l10n.t('The secret must not contain spaces or line breaks.') : undefined),
  });
  return value?.trim() || undefined;
}
