import * as vscode from 'vscode';
import { WorkspaceOperationError } from '../errors/hostErrors';
import { pickScope } from '../pick/scopePicker';
import { commandTarget } from '../pick/target';
import { pickWorkspace } from '../pick/workspacePicker';
import type { Workspace } from '../workspaces/workspace';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { explainOperation, OperationError } from './operationError';
import { isKeyVault, refuseKeyVault } from './putSecret';
import { usageNote } from '../references/usageNote';

/** One secret to delete. */
export interface SecretRef {
  readonly workspace: Workspace;
  readonly scope: string;
  readonly key: string;
}

/** The outcome of a Delete Secret run. */
export interface DeleteSecretsResult {
  readonly deleted: readonly SecretRef[];
  readonly failed: ReadonlyArray<{ readonly secret: SecretRef; readonly reason: string }>;
}

/** The selected key nodes: VS Code passes the clicked node and, for a multi-selection, every selected node. */
function selectedSecrets(deps: CommandDeps, arg: unknown, selection: unknown): SecretRef[] {
  const nodes = Array.isArray(selection) && selection.length > 0 ? selection : [arg];
  const refs: SecretRef[] = [];
  for (const node of nodes) {
    const target = commandTarget(node);
    if (target.workspaceId === undefined || target.scope === undefined || target.key === undefined) continue;
    const workspace = deps.store.get(target.workspaceId);
    if (!workspace) continue;
    if (target.keyVault) refuseKeyVault(workspace, target.scope);
    refs.push({ workspace, scope: target.scope, key: target.key });
  }
  return refs;
}

/** From the palette: workspace, Databricks-backed scope, then keys ticked in a list. */
async function askSecrets(deps: CommandDeps, arg: unknown): Promise<SecretRef[] | undefined> {
  const workspace = await pickWorkspace(deps, arg, { placeHolder: vscode.l10n.t('Workspace to delete secrets from') });
  if (!workspace) return undefined;
  const target = commandTarget(arg);
  let scope = target.scope;
  if (scope !== undefined) {
    if (await isKeyVault(deps, workspace, target)) refuseKeyVault(workspace, scope);
  } else {
    scope = (await pickScope(deps, workspace, { databricksOnly: true, allowCreate: false, placeHolder: vscode.l10n.t('Scope to delete secrets from') }))?.name;
    if (scope === undefined) return undefined;
  }
  const listing = await deps.model.secrets(workspace, scope);
  if (!listing.ok) throw new WorkspaceOperationError(workspace, listing.error);
  if (listing.items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Scope {0} holds no secrets.', scope));
    return undefined;
  }
  const inScope = scope;
  const picked = await deps.prompts.pickMany(
    listing.items.map((s) => ({ label: s.key, secret: { workspace, scope: inScope, key: s.key } })),
    { title: vscode.l10n.t('Delete secrets from scope {0}', scope), placeHolder: vscode.l10n.t('Tick the secrets to delete'), ignoreFocusOut: true },
  );
  return picked?.map((p) => p.secret);
}

/**
 * Delete Secret: the selected key nodes (several at once), or — from the palette — keys ticked in a list; one
 * modal confirmation lists them all; each failure is reported by key. The scopes concerned are updated.
 */
export async function deleteSecretsFlow(deps: CommandDeps, arg?: unknown, selection?: unknown): Promise<DeleteSecretsResult | undefined> {
  let secrets = selectedSecrets(deps, arg, selection);
  if (secrets.length === 0) secrets = (await askSecrets(deps, arg)) ?? [];
  if (secrets.length === 0) return undefined;

  const names = secrets.map((s) => `${s.scope}/${s.key}`);
  const shown = names.length > 12 ? [...names.slice(0, 12), vscode.l10n.t('… and {0} more', names.length - 12)] : names;
  const message =
    secrets.length === 1
      ? vscode.l10n.t('Delete secret {0} from scope {1}?', secrets[0].key, secrets[0].scope)
      : vscode.l10n.t('Delete these {0} secrets?', secrets.length);
  const usages = await usageNote(secrets.map((s) => ({ scope: s.scope, key: s.key })));
  const detail = `${secrets.length === 1 ? '' : `${shown.join('\n')}\n\n`}${vscode.l10n.t('This cannot be undone. Notebooks and jobs that read them will fail.')}${usages ? `\n\n${usages}` : ''}`;
  if (!(await deps.prompts.confirm(message, detail, vscode.l10n.t('Delete')))) return undefined;

  const deleted: SecretRef[] = [];
  const failed: Array<{ secret: SecretRef; reason: string; error: unknown }> = [];
  await deps.prompts.progress(
    secrets.length === 1 ? vscode.l10n.t('Deleting secret {0}…', secrets[0].key) : vscode.l10n.t('Deleting {0} secrets…', secrets.length),
    async (signal, report) => {
      await Promise.all(
        secrets.map(async (secret) => {
          try {
            await deps.clients.use(secret.workspace, (client) => client.deleteSecret(secret.scope, secret.key, { signal }));
            deleted.push(secret);
            if (secrets.length > 1) report(secret.key, 100 / secrets.length);
          } catch (error) {
            const view = explainOperation(error, { workspace: secret.workspace, scope: secret.scope, key: secret.key, need: 'WRITE', operation: 'delete' });
            failed.push({ secret, reason: view.cancelled ? vscode.l10n.t('cancelled') : view.headline, error });
          }
        }),
      );
    },
  );
  for (const secret of deleted) deps.log.info(`deleted secret ${secret.key} of scope ${secret.scope} in ${secret.workspace.host}`);
  const touched = new Map<string, SecretRef>();
  for (const s of [...deleted, ...failed.map((f) => f.secret)]) touched.set(`${s.workspace.id}\u0000${s.scope}`, s);
  for (const s of touched.values()) deps.model.refresh(s.workspace.id, s.scope);
  if (deleted.length > 0) {
    deps.prompts.status(
      deleted.length === 1 ? vscode.l10n.t('$(trash) Deleted secret {0}', deleted[0].key) : vscode.l10n.t('$(trash) Deleted {0} secrets', deleted.length),
    );
  }
  if (failed.length > 0 && !failed.every((f) => f.reason === vscode.l10n.t('cancelled'))) {
    const lines = failed.map((f) => `${f.secret.scope}/${f.secret.key}: ${f.reason}`);
    const headline =
      failed.length === 1 && deleted.length === 0
        ? vscode.l10n.t('Could not delete secret {0}', failed[0].secret.key)
        : vscode.l10n.t('Could not delete {0} of {1} secrets', failed.length, secrets.length);
    const first = explainOperation(failed[0].error, { workspace: failed[0].secret.workspace, scope: failed[0].secret.scope, key: failed[0].secret.key, need: 'WRITE', operation: 'delete' });
    throw new OperationError({ headline, detail: lines.join('; '), actions: first.actions }, failed[0].secret.workspace, undefined, failed[0].error);
  }
  return { deleted, failed: failed.map(({ secret, reason }) => ({ secret, reason })) };
}

