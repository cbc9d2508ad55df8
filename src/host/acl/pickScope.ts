import * as vscode from 'vscode';
import type { Scope } from '../../core/api';
import { resolveWorkspace } from '../commands/resolveWorkspace';
import type { ExplorerModel } from '../tree/explorerModel';
import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceStore } from '../workspaces/workspaceStore';

/**
 * A minimal scope picker for "Manage Permissions" from the Command Palette: picks a workspace (when there are
 * several), then one of its scopes. Undefined when the person cancels. Stands in for the shared picker of
 * src/host/pick until the branches are merged; a failed listing is thrown for the command's error report.
 */
export async function pickScopeForPermissions(
  store: WorkspaceStore,
  model: ExplorerModel,
): Promise<{ workspace: Workspace; scope: Scope } | undefined> {
  const workspace = await resolveWorkspace(store, undefined, vscode.l10n.t('Workspace whose scope permissions to manage'));
  if (!workspace) return undefined;
  const listing = await model.scopes(workspace);
  if (!listing.ok) throw listing.error;
  if (listing.items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no secret scopes.', workspace.name));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    listing.items.map((scope) => ({
      label: scope.name,
      description: scope.backend_type === 'AZURE_KEYVAULT' ? vscode.l10n.t('Azure Key Vault') : undefined,
      scope,
    })),
    { placeHolder: vscode.l10n.t('Scope whose permissions to manage'), matchOnDescription: true },
  );
  return picked ? { workspace, scope: picked.scope } : undefined;
}
