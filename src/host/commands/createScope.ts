import * as vscode from 'vscode';
import type { Scope } from '../../core/api';
import { WorkspaceOperationError } from '../errors/hostErrors';
import { loadApi } from '../lazyApi';
import { pickWorkspace } from '../pick/workspacePicker';
import type { Workspace } from '../workspaces/workspace';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { explained, OperationError } from './operationError';

/** Answers Create Scope may be given instead of asking (tests, other commands). */
export interface CreateScopeArgs {
  readonly name?: string;
  /** Azure Key Vault backing; absent (and not asked) when `backend` is `DATABRICKS`. */
  readonly keyVault?: { readonly resourceId: string; readonly dnsName: string };
  readonly backend?: 'DATABRICKS' | 'AZURE_KEYVAULT';
  /** `initial_manage_principal: users`: every workspace user may manage the scope. */
  readonly allUsersManage?: boolean;
}

const RESOURCE_ID = /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[\w().-]{1,90}\/providers\/Microsoft\.KeyVault\/vaults\/[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;
const DNS_NAME = /^https:\/\/[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net|microsoftazure\.de)\/?$/;

/** Checks the shape of a Key Vault resource id; a message naming the expected form, or undefined when fine. */
export function checkKeyVaultResourceId(text: string): string | undefined {
  return RESOURCE_ID.test(text.trim())
    ? undefined
    : vscode.l10n.t('Expected /subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault name> (the vault\'s Properties page in the Azure portal shows it).');
}

/** Checks the shape of a Key Vault DNS name (vault URI); a message naming the expected form, or undefined when fine. */
export function checkKeyVaultDnsName(text: string): string | undefined {
  return DNS_NAME.test(text.trim()) ? undefined : vscode.l10n.t('Expected the vault URI, like https://my-vault.vault.azure.net/.');
}

/**
 * Create Scope: asks for a name (validated while typing, names already taken refused), the backend (Databricks or
 * Azure Key Vault, with its resource id and DNS name) and who manages it, creates it with progress, then updates
 * the workspace's scope list and selects the new scope. Returns the scope, or undefined when the person cancelled.
 * A name that exists is reported and nothing else happens.
 */
export async function createScopeFlow(deps: CommandDeps, workspace: Workspace, args: CreateScopeArgs = {}): Promise<Scope | undefined> {
  const api = await loadApi();
  const listing = await deps.model.scopes(workspace);
  const taken = new Set(listing.ok ? listing.items.map((s) => s.name) : []);
  const check = (text: string): string | undefined => {
    try {
      api.validateScopeName(text);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return taken.has(text) ? vscode.l10n.t('A scope named {0} already exists in {1}.', text, workspace.name) : undefined;
  };
  const title = vscode.l10n.t('Create secret scope in {0}', workspace.name);
  const name =
    args.name ??
    (await deps.prompts.input({
      title,
      prompt: vscode.l10n.t('Scope name: letters, digits, "_", "-" and ".", up to 128 characters.'),
      placeHolder: 'etl-prod',
      ignoreFocusOut: true,
      validateInput: check,
    }));
  if (name === undefined) return undefined;
  api.validateScopeName(name);

  let backend = args.backend ?? (args.keyVault ? 'AZURE_KEYVAULT' : undefined);
  if (!backend) {
    const picked = await deps.prompts.pick(
      [
        { label: vscode.l10n.t('Databricks'), description: vscode.l10n.t('secrets stored by Databricks (can be written from here)'), backend: 'DATABRICKS' as const },
        { label: vscode.l10n.t('Azure Key Vault'), description: vscode.l10n.t('read-only view of a vault (Azure; needs a Microsoft Entra ID token)'), backend: 'AZURE_KEYVAULT' as const },
      ],
      { title, placeHolder: vscode.l10n.t('Where the scope keeps its secrets'), ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    backend = picked.backend;
  }
  let keyVault = args.keyVault;
  if (backend === 'AZURE_KEYVAULT' && !keyVault) {
    const resourceId = await deps.prompts.input({
      title,
      prompt: vscode.l10n.t('Resource id of the Azure Key Vault'),
      placeHolder: '/subscriptions/…/resourceGroups/…/providers/Microsoft.KeyVault/vaults/my-vault',
      ignoreFocusOut: true,
      validateInput: checkKeyVaultResourceId,
    });
    if (resourceId === undefined) return undefined;
    const dnsName = await deps.prompts.input({
      title,
      prompt: vscode.l10n.t('DNS name (vault URI) of the Azure Key Vault'),
      placeHolder: 'https://my-vault.vault.azure.net/',
      ignoreFocusOut: true,
      validateInput: checkKeyVaultDnsName,
    });
    if (dnsName === undefined) return undefined;
    keyVault = { resourceId: resourceId.trim(), dnsName: dnsName.trim() };
  }
  if (keyVault) {
    const problem = checkKeyVaultResourceId(keyVault.resourceId) ?? checkKeyVaultDnsName(keyVault.dnsName);
    if (problem) throw new Error(problem);
  }
  let allUsersManage = args.allUsersManage;
  if (allUsersManage === undefined) {
    const picked = await deps.prompts.pick(
      [
        { label: vscode.l10n.t('Only me'), description: vscode.l10n.t('you get MANAGE; grant others access later'), all: false },
        { label: vscode.l10n.t('All workspace users may manage'), description: 'initial_manage_principal: users', all: true },
      ],
      { title, placeHolder: vscode.l10n.t('Who may manage scope {0}?', name), ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    allUsersManage = picked.all;
  }
  if (taken.has(name)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('A scope named {0} already exists in {1}: nothing was created.', name, workspace.name));
    return undefined;
  }

  const operation = keyVault ? 'createKeyVaultScope' : 'createScope';
  await explained({ workspace, scope: name, operation, retry: { command: CommandIds.createScope, args: [workspace.id] } }, () =>
    deps.prompts.progress(vscode.l10n.t('Creating scope {0} in {1}…', name, workspace.name), (signal) =>
      deps.clients.use(workspace, (client) =>
        client.createScope(name, {
          signal,
          ...(allUsersManage ? { initialManagePrincipal: 'users' } : {}),
          ...(keyVault ? { keyVault: { resource_id: keyVault.resourceId, dns_name: keyVault.dnsName } } : {}),
        }),
      ),
    ),
  );
  deps.log.info(`created scope ${name} in ${workspace.host}${keyVault ? ' (Azure Key Vault)' : ''}`);
  deps.model.refreshScopeList(workspace.id);
  deps.prompts.status(vscode.l10n.t('$(check) Created scope {0}', name));
  await deps.tree?.reveal(workspace.id, name);
  const created = await deps.model.scopes(workspace);
  const scope = created.ok ? created.items.find((s) => s.name === name) : undefined;
  return scope ?? { name, backend_type: keyVault ? 'AZURE_KEYVAULT' : 'DATABRICKS' };
}


/** Create Scope as a command: the workspace from the argument (node, id) or picked; answers may be given as a second argument. */
export async function createScopeFlowFromCommand(deps: CommandDeps, arg?: unknown, answers?: unknown): Promise<Scope | undefined> {
  const workspace = await pickWorkspace(deps, arg, { placeHolder: vscode.l10n.t('Workspace to create the scope in') });
  if (!workspace) return undefined;
  try {
    return await createScopeFlow(deps, workspace, typeof answers === 'object' && answers !== null ? (answers as CreateScopeArgs) : {});
  } catch (error) {
    throw error instanceof OperationError ? error : new WorkspaceOperationError(workspace, error);
  }
}
