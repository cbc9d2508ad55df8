import * as vscode from 'vscode';
import type { TokenProvider } from '../../core/api';
import { isAuthMethod, type AuthMethod } from '../../core/auth/types';
import { MissingTokenError } from '../errors/hostErrors';
import { loadApi } from '../lazyApi';
import { SETTINGS_SECTION, readCliPath } from '../settings';
import { checkHost, defaultWorkspaceName } from './hostUrl';
import { ENV_WORKSPACE_ID, settingsWorkspaceId, type Workspace } from './workspace';

/** What changed in the workspace list or its tokens. */
export type WorkspaceChange = { kind: 'list' } | { kind: 'token'; workspaceId: string };

/** One entry of the `databricksSecrets.workspaces` setting: host, display name, auth method; never a secret. */
export interface WorkspaceEntry {
  host: string;
  name?: string;
  /** Absent means `pat` (entries written before auth methods existed). */
  auth?: AuthMethod;
  /** The config-file profile it came from, if any. */
  profile?: string;
}

/** The secret part of a workspace's credentials: a PAT, or an OAuth client id + secret, or nothing (CLI). */
export type WorkspaceCredentials = string | { clientId: string; clientSecret: string } | undefined;

/** What SecretsClient needs to sign in: the token source, and for OAuth the 401 hook. */
export interface ClientAuth {
  token: TokenProvider;
  onTokenRejected?: (token: string) => boolean;
}

const WORKSPACES_KEY = 'workspaces';
const TOKEN_KEY_PREFIX = 'databricksSecrets.token:';
const OAUTH_KEY_PREFIX = 'databricksSecrets.oauth:';

/** SecretStorage key holding the OAuth client id and secret (JSON) of a configured M2M workspace. */
export function oauthKey(host: string): string {
  return OAUTH_KEY_PREFIX + host;
}

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
        for (const prefix of [TOKEN_KEY_PREFIX, OAUTH_KEY_PREFIX]) {
          if (event.key.startsWith(prefix)) {
            this.changed.fire({ kind: 'token', workspaceId: settingsWorkspaceId(event.key.slice(prefix.length)) });
          }
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
        auth: entry.auth ?? 'pat',
        ...(entry.profile ? { profile: entry.profile } : {}),
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
  async add(entry: WorkspaceEntry, credentials: WorkspaceCredentials): Promise<Workspace> {
    const checked = checkHost(entry.host);
    if (!checked.ok) throw new Error(checked.message);
    const auth = entry.auth ?? 'pat';
    if (auth === 'pat' && typeof credentials !== 'string') throw new Error(vscode.l10n.t('A personal access token is needed for {0}.', checked.host));
    if (auth === 'oauth-m2m' && (typeof credentials !== 'object' || !credentials.clientId || !credentials.clientSecret)) {
      throw new Error(vscode.l10n.t('An OAuth client ID and secret are needed for {0}.', checked.host));
    }
    const entries = this.readEntries();
    if (entries.some((e) => entryHost(e) === checked.host)) {
      throw new Error(vscode.l10n.t('{0} is already in the list. Use "Set Token" to change its token.', checked.host));
    }
    await this.storeCredentials(checked.host, auth, credentials);
    const name = entry.name?.trim();
    const stored: WorkspaceEntry = { host: checked.host };
    if (name && name !== defaultWorkspaceName(checked.host)) stored.name = name;
    if (auth !== 'pat') stored.auth = auth;
    if (entry.profile) stored.profile = entry.profile;
    try {
      await this.writeEntries([...entries, stored]);
    } catch (error) {
      await this.deleteCredentials(checked.host); // no secret left behind for a workspace that was not added
      throw error;
    }
    return this.get(settingsWorkspaceId(checked.host))!;
  }

  /**
   * Sign Out: deletes the workspace's stored credentials (token or OAuth secret) and keeps its entry. A
   * Databricks CLI workspace has none here; its cached access token is dropped by the client pool.
   */
  async signOut(workspace: Workspace): Promise<void> {
    if (workspace.source !== 'settings') {
      throw new Error(vscode.l10n.t('The workspace from the environment signs in with DATABRICKS_* variables: change them and restart VS Code.'));
    }
    await this.deleteCredentials(workspace.host);
    this.changed.fire({ kind: 'token', workspaceId: workspace.id });
  }

  /**
   * What SecretsClient needs to sign in to `workspace`. PATs are read on every request; OAuth and CLI tokens
   * come from an in-memory cache of the auth module (refreshed before expiry and once after a 401).
   */
  async clientAuth(workspace: Workspace): Promise<ClientAuth> {
    if ((workspace.auth ?? 'pat') === 'pat') return { token: this.tokenProvider(workspace) };
    const { auth } = await loadApi();
    if (workspace.auth === 'databricks-cli') {
      return auth.clientAuthOptions(auth.databricksCliTokenSource({ host: workspace.host, cliPath: readCliPath() }));
    }
    const credentials = await this.oauthCredentials(workspace);
    if (!credentials) {
      return { token: async () => { throw new MissingTokenError(workspace.id, workspace.source === 'env'); } };
    }
    return auth.clientAuthOptions(auth.oauthM2mTokenSource({ host: workspace.host, ...credentials }));
  }

  /** Removes a configured workspace and deletes its stored token. The environment workspace cannot be removed. */
  async remove(workspace: Workspace): Promise<void> {
    if (workspace.source !== 'settings') throw new Error(vscode.l10n.t('The workspace from the environment cannot be removed here: unset DATABRICKS_HOST instead.'));
    await this.writeEntries(this.readEntries().filter((e) => settingsWorkspaceId(entryHost(e)) !== workspace.id));
    await this.deleteCredentials(workspace.host);
  }

  /** Replaces the stored token of a configured workspace. */
  async setToken(workspace: Workspace, token: string): Promise<void> {
    if (workspace.source !== 'settings') throw new Error(vscode.l10n.t('The token of the workspace from the environment comes from DATABRICKS_TOKEN: change it there and restart VS Code.'));
    await this.secrets.store(tokenKey(workspace.host), token);
  }

  /** Replaces the stored OAuth client id and secret of a configured M2M workspace. */
  async setOAuthCredentials(workspace: Workspace, credentials: { clientId: string; clientSecret: string }): Promise<void> {
    if (workspace.source !== 'settings') throw new Error(vscode.l10n.t('The credentials of the workspace from the environment come from DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET: change them there and restart VS Code.'));
    await this.storeCredentials(workspace.host, 'oauth-m2m', credentials);
  }

  /** True when a token is available for the workspace (without revealing it). */
  async hasToken(workspace: Workspace): Promise<boolean> {
    if (workspace.auth === 'databricks-cli') return true;
    if (workspace.auth === 'oauth-m2m') return (await this.oauthCredentials(workspace)) !== undefined;
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
    // DATABRICKS_TOKEN wins, as in the SDKs' credential chain; then a service principal's client id + secret.
    const m2m = !this.env.DATABRICKS_TOKEN?.trim() && Boolean(this.env.DATABRICKS_CLIENT_ID?.trim() && this.env.DATABRICKS_CLIENT_SECRET?.trim());
    return {
      id: ENV_WORKSPACE_ID,
      host,
      name: defaultWorkspaceName(host),
      source: 'env',
      auth: m2m ? 'oauth-m2m' : 'pat',
      problem: checked.ok ? undefined : checked.message,
    };
  }

  /** Client id and secret of an M2M workspace: from the environment, or SecretStorage. */
  private async oauthCredentials(workspace: Workspace): Promise<{ clientId: string; clientSecret: string } | undefined> {
    if (workspace.source === 'env') {
      const clientId = this.env.DATABRICKS_CLIENT_ID?.trim();
      const clientSecret = this.env.DATABRICKS_CLIENT_SECRET?.trim();
      return clientId && clientSecret ? { clientId, clientSecret } : undefined;
    }
    const raw = await this.secrets.get(oauthKey(workspace.host));
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as { clientId?: unknown; clientSecret?: unknown };
      if (typeof parsed.clientId === 'string' && parsed.clientId && typeof parsed.clientSecret === 'string' && parsed.clientSecret) {
        return { clientId: parsed.clientId, clientSecret: parsed.clientSecret };
      }
    } catch {
      // Unreadable: treated as not stored.
    }
    return undefined;
  }

  private async storeCredentials(host: string, auth: AuthMethod, credentials: WorkspaceCredentials): Promise<void> {
    if (auth === 'pat' && typeof credentials === 'string') await this.secrets.store(tokenKey(host), credentials);
    if (auth === 'oauth-m2m' && typeof credentials === 'object') {
      await this.secrets.store(oauthKey(host), JSON.stringify({ clientId: credentials.clientId, clientSecret: credentials.clientSecret }));
    }
  }

  private async deleteCredentials(host: string): Promise<void> {
    await this.secrets.delete(tokenKey(host));
    await this.secrets.delete(oauthKey(host));
  }

  private readEntries(): WorkspaceEntry[] {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(WORKSPACES_KEY);
    if (!Array.isArray(value)) return [];
    return value.flatMap((item): WorkspaceEntry[] => {
      if (typeof item !== 'object' || item === null) return [];
      const { host, name, auth, profile } = item as Record<string, unknown>;
      if (typeof host !== 'string') return [];
      const entry: WorkspaceEntry = typeof name === 'string' ? { host, name } : { host };
      if (isAuthMethod(auth)) entry.auth = auth;
      if (typeof profile === 'string' && profile) entry.profile = profile;
      return [entry];
    });
  }

  private async writeEntries(entries: WorkspaceEntry[]): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(WORKSPACES_KEY, entries, vscode.ConfigurationTarget.Global);
  }
}
