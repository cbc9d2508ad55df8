import * as vscode from 'vscode';
import type { TokenProvider } from '../../core/api';
import { MissingTokenError } from '../errors/hostErrors';
import { SETTINGS_SECTION } from '../settings';
import { checkHost, defaultWorkspaceName } from './hostUrl';
import { ENV_WORKSPACE_ID, settingsWorkspaceId, type Workspace } from './workspace';

/** What changed in the workspace list or its tokens. */
export type WorkspaceChange = { kind: 'list' } | { kind: 'token'; workspaceId: string };

/** One entry of the `databricksSecrets.workspaces` setting: host and display name, never a token. */
export interface WorkspaceEntry {
  host: string;
  name?: string;
}

const WORKSPACES_KEY = 'workspaces';
const TOKEN_KEY_PREFIX = 'databricksSecrets.token:';

/** SecretStorage key holding the token of a configured workspace. */
export function tokenKey(host: string): string {
  return TOKEN_KEY_PREFIX + host;
}

/** The normalised host of a settings entry, or its raw text when it is not a valid host. */
function entryHost(entry: WorkspaceEntry): string {
  const checked = checkHost(entry.host);
  return checked.ok ? checked.host : entry.host;
}

/**
 * The workspaces the explorer shows: the environment workspace (DATABRICKS_HOST + DATABRICKS_TOKEN, token read
 * from the environment on every request) and the ones in settings (host + name in the `databricksSecrets.workspaces`
 * setting, token in SecretStorage only). Fires `onDidChange` when either changes, also from other windows.
 */
export class WorkspaceStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WorkspaceChange>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];

  /** Fires when the list changes (settings edited) or a stored token changes (any window). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.${WORKSPACES_KEY}`)) this.changed.fire({ kind: 'list' });
      }),
      secrets.onDidChange((event) => {
        if (event.key.startsWith(TOKEN_KEY_PREFIX)) {
          this.changed.fire({ kind: 'token', workspaceId: settingsWorkspaceId(event.key.slice(TOKEN_KEY_PREFIX.length)) });
        }
      }),
    );
  }

  /** All workspaces: the environment one first, then those in settings in their configured order. */
  list(): Workspace[] {
    const result: Workspace[] = [];
    const envWorkspace = this.environmentWorkspace();
    if (envWorkspace) result.push(envWorkspace);
    const seen = new Set<string>();
    for (const entry of this.readEntries()) {
      const checked = checkHost(entry.host, vscode.l10n.t('The host in setting databricksSecrets.workspaces'));
      const host = entryHost(entry);
      const id = settingsWorkspaceId(host);
      if (seen.has(id)) continue;
      seen.add(id);
      result.push({
        id,
        host,
        name: entry.name?.trim() || defaultWorkspaceName(host),
        source: 'settings',
        problem: checked.ok ? undefined : checked.message,
      });
    }
    return result;
  }

  /** The workspace with this id, if it is still configured. */
  get(id: string): Workspace | undefined {
    return this.list().find((w) => w.id === id);
  }

  /**
   * Adds a workspace: the token goes to SecretStorage, host and name to settings.
   * @throws Error with a readable message when the host is invalid or already configured.
   */
  async add(entry: WorkspaceEntry, token: string): Promise<Workspace> {
    const checked = checkHost(entry.host);
    if (!checked.ok) throw new Error(checked.message);
    const entries = this.readEntries();
    if (entries.some((e) => entryHost(e) === checked.host)) {
      throw new Error(vscode.l10n.t('{0} is already in the list. Use "Set Token" to change its token.', checked.host));
    }
    await this.secrets.store(tokenKey(checked.host), token);
    const name = entry.name?.trim();
    const stored: WorkspaceEntry = name && name !== defaultWorkspaceName(checked.host) ? { host: checked.host, name } : { host: checked.host };
    try {
      await this.writeEntries([...entries, stored]);
    } catch (error) {
      await this.secrets.delete(tokenKey(checked.host)); // no token left behind for a workspace that was not added
      throw error;
    }
    return this.get(settingsWorkspaceId(checked.host))!;
  }

  /** Removes a configured workspace and deletes its stored token. The environment workspace cannot be removed. */
  async remove(workspace: Workspace): Promise<void> {
    if (workspace.source !== 'settings') throw new Error(vscode.l10n.t('The workspace from the environment cannot be removed here: unset DATABRICKS_HOST instead.'));
    await this.writeEntries(this.readEntries().filter((e) => settingsWorkspaceId(entryHost(e)) !== workspace.id));
    await this.secrets.delete(tokenKey(workspace.host));
  }

  /** Replaces the stored token of a configured workspace. */
  async setToken(workspace: Workspace, token: string): Promise<void> {
    if (workspace.source !== 'settings') throw new Error(vscode.l10n.t('The token of the workspace from the environment comes from DATABRICKS_TOKEN: change it there and restart VS Code.'));
    await this.secrets.store(tokenKey(workspace.host), token);
  }

  /** True when a token is available for the workspace (without revealing it). */
  async hasToken(workspace: Workspace): Promise<boolean> {
    if (workspace.source === 'env') return Boolean(this.env.DATABRICKS_TOKEN);
    return Boolean(await this.secrets.get(tokenKey(workspace.host)));
  }

  /** A token provider that looks the token up on every call; it is never cached or copied elsewhere. */
  tokenProvider(workspace: Workspace): TokenProvider {
    if (workspace.source === 'env') {
      return async () => {
        const token = this.env.DATABRICKS_TOKEN?.trim();
        if (!token) throw new MissingTokenError(workspace.id, true);
        return token;
      };
    }
    return async () => {
      const token = await this.secrets.get(tokenKey(workspace.host));
      if (!token) throw new MissingTokenError(workspace.id, false);
      return token;
    };
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private environmentWorkspace(): Workspace | undefined {
    const raw = this.env.DATABRICKS_HOST?.trim();
    if (!raw) return undefined;
    const checked = checkHost(raw, 'DATABRICKS_HOST');
    const host = checked.ok ? checked.host : raw;
    return {
      id: ENV_WORKSPACE_ID,
      host,
      name: defaultWorkspaceName(host),
      source: 'env',
      problem: checked.ok ? undefined : checked.message,
    };
  }

  private readEntries(): WorkspaceEntry[] {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(WORKSPACES_KEY);
    if (!Array.isArray(value)) return [];
    return value.flatMap((item): WorkspaceEntry[] => {
      if (typeof item !== 'object' || item === null) return [];
      const { host, name } = item as Record<string, unknown>;
      if (typeof host !== 'string') return [];
      return [typeof name === 'string' ? { host, name } : { host }];
    });
  }

  private async writeEntries(entries: WorkspaceEntry[]): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(WORKSPACES_KEY, entries, vscode.ConfigurationTarget.Global);
  }
}
