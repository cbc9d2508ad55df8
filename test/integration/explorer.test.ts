import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DatabricksSecretsTestApi } from '../../src/host/testApi';
import type { ExplorerNode, ScopeNode, WorkspaceNode } from '../../src/host/tree/nodes/types';
import {
  createKeyVaultScope,
  createScope,
  deleteScope,
  emulatorUrl,
  listKeys,
  listScopeNames,
  putSecret,
  uniqueName,
} from './support/emulatorAdmin';
import { activateForTests, EXTENSION_ID, iconId, labelText, tooltipText } from './support/extensionApi';

/** The explorer, fed by the environment workspace (DATABRICKS_HOST/DATABRICKS_TOKEN pointing at the emulator). */
describe('secrets explorer (environment workspace on the emulator)', () => {
  let api: DatabricksSecretsTestApi;
  const scope = uniqueName('it-explorer');
  const emptyScope = uniqueName('it-empty');
  const vaultScope = uniqueName('it-vault');
  const secretValue = `value-${Math.random().toString(36).slice(2)}`;

  before(async () => {
    api = await activateForTests();
    await createScope(scope);
    await putSecret(scope, 'db-password', secretValue);
    await putSecret(scope, 'api_key', secretValue);
    await createScope(emptyScope);
    await createKeyVaultScope(vaultScope);
    api.model.refresh();
  });

  after(async () => {
    for (const name of [scope, emptyScope, vaultScope]) await deleteScope(name).catch(() => undefined);
  });

  async function envWorkspaceNode(): Promise<WorkspaceNode> {
    const roots = await api.explorer.getChildren();
    const node = roots.find((n): n is WorkspaceNode => n.kind === 'workspace' && n.workspace.source === 'env');
    assert.ok(node, `no environment workspace among ${roots.length} root node(s)`);
    return node;
  }

  async function scopeNode(name: string): Promise<ScopeNode> {
    const children = await api.explorer.getChildren(await envWorkspaceNode());
    const node = children.find((n): n is ScopeNode => n.kind === 'scope' && n.scope.name === name);
    assert.ok(node, `scope ${name} not in the tree: ${children.map((c) => labelText(c.toTreeItem())).join(', ')}`);
    return node;
  }

  it('contributes its view container, explorer view, commands and settings', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { viewsContainers: { activitybar: Array<{ id: string; icon: string }> }; views: Record<string, Array<{ id: string }>> };
    };
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), ['databricksSecrets']);
    assert.deepEqual(manifest.contributes.views.databricksSecrets.map((v) => v.id), ['databricksSecrets.explorer']);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['databricksSecrets.workspace.add', 'databricksSecrets.workspace.remove', 'databricksSecrets.workspace.setToken', 'databricksSecrets.explorer.refresh', 'databricksSecrets.showLog']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
    const timeout = vscode.workspace.getConfiguration('databricksSecrets').inspect<number>('requestTimeoutSeconds');
    assert.equal(timeout?.defaultValue, 30);
  });

  it('shows the environment workspace, marked "from environment"', async () => {
    const node = await envWorkspaceNode();
    assert.equal(node.workspace.host, new URL(emulatorUrl()).origin);
    const item = node.toTreeItem();
    assert.equal(item.description, 'from environment');
    assert.equal(item.contextValue, 'workspace:env');
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });

  it("lists exactly the emulator's scopes under the workspace", async () => {
    const children = await api.explorer.getChildren(await envWorkspaceNode());
    assert.ok(children.every((c) => c.kind === 'scope'), `unexpected nodes: ${children.map((c) => c.kind).join(', ')}`);
    const shown = children.map((c) => labelText(c.toTreeItem())).sort();
    assert.deepEqual(shown, (await listScopeNames()).sort());
  });

  it('lists the keys of a scope with their update time and never their values', async () => {
    const keys = await api.explorer.getChildren(await scopeNode(scope));
    assert.deepEqual(keys.map((k) => labelText(k.toTreeItem())), ['api_key', 'db-password']);
    assert.deepEqual(keys.map((k) => labelText(k.toTreeItem())).sort(), (await listKeys(scope)).sort());
    for (const key of keys) {
      const item = key.toTreeItem();
      assert.equal(item.contextValue, 'secret');
      assert.equal(iconId(item), 'key');
      assert.match(String(item.description), /^updated /);
      assert.ok(item.tooltip instanceof vscode.MarkdownString, 'tooltip is Markdown');
      assert.match(tooltipText(item), /Last updated: /);
      assert.ok(!JSON.stringify(item).includes(secretValue), 'the secret value must never reach the tree');
    }
  });

  it('shows a Key Vault-backed scope with its own icon, contextValue and description', async () => {
    const item = (await scopeNode(vaultScope)).toTreeItem();
    assert.equal(iconId(item), 'azure');
    assert.equal(item.contextValue, 'scope:keyvault');
    assert.equal(item.description, 'Azure Key Vault');
    assert.match(tooltipText(item), /it-vault\.vault\.azure\.net/);
    const databricksItem = (await scopeNode(scope)).toTreeItem();
    assert.equal(iconId(databricksItem), 'lock');
    assert.equal(databricksItem.contextValue, 'scope:databricks');
  });

  it('shows an empty scope as a "No secrets in this scope" node', async () => {
    const children: ExplorerNode[] = await api.explorer.getChildren(await scopeNode(emptyScope));
    assert.equal(children.length, 1);
    const item = children[0].toTreeItem();
    assert.equal(labelText(item), 'No secrets in this scope');
    assert.equal(item.contextValue, 'message:empty');
  });

  it("expands a scope whose name holds '@' (a user's scope) and lists its keys (issue 15, item 1)", async () => {
    const userScope = `${uniqueName('it-user')}@example.com`;
    await createScope(userScope);
    try {
      await putSecret(userScope, 'token', secretValue);
      api.model.refresh();
      const keys = await api.explorer.getChildren(await scopeNode(userScope));
      assert.deepEqual(keys.map((k) => labelText(k.toTreeItem())), ['token']);
    } finally {
      await deleteScope(userScope);
      api.model.refresh();
    }
  });

  it('the refresh command picks up a scope created elsewhere', async () => {
    const late = uniqueName('it-late');
    const before = await api.explorer.getChildren(await envWorkspaceNode());
    await createScope(late);
    try {
      const cached = await api.explorer.getChildren(await envWorkspaceNode());
      assert.equal(cached.length, before.length, 'listings are cached until refreshed');
      let changed = false;
      const listener = api.explorer.onDidChangeTreeData(() => (changed = true));
      await vscode.commands.executeCommand('databricksSecrets.explorer.refresh');
      listener.dispose();
      assert.ok(changed, 'refresh fires onDidChangeTreeData');
      const after = await api.explorer.getChildren(await envWorkspaceNode());
      assert.ok(after.some((n) => n.kind === 'scope' && n.scope.name === late), 'the new scope appears after refresh');
    } finally {
      await deleteScope(late);
    }
  });
});

describe('extension bundle', () => {
  it('keeps the API client out of the activation bundle (loaded on first use from dist/api.js)', async () => {
    const { readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const bundle = join(root, 'dist', 'extension.js');
    assert.ok(statSync(bundle).size < 250 * 1024, `dist/extension.js is ${statSync(bundle).size} bytes`);
    assert.doesNotMatch(readFileSync(bundle, 'utf8'), /undici|ZodError/, 'undici and zod stay in dist/api.js');
    assert.ok(statSync(join(root, 'dist', 'api.js')).isFile(), 'dist/api.js is built with the extension');
  });
});
