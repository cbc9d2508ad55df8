import * as vscode from 'vscode';
import { WorkspaceOperationError } from '../errors/hostErrors';
import { loadApi } from '../lazyApi';
import { askKeyName } from '../pick/keyNameInput';
import { pickScope } from '../pick/scopePicker';
import { commandTarget, type CommandTarget } from '../pick/target';
import { pickWorkspace } from '../pick/workspacePicker';
import { isKeyVaultScope } from '../tree/nodes/scopeNode';
import type { Workspace } from '../workspaces/workspace';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { explained, OperationError } from './operationError';
import { clearClipboardIfHolds, readSecretValue, ValueRefusedError, type SecretValue, type ValueSource } from './secretValue';

/** What a put stored (names only). */
export interface PutResult {
  readonly workspace: Workspace;
  readonly scope: string;
  readonly key: string;
  readonly overwritten: boolean;
}

/** Options of {@link putSecretFlow}. */
export interface PutSecretOptions {
  /** Update Secret Value: the key is given and known to exist; no key question. */
  readonly update?: boolean;
  /** Skip the source question. */
  readonly source?: ValueSource;
}

/** Refuses a Key Vault-backed scope before anything is asked or sent. */
export function refuseKeyVault(workspace: Workspace, scope: string): never {
  const text = vscode.l10n.t('Scope {0} is backed by Azure Key Vault: its secrets are read-only here. Change them in the vault (Azure portal or az keyvault secret set).', scope);
  throw new OperationError({ headline: text, detail: text, actions: [] }, workspace, undefined, undefined);
}

/** True when the explorer's listing says `scope` of `workspace` is Key Vault-backed. */
export async function isKeyVault(deps: Pick<CommandDeps, 'model'>, workspace: Workspace, target: CommandTarget): Promise<boolean> {
  if (target.keyVault !== undefined) return target.keyVault;
  const listing = await deps.model.scopes(workspace);
  return listing.ok && listing.items.some((s) => s.name === target.scope && isKeyVaultScope(s));
}

/**
 * Put Secret / Update Secret Value: workspace, scope (Databricks-backed, or create one), key (validated; an existing
 * key only after the person agreed to overwrite it), then the value (masked box, a file, or the clipboard), put with
 * cancellable progress. The scope's node is updated and the key selected; a status-bar line confirms (no value).
 * The value lives only in this call. Undefined when the person cancelled.
 */
export async function putSecretFlow(deps: CommandDeps, arg?: unknown, options: PutSecretOptions = {}): Promise<PutResult | undefined> {
  const target = commandTarget(arg);
  const workspace = await pickWorkspace(deps, arg, { placeHolder: vscode.l10n.t('Workspace to store the secret in') });
  if (!workspace) return undefined;
  try {
    let scope = target.scope;
    if (scope !== undefined) {
      if (await isKeyVault(deps, workspace, target)) refuseKeyVault(workspace, scope);
    } else {
      scope = (await pickScope(deps, workspace, { databricksOnly: true, placeHolder: vscode.l10n.t('Scope to store the secret in') }))?.name;
      if (scope === undefined) return undefined;
    }
    let key = options.update ? target.key : undefined;
    let overwritten = options.update === true;
    if (key === undefined) {
      const answer = await askKeyName(deps, workspace, scope, { value: target.key });
      if (!answer) return undefined;
      key = answer.key;
      overwritten = answer.exists;
    }
    const api = await loadApi();
    api.validateScopeName(scope);
    api.validateKeyName(key);
    const title = options.update ? vscode.l10n.t('New value of {0} in scope {1}', key, scope) : vscode.l10n.t('Value of {0} in scope {1}', key, scope);
    let read: SecretValue | undefined;
    try {
      read = await readSecretValue(deps.prompts, title, options.source);
    } catch (error) {
      if (error instanceof ValueRefusedError) throw new OperationError({ headline: error.message, detail: error.message, actions: [] }, workspace, undefined, error);
      throw error;
    }
    if (!read) return undefined;
    const finalScope = scope;
    const finalKey = key;
    const value = read.value;
    const retryCommand = options.update ? CommandIds.updateSecret : CommandIds.putSecret;
    await explained(
      { workspace, scope, key, need: 'WRITE', operation: 'put', retry: { command: retryCommand, args: [{ workspaceId: workspace.id, scope, key }] } },
      () =>
        deps.prompts.progress(vscode.l10n.t('Storing secret {0} in scope {1}…', finalKey, finalScope), (signal) =>
          deps.clients.use(workspace, (client) => client.putSecret(finalScope, finalKey, value, { signal })),
        ),
    );
    if (read.fromClipboard && typeof read.value === 'string') await clearClipboardIfHolds(read.value);
    read = undefined;
    deps.log.info(`stored secret ${key} in scope ${scope} of ${workspace.host}`);
    deps.model.refresh(workspace.id, scope);
    deps.prompts.status(
      overwritten ? vscode.l10n.t('$(check) Updated secret {0} in scope {1}', key, scope) : vscode.l10n.t('$(check) Stored secret {0} in scope {1}', key, scope),
    );
    void deps.tree?.reveal(workspace.id, scope, key);
    return { workspace, scope, key, overwritten };
  } catch (error) {
    throw error instanceof OperationError ? error : new WorkspaceOperationError(workspace, error);
  }
}

