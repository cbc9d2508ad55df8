import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addWorkspaceFlow, type AddWorkspacePrompts } from '../../src/host/commands/addWorkspace';
import type { DatabricksSecretsTestApi } from '../../src/host/testApi';
import type { WorkspaceNode } from '../../src/host/tree/nodes/types';
import { emulatorUrl } from './support/emulatorAdmin';
import { activateForTests } from './support/extensionApi';

const USER_TOKEN = 'dapi-local-user';

/** Every value the `databricksSecrets.workspaces` setting has at any level, as JSON. */
function workspacesSettingJson(): string {
  const inspected = vscode.workspace.getConfiguration('databricksSecrets').inspect('workspaces');
  return JSON.stringify([inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue]);
}

/** Waits for the next workspace-list change of the extension. */
function nextListChange(api: DatabricksSecretsTestApi): Promise<void> {
  return new Promise((resolve) => {
    const listener = api.workspaces.onDidChange((change) => {
      if (change.kind === 'list') {
        listener.dispose();
        resolve();
      }
    });
  });
}

describe('adding and removing a workspace', () => {
  let api: DatabricksSecretsTestApi;
  // Same emulator, reached as localhost so it is a different workspace from the environment one (127.0.0.1).
  const host = `http://localhost:${new URL(emulatorUrl()).port}`;

  before(async () => {
    api = await activateForTests();
  });

  it('refuses a plain-http host that is not loopback, naming the rule', async () => {
    let refusal: string | undefined;
    const prompts: AddWorkspacePrompts = {
      host: async (validate) => {
        refusal = validate('http://dbc-1234.cloud.databricks.com');
        return undefined; // the person gives up
      },
      token: async () => assert.fail('no token is asked for after a cancelled host'),
      name: async () => assert.fail('no name is asked for after a cancelled host'),
    };
    assert.equal(await addWorkspaceFlow(api.workspaces, prompts), undefined);
    assert.match(refusal ?? '', /must use https:\/\//);
  });

  it('keeps the token only in secret storage, shows the workspace, and removes both again', async () => {
    const prompts: AddWorkspacePrompts = {
      host: async (validate) => {
        assert.equal(validate(host), undefined, 'a loopback http host is accepted');
        return host;
      },
      token: async () => USER_TOKEN,
      name: async () => 'Local emulator (user)',
    };
    const listed = nextListChange(api);
    const workspace = await addWorkspaceFlow(api.workspaces, prompts);
    assert.ok(workspace, 'the flow returns the new workspace');
    await listed;
    try {
      assert.equal(workspace.source, 'settings');
      const setting = workspacesSettingJson();
      assert.ok(setting.includes(host), `settings list the host: ${setting}`);
      assert.ok(setting.includes('Local emulator (user)'), 'settings hold the display name');
      assert.ok(!setting.includes(USER_TOKEN), 'settings never hold the token');
      assert.equal(await api.workspaces.hasToken(workspace), true, 'the token is in secret storage');

      const roots = await api.explorer.getChildren();
      const node = roots.find((n): n is WorkspaceNode => n.kind === 'workspace' && n.workspace.id === workspace.id);
      assert.ok(node, 'the new workspace is in the tree');
      assert.equal(node.toTreeItem().contextValue, 'workspace:stored');
      const scopes = await api.explorer.getChildren(node);
      assert.ok(
        scopes.every((n) => n.kind === 'scope' || (n.kind === 'message' && n.severity === 'empty')),
        'the stored token is used and accepted by the emulator',
      );
    } finally {
      const removed = nextListChange(api);
      await api.workspaces.remove(workspace);
      await removed;
    }
    assert.ok(!workspacesSettingJson().includes(host), 'settings no longer list the host');
    assert.equal(await api.workspaces.hasToken(workspace), false, 'the token was deleted from secret storage');
    const roots = await api.explorer.getChildren();
    assert.ok(!roots.some((n) => n.kind === 'workspace' && n.workspace.id === workspace.id), 'the workspace left the tree');
  });
});
