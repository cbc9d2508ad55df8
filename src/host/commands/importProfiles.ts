import * as vscode from 'vscode';
import type { ConfigFileResult, ConfigProfile } from '../../core/auth';
import { loadApi } from '../lazyApi';
import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceStore } from '../workspaces/workspaceStore';
import { authMethodLabel } from './authPrompts';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { registerCommand } from './runCommand';

/** A profile offered in the picker. */
export interface ProfileItem extends vscode.QuickPickItem {
  profile: ConfigProfile;
}

/** Shows the multi-select picker; returns the chosen items, or undefined when cancelled. */
export type ProfilePicker = (items: readonly (ProfileItem | vscode.QuickPickItem)[]) => Promise<readonly ProfileItem[] | undefined>;

/** What an import did, for the message and the tests. */
export interface ImportOutcome {
  imported: Workspace[];
  /** Profile name -> why it was not imported. */
  skipped: Map<string, string>;
  /** True when a chosen profile's secret was copied (the file still holds it in plain text). */
  copiedSecrets: boolean;
}

/** The picker's items: usable profiles first (the default profile on top), then the unusable ones with the reason. */
export function profileItems(result: Extract<ConfigFileResult, { status: 'ok' }>, configured: ReadonlySet<string>, first?: string): (ProfileItem | vscode.QuickPickItem)[] {
  const top = first ?? result.defaultProfile;
  const ordered = [...result.profiles].sort((a, b) => Number(b.name === top) - Number(a.name === top));
  const usable = ordered.filter((p) => p.credentials);
  const unusable = ordered.filter((p) => !p.credentials);
  const items: (ProfileItem | vscode.QuickPickItem)[] = usable.map((profile) => {
    const already = configured.has(profile.credentials!.host);
    const notes = [authMethodLabel(profile.credentials!.method)];
    if (already) notes.push(vscode.l10n.t('already in the list'));
    if (profile.ignoredKeys.length) notes.push(vscode.l10n.t('ignored: {0}', profile.ignoredKeys.join(', ')));
    return { label: profile.name, description: profile.host, detail: notes.join(' · '), profile, picked: !already };
  });
  if (unusable.length) {
    items.push({ label: vscode.l10n.t('Cannot be used'), kind: vscode.QuickPickItemKind.Separator });
    for (const profile of unusable) {
      items.push({ label: `$(circle-slash) ${profile.name}`, description: profile.host ?? '', detail: profile.unusable, profile } as ProfileItem);
    }
  }
  return items;
}

/** Imports the chosen profiles: host, name, auth method and profile name into settings, secrets into SecretStorage. */
export async function importProfiles(store: Pick<WorkspaceStore, 'list' | 'add'>, chosen: readonly ProfileItem[]): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: [], skipped: new Map(), copiedSecrets: false };
  const configured = new Set(store.list().filter((w) => w.source === 'settings').map((w) => w.host));
  for (const { profile } of chosen) {
    const c = profile.credentials;
    if (!c) {
      outcome.skipped.set(profile.name, profile.unusable ?? vscode.l10n.t('cannot be used'));
      continue;
    }
    if (configured.has(c.host)) {
      outcome.skipped.set(profile.name, vscode.l10n.t('{0} is already in the list', c.host));
      continue;
    }
    const secret = c.method === 'pat' ? c.token : c.method === 'oauth-m2m' ? { clientId: c.clientId!, clientSecret: c.clientSecret! } : undefined;
    try {
      outcome.imported.push(await store.add({ host: c.host, name: profile.name, auth: c.method, profile: profile.name }, secret));
    } catch (error) {
      outcome.skipped.set(profile.name, error instanceof Error ? error.message : String(error));
      continue;
    }
    configured.add(c.host);
    if (c.method !== 'databricks-cli') outcome.copiedSecrets = true;
  }
  return outcome;
}

const quickPick: ProfilePicker = async (items) => {
  const picked = await vscode.window.showQuickPick(items as ProfileItem[], {
    canPickMany: true,
    ignoreFocusOut: true,
    matchOnDescription: true,
    title: vscode.l10n.t('Import profiles from the Databricks config file'),
    placeHolder: vscode.l10n.t('Choose the profiles to add to the explorer'),
  });
  return picked;
};

/**
 * Reads `DATABRICKS_CONFIG_FILE` or `~/.databrickscfg`, lets the person choose profiles, imports them, and says
 * what happened (including that the file still holds the copied secrets in plain text).
 */
export async function importProfilesFlow(
  store: Pick<WorkspaceStore, 'list' | 'add'>,
  pick: ProfilePicker = quickPick,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ImportOutcome | undefined> {
  const { auth } = await loadApi();
  const path = auth.configFilePath(env);
  const result = await auth.loadConfigFile(path);
  if (result.status !== 'ok') {
    void vscode.window.showWarningMessage(result.message);
    return undefined;
  }
  if (result.problems.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0}: some lines could not be read ({1}). The profiles they belong to are listed as unusable.',
      path, result.problems.map((p) => p.line).join(', ')));
  }
  if (result.profiles.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no profiles.', path));
    return undefined;
  }
  const configured = new Set(store.list().filter((w) => w.source === 'settings').map((w) => w.host));
  const chosen = await pick(profileItems(result, configured, env.DATABRICKS_CONFIG_PROFILE?.trim() || undefined));
  if (!chosen || chosen.length === 0) return undefined;
  const outcome = await importProfiles(store, chosen);
  const skipped = [...outcome.skipped].map(([name, why]) => `${name}: ${why}`).join('; ');
  const parts = [vscode.l10n.t('Imported {0} profile(s).', outcome.imported.length)];
  if (skipped) parts.push(vscode.l10n.t('Not imported: {0}.', skipped));
  if (outcome.copiedSecrets) {
    parts.push(vscode.l10n.t('Their tokens and secrets are now in VS Code secret storage, but {0} still holds them in plain text; remove them from the file if nothing else needs them.', path));
  }
  void vscode.window.showInformationMessage(parts.join(' '));
  return outcome;
}

/** Registers "Databricks Secrets: Import Profiles from Databricks Config". */
export function registerImportProfiles({ log, store }: CommandDeps): vscode.Disposable {
  return registerCommand(log, CommandIds.importProfiles, async () => {
    const outcome = await importProfilesFlow(store);
    if (outcome) log.info(`imported ${outcome.imported.length} profile(s), skipped ${outcome.skipped.size}`);
  });
}
