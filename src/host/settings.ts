import * as vscode from 'vscode';

/** Configuration section of every setting this extension contributes. */
export const SETTINGS_SECTION = 'databricksSecrets';

/** A listing (including the client's retries) gives up after this long, whatever the settings say. */
export const LISTING_DEADLINE_MS = 30_000;

/** Settings that shape how the extension talks to workspaces. */
export interface ConnectionSettings {
  /** Per-request time-out in milliseconds. */
  readonly requestTimeoutMs: number;
  /** Most requests in flight to one workspace at once. */
  readonly maxConcurrentRequests: number;
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** Reads the connection settings, clamping out-of-range values to the documented bounds. */
export function readConnectionSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    requestTimeoutMs: clamp(config.get('requestTimeoutSeconds'), 1, 300, 30) * 1000,
    maxConcurrentRequests: Math.floor(clamp(config.get('maxConcurrentRequests'), 1, 32, 4)),
  };
}

/** The Databricks CLI to run for `databricks-cli` workspaces (`databricksSecrets.cliPath`), default `databricks` on PATH. */
export function readCliPath(): string {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('cliPath');
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : 'databricks';
}

/** True when a configuration change touches the connection settings. */
export function affectsConnectionSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return (
    event.affectsConfiguration(`${SETTINGS_SECTION}.requestTimeoutSeconds`) ||
    event.affectsConfiguration(`${SETTINGS_SECTION}.maxConcurrentRequests`) ||
    event.affectsConfiguration(`${SETTINGS_SECTION}.cliPath`)
  );
}
