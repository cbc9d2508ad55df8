/** What to load into the workbench besides the folder. */
export interface WorkbenchPayload {
  /** Folder holding the extension's package.json (loaded as an extension under development); omit to use installed extensions only. */
  extensionDevelopmentPath?: string;
  /** Compiled module exporting `run()`; when set, VS Code runs it in the extension host instead of leaving a window for a person. */
  extensionTestsPath?: string;
}

/**
 * Builds the URL that opens `folder` in a code-server workbench with the extension under development loaded.
 * code-server honours `payload` only when started with `--vscode-option enable-smoke-test-driver`.
 */
export function workbenchUrl(serverUrl: string, folder: string, payload: WorkbenchPayload): string {
  const base = new URL(serverUrl);
  const remote = (p: string): string => `vscode-remote://${base.host}${p}`;
  const pairs: [string, string][] = [];
  if (payload.extensionDevelopmentPath) pairs.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
  if (payload.extensionTestsPath) pairs.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  const url = new URL('/', base);
  url.searchParams.set('folder', folder);
  if (pairs.length > 0) url.searchParams.set('payload', JSON.stringify(pairs));
  return url.toString();
}
