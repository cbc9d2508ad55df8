import * as vscode from 'vscode';
import type { Scope } from '../../../core/api';
import type { WorkspaceNode } from './workspaceNode';

/** True for a scope whose secrets live in Azure Key Vault (read-only through the Secrets API). */
export function isKeyVaultScope(scope: Scope): boolean {
  return scope.backend_type === 'AZURE_KEYVAULT';
}

/** A secret scope. contextValue `scope:databricks` or `scope:keyvault`. */
export class ScopeNode {
  readonly kind = 'scope';
  readonly id: string;

  constructor(
    readonly parent: WorkspaceNode,
    readonly scope: Scope,
  ) {
    this.id = `${parent.id}/scope/${scope.name}`;
  }

  get workspace() {
    return this.parent.workspace;
  }

  toTreeItem(): vscode.TreeItem {
    const keyVault = isKeyVaultScope(this.scope);
    const item = new vscode.TreeItem(this.scope.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = keyVault ? 'scope:keyvault' : 'scope:databricks';
    item.iconPath = new vscode.ThemeIcon(keyVault ? 'azure' : 'lock');
    item.description = keyVault ? vscode.l10n.t('Azure Key Vault') : undefined;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(this.scope.name).appendMarkdown('**\n\n');
    if (keyVault) {
      tooltip.appendText(vscode.l10n.t('Backed by Azure Key Vault: secrets are managed in the vault, read-only here.'));
      const vault = this.scope.keyvault_metadata;
      if (vault) {
        tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Vault: {0}', vault.dns_name));
        tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Resource: {0}', vault.resource_id));
      }
    } else {
      tooltip.appendText(vscode.l10n.t('Databricks-backed scope'));
    }
    item.tooltip = tooltip;
    return item;
  }
}
