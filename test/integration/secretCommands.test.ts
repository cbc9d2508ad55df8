import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandDeps } from '../../src/host/commands/commandDeps';
import type { DatabricksSecretsTestApi } from '../../src/host/testApi';
import type { ExplorerNode, ScopeNode, SecretNode, WorkspaceNode } from '../../src/host/tree/nodes/types';
import type { Workspace } from '../../src/host/workspaces/workspace';
import { createKeyVaultScope, createScope, deleteScope, emulatorUrl, listKeys, listScopeNames, putSecret, uniqueName } from './support/emulatorAdmin';
import { listAcls, scopeBackend, secretBytes, secretText } from './support/emulatorSecrets';
import { activateForTests } from './support/extensionApi';
import { confirm, pickLabel, pickLabels, ScriptedPrompts, type, type Question } from './support/scriptedPrompts';

const USER_TOKEN = 'dapi-local-user';
const ENV = { workspaceId: 'env' };

/** The message of an input box's validation for `text`, with its severity (3 error, 2 warning), or undefined. */
function validation(q: Question, text: string): { message: string; severity: number } | undefined {
  assert.ok(q.kind === 'input', `expected an input box, got ${q.kind}`);
  const verdict = q.options.validateInput?.(text);
  if (verdict === undefined || verdict === null) return undefined;
  if (typeof verdict === 'string') return { message: verdict, severity: 3 };
  if ('then' in verdict) throw new Error('async validation is not expected');
  return { message: verdict.message, severity: verdict.severity };
}

/** Asserts that `promise` rejects with a message matching `pattern`; returns the error. */
async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<Error> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof Error, 'expected the command to fail');
  assert.match(caught.message, pattern);
  return caught;
}

describe('secret and scope commands (against the emulator)', function () {
  this.timeout(120_000);
  let api: DatabricksSecretsTestApi;
  const scope = uniqueName('it-cmd');
  const vault = uniqueName('it-kv');
  const created: string[] = [scope, vault];
  let userWorkspace: Workspace;

  function deps(prompts: ScriptedPrompts): CommandDeps {
    return { ...api.deps, prompts };
  }

  async function envNode(): Promise<WorkspaceNode> {
    const roots = await api.explorer.getChildren();
    const node = roots.find((n): n is WorkspaceNode => n.kind === 'workspace' && n.workspace.id === 'env');
    assert.ok(node, 'environment workspace in the tree');
    return node;
  }

  async function scopeNode(name: string): Promise<ScopeNode> {
    const node = (await api.explorer.getChildren(await envNode())).find((n): n is ScopeNode => n.kind === 'scope' && n.scope.name === name);
    assert.ok(node, `scope ${name} in the tree`);
    return node;
  }

  async function keyNodes(name: string): Promise<SecretNode[]> {
    return (await api.explorer.getChildren(await scopeNode(name))).filter((n): n is SecretNode => n.kind === 'secret');
  }

  /** Resolves with the next node the tree is told to update. */
  function nextTreeChange(): Promise<ExplorerNode | undefined> {
    return new Promise((resolve) => {
      const listener = api.explorer.onDidChangeTreeData((node) => {
        listener.dispose();
        resolve(Array.isArray(node) ? node[0] : node);
      });
    });
  }

  before(async () => {
    api = await activateForTests();
    await createScope(scope);
    await putSecret(scope, 'existing', 'old-value');
    await createKeyVaultScope(vault);
    api.model.refresh();
    const host = `http://localhost:${new URL(emulatorUrl()).port}`;
    userWorkspace = await api.workspaces.add({ host, name: 'Plain user' }, USER_TOKEN);
  });

  after(async () => {
    await api.workspaces.remove(userWorkspace).catch(() => undefined);
    for (const name of created) await deleteScope(name).catch(() => undefined);
    api.model.refresh();
  });

  describe('pickers', () => {
    it('asks for the workspace with the last used first, and not at all when only one fits', async () => {
      const { pickWorkspace } = api.commands();
      await api.deps.recent.useWorkspace(userWorkspace.id);
      const prompts = new ScriptedPrompts([
        (q) => {
          assert.ok(q.kind === 'pick');
          assert.equal((q.items[0] as vscode.QuickPickItem & { workspace: Workspace }).workspace.id, userWorkspace.id, 'last used first');
          return q.items.find((i) => (i as { workspace?: Workspace }).workspace?.id === 'env');
        },
      ]);
      const chosen = await pickWorkspace(deps(prompts), undefined);
      assert.equal(chosen?.id, 'env');
      assert.equal(api.deps.recent.workspaceId, 'env', 'the choice is remembered');
      const only = await pickWorkspace(deps(new ScriptedPrompts([])), undefined, { filter: (w) => w.id === 'env' });
      assert.equal(only?.id, 'env', 'one workspace: no question');
    });

    it('offers only Databricks-backed scopes when asked, and "Create new scope…" runs Create Scope', async () => {
      const { pickScope } = api.commands();
      const fresh = uniqueName('it-picked');
      created.push(fresh);
      const env = api.workspaces.get('env')!;
      const prompts = new ScriptedPrompts([
        (q) => {
          assert.ok(q.kind === 'pick');
          const labels = q.items.map((i) => i.label);
          assert.ok(labels.includes(scope), 'the Databricks scope is offered');
          assert.ok(!labels.includes(vault), 'the Key Vault scope is not');
          return pickLabel('Create new scope…')(q);
        },
        type(fresh),
        pickLabel('Databricks'),
        pickLabel('Only me'),
      ]);
      const picked = await pickScope(deps(prompts), env, { databricksOnly: true });
      assert.equal(picked?.name, fresh);
      assert.ok((await listScopeNames()).includes(fresh), 'the emulator holds the new scope');
    });

    it('validates the key name while typing, warns about an existing key, and asks before overwriting', async () => {
      const { askKeyName } = api.commands();
      const env = api.workspaces.get('env')!;
      api.model.refresh('env', scope);
      const prompts = new ScriptedPrompts([
        (q) => {
          assert.equal(validation(q, 'bad key!')?.severity, 3, 'invalid characters are an error');
          assert.match(validation(q, 'bad key!')!.message, /not allowed/);
          assert.equal(validation(q, 'x'.repeat(129))?.severity, 3, 'over 128 characters is an error');
          assert.equal(validation(q, 'new-key'), undefined, 'a new valid key is fine');
          const existing = validation(q, 'existing');
          assert.equal(existing?.severity, 2, 'an existing key is a warning');
          assert.match(existing!.message, /already exists/);
          return 'existing';
        },
        (q) => {
          assert.ok(q.kind === 'confirm');
          assert.match(q.message, /Overwrite secret existing/);
          return false; // no: asked again
        },
        (q) => {
          assert.ok(q.kind === 'input');
          assert.equal(q.options.value, 'existing', 'the key typed before is kept');
          return 'existing';
        },
        confirm(true),
      ]);
      assert.deepEqual(await askKeyName(deps(prompts), env, scope), { key: 'existing', exists: true });
      assert.equal(prompts.remaining, 0);
    });
  });

  describe('Create Scope', () => {
    it('creates a scope with all users as managers, updates the workspace node only, and refuses a taken name', async () => {
      const { createScopeFlow } = api.commands();
      const name = uniqueName('it-created');
      created.push(name);
      const env = api.workspaces.get('env')!;
      const workspaceNode = await envNode();
      await api.explorer.getChildren(workspaceNode);
      const prompts = new ScriptedPrompts([
        (q) => {
          assert.match(validation(q, scope)?.message ?? '', /already exists/, 'a taken name is refused while typing');
          assert.match(validation(q, 'a b')?.message ?? '', /not allowed/);
          return name;
        },
        pickLabel('Databricks'),
        pickLabel('All workspace users may manage'),
      ]);
      const changed = nextTreeChange();
      const made = await createScopeFlow(deps(prompts), env);
      assert.equal(made?.name, name);
      assert.equal(await changed, workspaceNode, 'only the workspace node is updated');
      assert.ok(prompts.statuses.some((s) => s.includes(name)), 'a status-bar message confirms');
      assert.deepEqual(await listAcls(name), [{ principal: 'users', permission: 'MANAGE' }]);
      assert.ok((await api.explorer.getChildren(workspaceNode)).some((n) => n.kind === 'scope' && n.scope.name === name), 'the scope is in the tree');

      const before = (await listScopeNames()).length;
      const again = new ScriptedPrompts([]);
      assert.equal(await createScopeFlow(deps(again), env, { name, backend: 'DATABRICKS', allUsersManage: false }), undefined, 'a taken name creates nothing');
      assert.equal((await listScopeNames()).length, before);
    });

    it('checks the Key Vault resource id and DNS name for shape, and creates a Key Vault-backed scope', async () => {
      const { createScopeFlow } = api.commands();
      const name = uniqueName('it-created-kv');
      created.push(name);
      const prompts = new ScriptedPrompts([
        type(name),
        pickLabel('Azure Key Vault'),
        (q) => {
          assert.ok(validation(q, '/subscriptions/nope'), 'a malformed resource id is refused');
          return type('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/it-vault')(q);
        },
        (q) => {
          assert.ok(validation(q, 'it-vault.example.com'), 'a malformed DNS name is refused');
          return type('https://it-vault.vault.azure.net/')(q);
        },
        pickLabel('Only me'),
      ]);
      await createScopeFlow(deps(prompts), api.workspaces.get('env')!);
      assert.equal(await scopeBackend(name), 'AZURE_KEYVAULT');
    });

    it('reports a name that exists elsewhere (not yet listed) as taken, nothing else happens', async () => {
      const { createScopeFlowFromCommand } = api.commands();
      const name = uniqueName('it-race');
      created.push(name);
      api.model.refreshScopeList('env');
      await api.model.scopes(api.workspaces.get('env')!); // listed before the other client creates it
      await createScope(name);
      await rejectsWith(createScopeFlowFromCommand(deps(new ScriptedPrompts([])), ENV, { name, backend: 'DATABRICKS', allUsersManage: false }), new RegExp(`Scope ${name} already exists`));
    });
  });

  describe('Put Secret', () => {
    it('stores a typed value from a masked box, updates the scope node only, and confirms without the value', async () => {
      const { putSecretFlow } = api.commands();
      const value = `typed-${Math.random().toString(36).slice(2)}`;
      const node = await scopeNode(scope);
      await api.explorer.getChildren(node);
      const prompts = new ScriptedPrompts([
        type('typed-key'),
        pickLabel(/Type or paste/),
        (q) => {
          assert.ok(q.kind === 'input');
          assert.equal(q.options.password, true, 'the value box is masked');
          assert.equal(q.options.ignoreFocusOut, true, 'the value box stays open when focus moves');
          assert.ok(validation(q, ''), 'an empty value is refused');
          return value;
        },
      ]);
      const changed = nextTreeChange();
      const result = await putSecretFlow(deps(prompts), { workspaceId: 'env', scope });
      assert.deepEqual({ key: result?.key, overwritten: result?.overwritten }, { key: 'typed-key', overwritten: false });
      assert.equal(await secretText(scope, 'typed-key'), value, 'the emulator holds the value');
      assert.equal(await changed, node, 'only the scope node is updated');
      assert.ok((await keyNodes(scope)).some((n) => n.secret.key === 'typed-key'), 'the key is in the tree');
      assert.ok(prompts.statuses.some((s) => s.includes('typed-key')));
      assert.ok(!prompts.statuses.join('\n').includes(value), 'the status message does not hold the value');
    });

    it('from the palette: picks workspace and scope, and asks before overwriting an existing key', async () => {
      const { putSecretFlow } = api.commands();
      await api.deps.recent.useWorkspace('env');
      const prompts = new ScriptedPrompts([
        (q) => {
          assert.ok(q.kind === 'pick');
          return q.items.find((i) => (i as { workspace?: Workspace }).workspace?.id === 'env');
        },
        (q) => {
          assert.ok(q.kind === 'pick');
          assert.ok(!q.items.some((i) => i.label === vault), 'Key Vault scopes are not offered');
          return pickLabel(scope)(q);
        },
        (q) => {
          assert.equal(validation(q, 'existing')?.severity, 2);
          return 'existing';
        },
        confirm(true),
        pickLabel(/Type or paste/),
        () => 'new-value',
      ]);
      const result = await putSecretFlow(deps(prompts));
      assert.equal(result?.overwritten, true);
      assert.equal(await secretText(scope, 'existing'), 'new-value');
    });

    it('sends a file as bytes, and refuses a file over 128 KB before sending, naming its size', async () => {
      const { putSecretFlow } = api.commands();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbsecrets-it-'));
      const small = path.join(dir, 'key.bin');
      const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
      fs.writeFileSync(small, bytes);
      const big = path.join(dir, 'big.pem');
      fs.writeFileSync(big, Buffer.alloc(200_000, 65));
      try {
        await putSecretFlow(deps(new ScriptedPrompts([type('from-file'), pickLabel(/From a file/), () => vscode.Uri.file(small)])), { workspaceId: 'env', scope });
        assert.deepEqual(await secretBytes(scope, 'from-file'), bytes);
        await rejectsWith(
          putSecretFlow(deps(new ScriptedPrompts([type('too-big'), pickLabel(/From a file/), () => vscode.Uri.file(big)])), { workspaceId: 'env', scope }),
          /big\.pem.*200,000 bytes.*Nothing was sent/,
        );
        assert.equal(await secretBytes(scope, 'too-big'), undefined, 'nothing was stored');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses a typed value over 128 KB, naming the size, without sending it', async () => {
      const { putSecretFlow } = api.commands();
      const huge = 'x'.repeat(128 * 1024 + 1);
      const prompts = new ScriptedPrompts([
        type('too-long'),
        pickLabel(/Type or paste/),
        (q) => {
          assert.match(validation(q, huge)?.message ?? '', /131,073 bytes/, 'the box names the size while typing');
          return huge; // as if the box were bypassed
        },
      ]);
      await rejectsWith(putSecretFlow(deps(prompts), { workspaceId: 'env', scope }), /131,073 bytes/);
      assert.equal(await secretBytes(scope, 'too-long'), undefined);
    });

    it('takes a multi-line value from the clipboard (never an editor) and clears the clipboard afterwards', async () => {
      const { putSecretFlow } = api.commands();
      const pem = `-----BEGIN PRIVATE KEY-----\n${Math.random().toString(36)}\nline2\n-----END PRIVATE KEY-----\n`;
      await vscode.env.clipboard.writeText(pem);
      const editorsBefore = vscode.workspace.textDocuments.length;
      const prompts = new ScriptedPrompts([
        type('pem-key'),
        pickLabel(/clipboard/),
        (q) => {
          assert.ok(q.kind === 'confirm');
          assert.match(q.detail, /5 line/);
          assert.ok(!q.detail.includes('BEGIN'), 'the confirmation does not show the value');
          return true;
        },
      ]);
      await putSecretFlow(deps(prompts), { workspaceId: 'env', scope });
      assert.equal(await secretText(scope, 'pem-key'), pem);
      assert.equal(await vscode.env.clipboard.readText(), '', 'the clipboard was cleared');
      assert.equal(vscode.workspace.textDocuments.length, editorsBefore, 'no document was opened');
    });

    it('says the plain user needs WRITE on the scope', async () => {
      const { putSecretFlow } = api.commands();
      const prompts = new ScriptedPrompts([type('user-key'), pickLabel(/Type or paste/), () => 'v']);
      const error = await rejectsWith(putSecretFlow(deps(prompts), { workspaceId: userWorkspace.id, scope }), new RegExp(`You need WRITE on scope ${scope}`));
      assert.match(error.message, /Ask a manager of the scope/);
      assert.equal(await secretBytes(scope, 'user-key'), undefined);
    });

    it('refuses a Key Vault-backed scope before asking anything', async () => {
      const { putSecretFlow } = api.commands();
      await rejectsWith(putSecretFlow(deps(new ScriptedPrompts([])), { workspaceId: 'env', scope: vault }), /Azure Key Vault.*read-only/);
    });

    it('explains the 1000-secret limit when putting the 1001st secret', async () => {
      const { putSecretFlow } = api.commands();
      const full = uniqueName('it-full');
      created.push(full);
      await createScope(full);
      const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
      for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((k) => putSecret(full, k, 'v')));
      const prompts = new ScriptedPrompts([type('one-too-many'), pickLabel(/Type or paste/), () => 'v']);
      await rejectsWith(putSecretFlow(deps(prompts), { workspaceId: 'env', scope: full }), new RegExp(`Scope ${full} already holds 1000 secrets`));
      assert.equal((await listKeys(full)).length, 1000);
    });

    it('cancelling the progress aborts the request: nothing is stored and no error is shown', async () => {
      const { putSecretFlow } = api.commands();
      const prompts = new ScriptedPrompts([type('cancelled-key'), pickLabel(/Type or paste/), () => 'v']);
      prompts.cancelProgress = true;
      let caught: unknown;
      await putSecretFlow(deps(prompts), { workspaceId: 'env', scope }).catch((e: unknown) => (caught = e));
      const cause = (caught as { cause?: { kind?: string } } | undefined)?.cause;
      assert.equal(cause?.kind, 'cancelled', 'the flow ends with a cancellation');
      assert.equal(await secretBytes(scope, 'cancelled-key'), undefined);
    });

    it('through the registered command (tree node argument), prompts go through the swapped prompts', async () => {
      const prompts = new ScriptedPrompts([type('via-command'), pickLabel(/Type or paste/), () => 'cmd-value']);
      const swap = api.prompts.use(prompts);
      try {
        await vscode.commands.executeCommand('databricksSecrets.secret.put', await scopeNode(scope));
      } finally {
        swap.dispose();
      }
      assert.equal(await secretText(scope, 'via-command'), 'cmd-value');
    });
  });

  describe('Update Secret Value', () => {
    it('asks only for the new value of the key node', async () => {
      const { updateSecretFlow } = api.commands();
      api.model.refresh('env', scope);
      const node = (await keyNodes(scope)).find((n) => n.secret.key === 'typed-key');
      assert.ok(node);
      const prompts = new ScriptedPrompts([pickLabel(/Type or paste/), (q) => (assert.equal(q.kind === 'input' && q.options.password, true), 'updated')]);
      const result = await updateSecretFlow(deps(prompts), node);
      assert.equal(result?.overwritten, true);
      assert.equal(await secretText(scope, 'typed-key'), 'updated');
      assert.ok(prompts.statuses.some((s) => /Updated secret typed-key/.test(s)));
    });
  });

  describe('Delete Secret', () => {
    it('from the palette: ticks keys in a list of the scope', async () => {
      const { deleteSecretsFlow } = api.commands();
      await putSecret(scope, 'del-c', 'c');
      api.model.refresh('env', scope);
      const prompts = new ScriptedPrompts([pickLabels(['del-c']), (q) => (assert.ok(q.kind === 'confirm' && /Delete secret del-c from scope/.test(q.message)), true)]);
      await deleteSecretsFlow(deps(prompts), { workspaceId: 'env', scope });
      assert.ok(!(await listKeys(scope)).includes('del-c'));
    });

    it('deletes several selected keys after one confirmation listing them', async () => {
      const { deleteSecretsFlow } = api.commands();
      await putSecret(scope, 'del-a', 'a');
      await putSecret(scope, 'del-b', 'b');
      api.model.refresh('env', scope);
      const nodes = (await keyNodes(scope)).filter((n) => n.secret.key.startsWith('del-'));
      assert.equal(nodes.length, 2);
      const prompts = new ScriptedPrompts([
        (q) => {
          assert.ok(q.kind === 'confirm');
          assert.match(q.message, /Delete these 2 secrets/);
          assert.match(q.detail, new RegExp(`${scope}/del-a`));
          assert.match(q.detail, new RegExp(`${scope}/del-b`));
          return true;
        },
      ]);
      const result = await deleteSecretsFlow(deps(prompts), nodes[0], nodes);
      assert.equal(result?.deleted.length, 2);
      const keys = await listKeys(scope);
      assert.ok(!keys.includes('del-a') && !keys.includes('del-b'));
      assert.ok(!(await keyNodes(scope)).some((n) => n.secret.key.startsWith('del-')), 'the tree no longer shows them');
    });

    it('reports each failure by key (plain user without WRITE), and keeps the secrets', async () => {
      const { deleteSecretsFlow } = api.commands();
      const selection = ['existing', 'typed-key'].map((key) => ({ workspaceId: userWorkspace.id, scope, key }));
      const prompts = new ScriptedPrompts([confirm(true)]);
      const error = await rejectsWith(deleteSecretsFlow(deps(prompts), selection[0], selection), /Could not delete 2 of 2 secrets/);
      assert.match(error.message, new RegExp(`${scope}/existing: You need WRITE on scope ${scope}`));
      assert.match(error.message, new RegExp(`${scope}/typed-key: You need WRITE`));
      assert.ok((await listKeys(scope)).includes('existing'));
    });
  });

  describe('Delete Scope', () => {
    it('names the scope and how many secrets it holds, then deletes it', async () => {
      const { deleteScopeFlow } = api.commands();
      const doomed = uniqueName('it-doomed');
      created.push(doomed);
      await createScope(doomed);
      await putSecret(doomed, 'a', '1');
      await putSecret(doomed, 'b', '2');
      api.model.refreshScopeList('env');
      const prompts = new ScriptedPrompts([
        (q) => {
          assert.ok(q.kind === 'confirm');
          assert.equal(q.message, `Delete scope ${doomed} and its 2 secrets?`);
          assert.match(q.detail, /cannot be undone/);
          return true;
        },
      ]);
      await deleteScopeFlow(deps(prompts), await scopeNode(doomed));
      assert.ok(!(await listScopeNames()).includes(doomed));
      assert.ok(!(await api.explorer.getChildren(await envNode())).some((n) => n.kind === 'scope' && n.scope.name === doomed));
    });

    it('says the plain user needs MANAGE', async () => {
      const { deleteScopeFlow } = api.commands();
      await rejectsWith(deleteScopeFlow(deps(new ScriptedPrompts([confirm(true)])), { workspaceId: userWorkspace.id, scope }), new RegExp(`You need MANAGE on scope ${scope}`));
      assert.ok((await listScopeNames()).includes(scope));
    });

    it('asking nothing more when the confirmation is declined', async () => {
      const { deleteScopeFlow } = api.commands();
      assert.equal(await deleteScopeFlow(deps(new ScriptedPrompts([confirm(false)])), { workspaceId: 'env', scope }), undefined);
      assert.ok((await listScopeNames()).includes(scope));
    });
  });

  describe('secret references', () => {
    it('copies the reference in the language picked, offering the last one used first', async () => {
      const { copyReferenceFlow } = api.commands();
      const target = { workspaceId: 'env', scope, key: 'existing' };
      await copyReferenceFlow(deps(new ScriptedPrompts([pickLabel('Scala')])), target);
      assert.equal(await vscode.env.clipboard.readText(), `dbutils.secrets.get(scope = "${scope}", key = "existing")`);
      const prompts = new ScriptedPrompts([
        (q) => {
          assert.ok(q.kind === 'pick');
          assert.equal(q.items[0].label, 'Scala', 'the last format used comes first');
          return pickLabel('SQL')(q);
        },
      ]);
      await copyReferenceFlow(deps(prompts), target);
      assert.equal(await vscode.env.clipboard.readText(), `secret('${scope}', 'existing')`);
      await copyReferenceFlow(deps(new ScriptedPrompts([pickLabel(/Spark config/)])), target);
      assert.equal(await vscode.env.clipboard.readText(), `{{secrets/${scope}/existing}}`);
    });

    it('inserts the reference in the active editor language', async () => {
      const { insertReferenceFlow } = api.commands();
      for (const [language, expected] of [
        ['python', `dbutils.secrets.get(scope="${scope}", key="existing")`],
        ['r', `dbutils.secrets.get(scope = "${scope}", key = "existing")`],
        ['sql', `secret('${scope}', 'existing')`],
        ['properties', `{{secrets/${scope}/existing}}`],
      ] as const) {
        const document = await vscode.workspace.openTextDocument({ language, content: '' });
        await vscode.window.showTextDocument(document);
        await insertReferenceFlow(deps(new ScriptedPrompts([])), { workspaceId: 'env', scope, key: 'existing' });
        assert.equal(document.getText(), expected, language);
        const clear = new vscode.WorkspaceEdit();
        clear.delete(document.uri, new vscode.Range(0, 0, document.lineCount, 0));
        await vscode.workspace.applyEdit(clear);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      }
    });

    it('dragging a key node and dropping it into an editor gives the reference in that editor language', async () => {
      const { ExplorerDragAndDrop, SecretReferenceDropProvider } = await import('../../src/host/tree/dragAndDrop');
      const node = (await keyNodes(scope)).find((n) => n.secret.key === 'existing');
      assert.ok(node);
      const transfer = new vscode.DataTransfer();
      new ExplorerDragAndDrop().handleDrag([node, await scopeNode(scope)], transfer);
      assert.equal(await transfer.get('text/plain')?.asString(), `{{secrets/${scope}/existing}}`);
      assert.ok(!(await transfer.get('application/vnd.databricks-secrets.reference+json')!.asString()).includes('old-value'));
      const python = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
      const edit = await new SecretReferenceDropProvider().provideDocumentDropEdits(python, new vscode.Position(0, 0), transfer);
      assert.equal(edit?.insertText, `dbutils.secrets.get(scope="${scope}", key="existing")`);
    });
  });

  describe('Copy Secret Value', () => {
    const config = () => vscode.workspace.getConfiguration('databricksSecrets');
    afterEach(async () => {
      await config().update('clipboardClearSeconds', undefined, vscode.ConfigurationTarget.Global);
      await config().update('enableCopySecretValue', undefined, vscode.ConfigurationTarget.Global);
    });

    it('copies the value to the clipboard without showing it, then clears the clipboard', async () => {
      const { copyValueFlow } = api.commands();
      const value = `copy-${Math.random().toString(36).slice(2)}`;
      await putSecret(scope, 'to-copy', value);
      await config().update('clipboardClearSeconds', 1, vscode.ConfigurationTarget.Global);
      const prompts = new ScriptedPrompts([]);
      assert.equal(await copyValueFlow(deps(prompts), { workspaceId: 'env', scope, key: 'to-copy' }), true);
      assert.equal(await vscode.env.clipboard.readText(), value);
      assert.ok(!prompts.statuses.join('\n').includes(value));
      await new Promise((resolve) => setTimeout(resolve, 1600));
      assert.equal(await vscode.env.clipboard.readText(), '', 'cleared after the delay');
    });

    it('leaves the clipboard alone when it no longer holds the value', async () => {
      const { copyValueFlow } = api.commands();
      await config().update('clipboardClearSeconds', 1, vscode.ConfigurationTarget.Global);
      await copyValueFlow(deps(new ScriptedPrompts([])), { workspaceId: 'env', scope, key: 'to-copy' });
      await vscode.env.clipboard.writeText('something else');
      await new Promise((resolve) => setTimeout(resolve, 1600));
      assert.equal(await vscode.env.clipboard.readText(), 'something else');
    });

    it('does nothing when the setting turns it off', async () => {
      const { copyValueFlow } = api.commands();
      await config().update('enableCopySecretValue', false, vscode.ConfigurationTarget.Global);
      await vscode.env.clipboard.writeText('untouched');
      assert.equal(await copyValueFlow(deps(new ScriptedPrompts([])), { workspaceId: 'env', scope, key: 'to-copy' }), false);
      assert.equal(await vscode.env.clipboard.readText(), 'untouched');
    });
  });

  describe('Import .env File into Scope', () => {
    it('previews the keys without values, skips unticked ones, and reports each key', async () => {
      const { importEnvFlow } = api.commands();
      const target = uniqueName('it-import');
      created.push(target);
      await createScope(target);
      await putSecret(target, 'API_KEY', 'old');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbsecrets-env-'));
      const file = path.join(dir, '.env');
      fs.writeFileSync(file, '# comment\nexport DB_PASSWORD="p@ss word"\nAPI_KEY=abc123 # note\nAPP:TOKEN=\'tok\'\nSKIPPED=nope\n');
      try {
        const prompts = new ScriptedPrompts([
          (q) => {
            assert.ok(q.kind === 'pickMany');
            const shown = JSON.stringify(q.items);
            for (const secret of ['p@ss word', 'abc123', 'tok', 'nope']) assert.ok(!shown.includes(secret), 'no value in the preview');
            const app = q.items.find((i) => i.label === 'APP_TOKEN');
            assert.match(app?.description ?? '', /from APP:TOKEN/, 'a mapped name says where it came from');
            assert.match(q.items.find((i) => i.label === 'API_KEY')?.description ?? '', /will be overwritten/);
            return q.items.filter((i) => i.label !== 'SKIPPED');
          },
        ]);
        const report = await importEnvFlow(deps(prompts), { workspaceId: 'env', scope: target }, vscode.Uri.file(file));
        assert.deepEqual([...(report?.stored ?? [])].sort(), ['API_KEY', 'APP_TOKEN', 'DB_PASSWORD']);
        assert.equal(await secretText(target, 'DB_PASSWORD'), 'p@ss word');
        assert.equal(await secretText(target, 'API_KEY'), 'abc123');
        assert.equal(await secretText(target, 'APP_TOKEN'), 'tok');
        assert.equal(await secretBytes(target, 'SKIPPED'), undefined);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reports each key that failed (plain user without WRITE)', async () => {
      const { importEnvFlow } = api.commands();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbsecrets-env-'));
      const file = path.join(dir, 'prod.env');
      fs.writeFileSync(file, 'ONE=1\nTWO=2\n');
      try {
        const prompts = new ScriptedPrompts([(q) => (q.kind === 'pickMany' ? q.items : undefined)]);
        const error = await rejectsWith(importEnvFlow(deps(prompts), { workspaceId: userWorkspace.id, scope }, vscode.Uri.file(file)), /Imported 0 of 2 keys/);
        assert.match(error.message, /ONE: You need WRITE/);
        assert.match(error.message, /TWO: You need WRITE/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('every command is registered, and tree-only ones are hidden from the palette', async () => {
    const commands = await vscode.commands.getCommands(true);
    const ids = ['scope.create', 'scope.delete', 'secret.put', 'secret.update', 'secret.delete', 'secret.copyReference', 'secret.insertReference', 'secret.copyValue', 'scope.importEnv'];
    for (const id of ids) assert.ok(commands.includes(`databricksSecrets.${id}`), id);
    const manifest = vscode.extensions.getExtension('databricks-secrets-dev.databricks-secrets')!.packageJSON as {
      contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
    };
    const palette = manifest.contributes.menus.commandPalette;
    assert.equal(palette.find((m) => m.command === 'databricksSecrets.secret.update')?.when, 'false');
    const context = manifest.contributes.menus['view/item/context'];
    const writes = context.filter((m) => /secret\.(put|update|delete)$|scope\.importEnv$/.test(m.command));
    assert.ok(writes.length > 0);
    for (const m of writes) assert.ok(!/keyvault/.test(m.when ?? '') && /viewItem == (secret|scope:databricks)\b/.test(m.when ?? ''), `${m.command} is not offered on Key Vault nodes: ${m.when}`);
  });

});
