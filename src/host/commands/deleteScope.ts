import * as vscode from 'vscode';
import { WorkspaceOperationError } from '../errors/hostErrors';
import { pickScope } from '../pick/scopePicker';
import { commandTarget } from '../pick/target';
import { pickWorkspace } from '../pick/workspacePicker';
import { usageNote } from '../references/usageNote';
import type { Workspace } from '../workspaces/workspace';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { explained, OperationError } from './operationError';

/**
 * Delete Scope: a modal confirmation naming the scope and how many secrets it holds, then the delete (needs
 * MANAGE) with cancellable progress; the workspace's scope list is updated. Returns the deleted scope's name, or
 * undefined when the person cancelled.
 */
export async function deleteScopeFlow(deps: CommandDeps, arg?: unknown): Promise<{ workspace: Workspace; scope: string } | undefined> {
  const workspace = await pickWorkspace(deps, arg, { placeHolder: vscode.l10n.t('Workspace to delete a scope from') });
  if (!workspace) return undefined;
  try {
    const scope =
      commandTarget(arg).scope ??
      (await pickScope(deps, workspace, { allowCreate: false, placeHolder: vscode.l10n.t('Scope to delete (with all its secrets)') }))?.name;
    if (scope === undefined) return undefined;
    deps.model.refresh(workspace.id, scope); // count what is there now, not what was listed earlier
    const listing = await deps.model.secrets(workspace, scope);
    const message = listing.ok
      ? listing.items.length === 0
        ? vscode.l10n.t('Delete scope {0}? It holds no secrets.', scope)
        : vscode.l10n.t('Delete scope {0} and its {1} secrets?', scope, listing.items.length)
      : vscode.l10n.t('Delete scope {0} and all its secrets?', scope);
    const usages = await usageNote([{ scope }]);
    const detail = [
      listing.ok
        ? vscode.l10n.t('This cannot be undone. Its secrets and permissions are deleted with it.')
        : vscode.l10n.t('Its secrets could not be counted (you may lack READ on it). This cannot be undone.'),
      usages,
    ]
      .filter(Boolean)
      .join('\n\n');
    if (!(await deps.prompts.confirm(message, detail, vscode.l10n.t('Delete Scope')))) return undefined;
    await explained({ workspace, scope, need: 'MANAGE', operation: 'deleteScope', retry: { command: CommandIds.deleteScope, args: [{ workspaceId: workspace.id, scope }] } }, () =>
      deps.prompts.progress(vscode.l10n.t('Deleting scope {0}…', scope), (signal) =>
        deps.clients.use(workspace, (client) => client.deleteScope(scope, { signal })),
      ),
    );
    deps.log.info(`deleted scope ${scope} of ${workspace.host}`);
    deps.model.refreshScopeList(workspace.id, scope);
    deps.prompts.status(vscode.l10n.t('$(trash) Deleted scope {0}', scope));
    return { workspace, scope };
  } catch (error) {
    throw error instanceof OperationError ? error : new WorkspaceOperationError(workspace, error);
  }
}

