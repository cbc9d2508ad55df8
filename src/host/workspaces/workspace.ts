import type { AuthMethod } from '../../core/auth/types';

/** Where a workspace in the explorer comes from. */
export type WorkspaceSource = 'env' | 'settings';

/** A Databricks workspace the explorer shows. Never carries a token: tokens are fetched on demand. */
export interface Workspace {
  /** Stable id: `env` for the environment workspace, `settings:<host>` for a configured one. */
  readonly id: string;
  /** Normalised origin, e.g. `https://adb-1.2.azuredatabricks.net`; may be the raw text when `problem` is set. */
  readonly host: string;
  /** Display name. */
  readonly name: string;
  readonly source: WorkspaceSource;
  /** How the extension signs in (absent: `pat`): a PAT, an OAuth service principal (M2M), or the Databricks CLI's sign-in. */
  readonly auth?: AuthMethod;
  /** The `~/.databrickscfg` profile it was imported from, if any (a label only; the file is not read again). */
  readonly profile?: string;
  /** Set when the workspace cannot be used as configured (e.g. an invalid host); a sentence a person can act on. */
  readonly problem?: string;
}

/** Id of the workspace given by DATABRICKS_HOST / DATABRICKS_TOKEN. */
export const ENV_WORKSPACE_ID = 'env';

/** Id of a workspace stored in settings. */
export function settingsWorkspaceId(host: string): string {
  return `settings:${host}`;
}
