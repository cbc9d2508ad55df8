import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AclPanelHandle } from '../../src/host/acl/aclDeps';
import type { DatabricksSecretsTestApi } from '../../src/host/testApi';
import type { ScopeNode, WorkspaceNode } from '../../src/host/tree/nodes/types';
import type { HostToWebviewMessage } from '../../src/shared/aclProtocol';
import { listAcls, putAcl, type AclRow } from './support/aclAdmin';
import { ADMIN_TOKEN, createKeyVaultScope, createScope, deleteScope, emulatorUrl, putSecret, uniqueName } from './support/emulatorAdmin';
import { activateForTests } from './support/extensionApi';
import { ScriptedPrompts, type Answer } from './support/scriptedPrompts';

const COMMAND = 'databricksSecrets.scope.managePermissions';
const USER_TOKEN = 'dapi-local-user';

/** Records what a panel posts to its webview. */
function recorder(handle: AclPanelHandle): { messages: HostToWebviewMessage[]; last<T extends HostToWebviewMessage['type']>(type: T): Extract<HostToWebviewMessage, { type: T }>; dispose(): void } {
  const messages: HostToWebviewMessage[] = [];
  const subscription = handle.onDidPost((m) => messages.push(m as HostToWebviewMessage));
  return {
    messages,
    last(type) {
      const found = [...messages].reverse().find((m) => m.type === type);
      assert.ok(found, `the panel posted no "${type}" message; it posted: ${messages.map((m) => m.type).join(', ') || 'nothing'}`);
      return found as never;
    },
    dispose: () => subscription.dispose(),
  };
}

describe('ACL editor panel (host side, on the emulator)', () => {
  let api: DatabricksSecretsTestApi;
  const scope = uniqueName('it-acl');
  const vaultScope = uniqueName('it-acl-kv');
  const secretValue = `value-${Math.random().toString(36).slice(2)}`;

  before(async () => {
    api = await activateForTests();
    await createScope(scope); // the admin creates it and so holds MANAGE
    await putSecret(scope, 'db-password', secretValue);
    await putAcl(scope, 'analysts', 'READ');
    await putAcl(scope, 'data-engineers', 'WRITE');
    await createKeyVaultScope(vaultScope);
    api.model.refresh();
  });

  after(async () => {
    for (const name of [scope, vaultScope]) (await api.aclPanels.find('env', name))?.panel.dispose();
    for (const name of [scope, vaultScope]) await deleteScope(name).catch(() => undefined);
  });

  async function scopeNode(name: string): Promise<ScopeNode> {
    const roots = await api.explorer.getChildren();
    const ws = roots.find((n): n is WorkspaceNode => n.kind === 'workspace' && n.workspace.source === 'env');
    assert.ok(ws, 'no environment workspace');
    const node = (await api.explorer.getChildren(ws)).find((n): n is ScopeNode => n.kind === 'scope' && n.scope.name === name);
    assert.ok(node, `scope ${name} is not in the tree`);
    return node;
  }

  /** Opens the scope's panel from its tree node, as the context menu does, and returns it. */
  async function openFromNode(name: string): Promise<AclPanelHandle> {
    await vscode.commands.executeCommand(COMMAND, await scopeNode(name));
    const handle = await api.aclPanels.find('env', name);
    assert.ok(handle, `no ACL panel for ${name} after running ${COMMAND}`);
    return handle;
  }

  it('contributes Manage Permissions on scope nodes', async () => {
    const manifest = vscode.extensions.all.find((e) => e.id === 'databricks-secrets-dev.databricks-secrets')!.packageJSON as {
      contributes: { menus: Record<string, Array<{ command: string; when: string }>> };
    };
    const entry = manifest.contributes.menus['view/item/context'].find((m) => m.command === COMMAND);
    assert.ok(entry, 'no context-menu entry');
    assert.match(entry.when, /viewItem =~ \/\^scope:\//);
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND));
  });

  it('from the Command Palette asks for the workspace and scope with the shared pickers', async () => {
    const port = new URL(emulatorUrl()).port;
    // The workspace question comes only when several workspaces are configured; the scope question always.
    const answer: Answer = (q) => {
      assert.ok(q.kind === 'pick', `expected a pick, got ${q.kind}`);
      return q.items.find((i) => i.label === vaultScope) ?? q.items.find((i) => `${i.description ?? ''}`.includes(port) && !/Plain/.test(i.label));
    };
    const prompts = new ScriptedPrompts([answer, answer]);
    const swap = api.prompts.use(prompts);
    try {
      await vscode.commands.executeCommand(COMMAND);
    } finally {
      swap.dispose();
    }
    const handle = await api.aclPanels.find('env', vaultScope);
    assert.ok(handle, 'the picked scope has its panel');
  });

  it('opens one panel per scope and reveals it when opened again', async () => {
    const first = await openFromNode(scope);
    const second = await openFromNode(scope);
    assert.equal(second, first, 'the second open returned another panel');
    assert.equal(first.panel.viewType, 'databricksSecrets.acl');
    const other = await openFromNode(vaultScope);
    assert.notEqual(other, first, 'another scope gets its own panel');
    assert.equal(await api.aclPanels.find('env', scope), first, 'the first panel is still the one for its scope');
    assert.equal(first.panel.title, `Permissions: ${scope}`);
    const html = first.panel.webview.html;
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'the CSP allows scripts only by nonce');
    assert.match(html, /default-src 'none'/);
    assert.ok(html.includes(`<script nonce="${nonce}" src="`), 'the one script carries the nonce');
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    const roots = first.panel.webview.options.localResourceRoots?.map((u) => u.path.split('/').slice(-2).join('/'));
    assert.deepEqual(roots, ['dist/webview', `${vscode.Uri.joinPath(vscode.extensions.getExtension('databricks-secrets-dev.databricks-secrets')!.extensionUri, 'media').path.split('/').slice(-2).join('/')}`]);
    assert.ok(roots?.[1]?.endsWith('/media'), 'the second root is the media folder');
  });

  it('answers ready with the scope and its ACLs, with no token or secret value in any message', async () => {
    const panel = await openFromNode(scope);
    const rec = recorder(panel);
    try {
      await panel.handleMessage({ type: 'ready' });
      const context = rec.last('context');
      assert.equal(context.scope, scope);
      assert.equal(context.workspaceId, 'env');
      assert.equal(context.keyVault, false);
      assert.deepEqual(rec.last('acls').entries, await listAcls(scope));
      const all = JSON.stringify(rec.messages);
      assert.ok(!all.includes(ADMIN_TOKEN), 'a message carried the token');
      assert.ok(!all.includes(secretValue), 'a message carried a secret value');
    } finally {
      rec.dispose();
    }
  });

  it('applies a Save as the fewest calls and reports each row; the emulator has the result', async () => {
    const panel = await openFromNode(scope);
    const rec = recorder(panel);
    try {
      await panel.handleMessage({ type: 'ready' });
      const loaded = rec.last('acls').entries;
      await panel.handleMessage({
        type: 'save',
        loaded,
        changes: [
          { principal: 'analysts', permission: 'WRITE' },
          { principal: 'data-engineers', permission: null },
          { principal: 'new.person@example.com', permission: 'READ' },
          { principal: 'admin@example.com', permission: 'MANAGE' }, // unchanged: no call
        ],
        force: false,
      });
      const saved = rec.last('saved');
      assert.deepEqual(saved.results, [
        { principal: 'analysts', ok: true },
        { principal: 'data-engineers', ok: true },
        { principal: 'new.person@example.com', ok: true },
      ]);
      const expected: AclRow[] = [
        { principal: 'admin@example.com', permission: 'MANAGE' },
        { principal: 'analysts', permission: 'WRITE' },
        { principal: 'new.person@example.com', permission: 'READ' },
      ];
      assert.deepEqual(await listAcls(scope), expected);
      assert.deepEqual(saved.entries, expected, 'the panel gets the listing after the save');
    } finally {
      rec.dispose();
    }
  });

  it('keeps a failed row failed with its error while the other rows are applied', async () => {
    const panel = await openFromNode(scope);
    const rec = recorder(panel);
    const tooLong = 'g'.repeat(600); // the client allows 1024 characters, the emulator (like the service) 512
    try {
      await panel.handleMessage({ type: 'ready' });
      const loaded = rec.last('acls').entries;
      await panel.handleMessage({
        type: 'save',
        loaded,
        changes: [{ principal: tooLong, permission: 'READ' }, { principal: 'analysts', permission: 'READ' }],
        force: false,
      });
      const results = rec.last('saved').results;
      const failed = results.find((r) => r.principal === tooLong);
      assert.equal(failed?.ok, false);
      assert.match(failed?.error ?? '', /512/);
      assert.deepEqual(results.find((r) => r.principal === 'analysts'), { principal: 'analysts', ok: true });
      const now = await listAcls(scope);
      assert.equal(now.find((a) => a.principal === 'analysts')?.permission, 'READ');
      assert.ok(!now.some((a) => a.principal === tooLong));
    } finally {
      rec.dispose();
    }
  });

  it('asks before saving over changes made since the panel listed the ACLs, and saves when told to', async () => {
    const panel = await openFromNode(scope);
    const rec = recorder(panel);
    try {
      await panel.handleMessage({ type: 'ready' });
      const loaded = rec.last('acls').entries;
      await putAcl(scope, 'someone-else', 'READ'); // another person's change
      const changes = [{ principal: 'analysts', permission: 'MANAGE' as const }];
      await panel.handleMessage({ type: 'save', loaded, changes, force: false });
      const conflict = rec.last('conflict');
      assert.ok(conflict.current.some((e) => e.principal === 'someone-else'), 'the conflict carries the fresh listing');
      assert.equal((await listAcls(scope)).find((a) => a.principal === 'analysts')?.permission, 'READ', 'nothing was applied');
      await panel.handleMessage({ type: 'save', loaded: conflict.current, changes, force: true });
      assert.deepEqual(rec.last('saved').results, [{ principal: 'analysts', ok: true }]);
      const now = await listAcls(scope);
      assert.equal(now.find((a) => a.principal === 'analysts')?.permission, 'MANAGE');
      assert.equal(now.find((a) => a.principal === 'someone-else')?.permission, 'READ', "the other person's change stays");
    } finally {
      rec.dispose();
    }
  });

  it('ignores malformed and extra-field messages: nothing is posted or applied', async () => {
    const panel = await openFromNode(scope);
    const before = await listAcls(scope);
    const rec = recorder(panel);
    try {
      for (const raw of [
        { type: 'save', loaded: before, changes: [{ principal: 'x', permission: 'READ' }], force: false, extra: true },
        { type: 'save', loaded: before, changes: [{ principal: 'x', permission: 'OWNER' }], force: false },
        { type: 'save', loaded: before, changes: [{ principal: 'x', permission: 'READ', injected: 1 }], force: false },
        { type: 'putAcl', principal: 'x', permission: 'MANAGE' },
        'ready',
        null,
      ]) {
        await panel.handleMessage(raw);
      }
      assert.deepEqual(rec.messages, []);
      assert.deepEqual(await listAcls(scope), before);
    } finally {
      rec.dispose();
    }
  });

  it('follows ACL changes made elsewhere when the explorer refreshes', async () => {
    const panel = await openFromNode(scope);
    const rec = recorder(panel);
    try {
      await panel.handleMessage({ type: 'ready' });
      await putAcl(scope, 'late-group', 'WRITE');
      const posted = new Promise<void>((resolve) => {
        const sub = panel.onDidPost((m) => {
          if ((m as HostToWebviewMessage).type === 'acls') {
            sub.dispose();
            resolve();
          }
        });
      });
      api.model.refresh('env', scope);
      await posted;
      assert.ok(rec.last('acls').entries.some((e) => e.principal === 'late-group' && e.permission === 'WRITE'));
    } finally {
      rec.dispose();
    }
  });

  it("edits a Key Vault-backed scope's ACLs", async () => {
    const panel = await openFromNode(vaultScope);
    const rec = recorder(panel);
    try {
      await panel.handleMessage({ type: 'ready' });
      assert.equal(rec.last('context').keyVault, true);
      const loaded = rec.last('acls').entries;
      await panel.handleMessage({ type: 'save', loaded, changes: [{ principal: 'analysts', permission: 'READ' }], force: false });
      assert.deepEqual(rec.last('saved').results, [{ principal: 'analysts', ok: true }]);
      assert.equal((await listAcls(vaultScope)).find((a) => a.principal === 'analysts')?.permission, 'READ');
    } finally {
      rec.dispose();
    }
  });

  it('shows the no-MANAGE view to a plain user (the API refuses to list ACLs)', async () => {
    // Same emulator, reached as localhost so it is a workspace of its own, with the plain user's token.
    const workspace = await api.workspaces.add({ host: `http://localhost:${new URL(emulatorUrl()).port}`, name: 'ACL test (user)' }, USER_TOKEN);
    try {
      const handle = await api.aclPanels.open(workspace.id, scope);
      const rec = recorder(handle);
      try {
        await handle.handleMessage({ type: 'ready' });
        const failed = rec.last('listFailed');
        assert.equal(failed.noManage, true);
        assert.match(failed.message, /MANAGE/);
        assert.ok(!rec.messages.some((m) => m.type === 'acls'), 'no listing was posted');
        assert.ok(!JSON.stringify(rec.messages).includes(USER_TOKEN));
      } finally {
        rec.dispose();
        handle.panel.dispose();
      }
    } finally {
      await api.workspaces.remove(workspace);
    }
  });
});
