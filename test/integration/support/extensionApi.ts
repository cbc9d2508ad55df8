import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DatabricksSecretsTestApi } from '../../../src/host/testApi';
import type { ExplorerNode } from '../../../src/host/tree/nodes/types';

export const EXTENSION_ID = 'databricks-secrets-dev.databricks-secrets';

/** Activates the extension and returns the API it hands to tests (only in ExtensionMode.Test). */
export async function activateForTests(): Promise<DatabricksSecretsTestApi> {
  const extension = vscode.extensions.getExtension<DatabricksSecretsTestApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  assert.ok(api, 'activate() returned no test API: is the extension running in ExtensionMode.Test?');
  return api;
}

/** The tree item of a node, as VS Code would render it. */
export async function itemOf(provider: vscode.TreeDataProvider<ExplorerNode>, node: ExplorerNode): Promise<vscode.TreeItem> {
  return provider.getTreeItem(node);
}

/** Text of a tooltip, whether plain or Markdown (with the non-breaking spaces of escaped Markdown text made plain). */
export function tooltipText(item: vscode.TreeItem): string {
  const tip = item.tooltip;
  return typeof tip === 'string' ? tip : (tip?.value ?? '').replace(/&nbsp;/g, ' ');
}

/** Label text of a tree item. */
export function labelText(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** Id of a ThemeIcon icon, or undefined for other icons. */
export function iconId(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}
