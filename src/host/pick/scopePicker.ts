import * as vscode from 'vscode';
import type { Scope } from '../../core/api';
import { createScopeFlow } from '../commands/createScope';
import type { CommandDeps } from '../commands/commandDeps';
import { WorkspaceOperationError } from '../errors/hostErrors';
import { isKeyVaultScope } from '../tree/nodes/scopeNode';
import type { Workspace } from '../workspaces/workspace';

/** Options of {@link pickScope}. */
export interface ScopePickOptions {
  readonly title?: string;
  readonly placeHolder?: string;
  /** Offer only Databricks-backed scopes (the ones secrets can be written to). Default false. */
  readonly databricksOnly?: boolean;
  /** Offer a "Create new scope…" item that runs the Create Scope flow. Default true. */
  readonly allowCreate?: boolean;
}

type ScopeItem = vscode.QuickPickItem & { readonly scope?: Scope; readonly create?: true };

/**
 * Lets the person pick a scope of `workspace` (from the explorer's cached listing), optionally Databricks-backed
 * only, with an inline "Create new scope…" item that runs the Create Scope flow and returns the new scope.
 * Undefined when the person cancels. A failed listing is thrown (wrapped with the workspace, so the message names
 * the host and offers the fix).
 */
export async function pickScope(deps: CommandDeps, workspace: Workspace, options: ScopePickOptions = {}): Promise<Scope | undefined> {
  const listing = await deps.model.scopes(workspace);
  if (!listing.ok) throw new WorkspaceOperationError(workspace, listing.error);
  const scopes = listing.items.filter((scope) => !options.databricksOnly || !isKeyVaultScope(scope));
  const items: ScopeItem[] = [...scopes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((scope) => ({
      label: scope.name,
      iconPath: new vscode.ThemeIcon(isKeyVaultScope(scope) ? 'azure' : 'lock'),
      description: isKeyVaultScope(scope) ? vscode.l10n.t('Azure Key Vault (read-only)') : undefined,
      scope,
    }));
  if (options.allowCreate ?? true) {
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: vscode.l10n.t('Create new scope…'), iconPath: new vscode.ThemeIcon('add'), alwaysShow: true, create: true });
  }
  const picked = await deps.prompts.pick(items, {
    title: options.title,
    placeHolder: options.placeHolder ?? vscode.l10n.t('Secret scope in {0}', workspace.name),
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.create) return createScopeFlow(deps, workspace);
  return picked.scope;
}
