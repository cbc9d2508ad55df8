import * as vscode from 'vscode';

/** Result of checking a workspace host typed by a person or read from settings/environment. */
export type HostCheck = { ok: true; host: string } | { ok: false; message: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Normalises a workspace address to its origin (`https://host[:port]`), accepting a bare host name
 * (https is assumed) and ignoring any path, query or fragment pasted from the browser.
 * Only https is accepted, except http for loopback addresses (local emulator).
 */
export function checkHost(input: string, field = vscode.l10n.t('Workspace host')): HostCheck {
  const text = input.trim();
  if (text === '') {
    return { ok: false, message: vscode.l10n.t('{0} is empty: enter the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net.', field) };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: vscode.l10n.t('{0} is not a valid URL: enter it like https://adb-1234567890123456.7.azuredatabricks.net.', field) };
  }
  if (url.username || url.password) {
    return { ok: false, message: vscode.l10n.t('{0} must not contain a user name or password: the token is asked for separately.', field) };
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    return { ok: false, message: vscode.l10n.t('{0} must use https:// (http:// is allowed only for localhost and 127.0.0.1).', field) };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: vscode.l10n.t('{0} must start with https://.', field) };
  }
  return { ok: true, host: url.origin };
}

/** Default display name for a host: its host name without the scheme. */
export function defaultWorkspaceName(host: string): string {
  try {
    return new URL(host).host;
  } catch {
    return host;
  }
}
