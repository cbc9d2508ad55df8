import * as vscode from 'vscode';
import type { SecretMetadata } from '../../../core/api';
import { formatDateTime, formatRelativeTime } from '../time';
import { isKeyVaultScope, type ScopeNode } from './scopeNode';

/** A secret's key and last update time (never its value). contextValue `secret` or `secret:keyvault`. */
export class SecretNode {
  readonly kind = 'secret';
  readonly id: string;

  constructor(
    readonly parent: ScopeNode,
    readonly secret: SecretMetadata,
  ) {
    this.id = `${parent.id}/key/${secret.key}`;
  }

  get workspace() {
    return this.parent.workspace;
  }

  toTreeItem(now = Date.now()): vscode.TreeItem {
    const item = new vscode.TreeItem(this.secret.key, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = isKeyVaultScope(this.parent.scope) ? 'secret:keyvault' : 'secret';
    item.iconPath = new vscode.ThemeIcon('key');
    const locale = vscode.env.language;
    const updated = this.secret.last_updated_timestamp;
    const known = Number.isFinite(updated) && updated > 0;
    item.description = known ? vscode.l10n.t('updated {0}', formatRelativeTime(updated, now, locale)) : undefined;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(this.secret.key).appendMarkdown('**\n\n');
    tooltip.appendText(vscode.l10n.t('Scope: {0}', this.parent.scope.name)).appendMarkdown('\n\n');
    tooltip.appendText(known ? vscode.l10n.t('Last updated: {0}', formatDateTime(updated, locale)) : vscode.l10n.t('Last updated: unknown'));
    item.tooltip = tooltip;
    return item;
  }
}
