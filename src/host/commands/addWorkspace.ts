import * as vscode from 'vscode';
import type { AuthMethod } from '../../core/auth/types';
import { authMethodPick, promptClientId, promptClientSecret } from './authPrompts';
import { checkHost, defaultWorkspaceName } from '../workspaces/hostUrl';
import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceStore } from '../workspaces/workspaceStore';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { registerCommand } from './runCommand';
import { promptToken } from './tokenPrompt';

/** The questions "Add Workspace" asks; each answers undefined when the person cancels. */
export interface AddWorkspacePrompts {
  host(validate: (value: string) => string | undefined): Promise<string | undefined>;
  token(host: string): Promise<string | undefined>;
  name(defaultName: string): Promise<string | undefined>;
  /** How to sign in; without it the flow asks for a personal access token. */
  authMethod?(host: string): Promise<AuthMethod | undefined>;
  /** OAuth M2M: the service principal's client id, then its secret. */
  clientId?(host: string): Promise<string | undefined>;
  clientSecret?(host: string): Promise<string | undefined>;
}

/** The input boxes a person sees. */
export const inputBoxPrompts: AddWorkspacePrompts = {
  host: (validate) =>
    Promise.resolve(
      vscode.window.showInputBox({
        title: vscode.l10n.t('Add Databricks workspace (1/3): host'),
        prompt: vscode.l10n.t('The workspace URL, as in your browser. https:// is required (http:// only for localhost).'),
        placeHolder: 'https://adb-1234567890123456.7.azuredatabricks.net',
        ignoreFocusOut: true,
        validateInput: validate,
      }),
    ),
  authMethod: (host) => authMethodPick(vscode.l10n.t('Add Databricks workspace: how to sign in to {0}', host)),
  token: (host) => promptToken(host, vscode.l10n.t('Add Databricks workspace (2/3): personal access token for {0}', host)),
  clientId: (host) => promptClientId(host),
  clientSecret: (host) => promptClientSecret(host),
  name: (defaultName) =>
    Promise.resolve(
      vscode.window.showInputBox({
        title: vscode.l10n.t('Add Databricks workspace (3/3): display name'),
        prompt: vscode.l10n.t('The name shown in the explorer.'),
        value: defaultName,
        ignoreFocusOut: true,
      }),
    ),
};

/**
 * Asks for host, token and name, then stores the token in SecretStorage and host + name in settings.
 * Returns the new workspace, or undefined when the person cancelled.
 */
export async function addWorkspaceFlow(store: Pick<WorkspaceStore, 'list' | 'add'>, prompts: AddWorkspacePrompts): Promise<Workspace | undefined> {
  const taken = new Set(store.list().filter((w) => w.source === 'settings').map((w) => w.host));
  const hostInput = await prompts.host((value) => {
    const checked = checkHost(value);
    if (!checked.ok) return checked.message;
    return taken.has(checked.host) ? vscode.l10n.t('{0} is already in the list. Use "Set Token" to change its token.', checked.host) : undefined;
  });
  if (hostInput === undefined) return undefined;
  const checked = checkHost(hostInput);
  if (!checked.ok) throw new Error(checked.message);
  const auth = prompts.authMethod ? await prompts.authMethod(checked.host) : 'pat';
  if (auth === undefined) return undefined;
  let credentials: string | { clientId: string; clientSecret: string } | undefined;
  if (auth === 'pat') {
    credentials = await prompts.token(checked.host);
    if (!credentials) return undefined;
  } else if (auth === 'oauth-m2m') {
    const clientId = await prompts.clientId?.(checked.host);
    if (!clientId) return undefined;
    const clientSecret = await prompts.clientSecret?.(checked.host);
    if (!clientSecret) return undefined;
    credentials = { clientId, clientSecret };
  }
  const name = await prompts.name(defaultWorkspaceName(checked.host));
  if (name === undefined) return undefined;
  return store.add({ host: checked.host, name, auth }, credentials);
}

/** Registers "Databricks Secrets: Add Workspace". */
export function registerAddWorkspace({ log, store }: CommandDeps): vscode.Disposable {
  return registerCommand(log, CommandIds.addWorkspace, async () => {
    const workspace = await addWorkspaceFlow(store, inputBoxPrompts);
    if (workspace) log.info(`added workspace ${workspace.host}`);
  });
}
