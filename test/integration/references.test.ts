import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findUsagesInFolders } from '../../src/host/references/findUsages';
import type { DatabricksSecretsTestApi } from '../../src/host/testApi';
import type { Workspace } from '../../src/host/workspaces/workspace';
import { createScope, deleteScope, putSecret, uniqueName } from './support/emulatorAdmin';
import { activateForTests } from './support/extensionApi';
import { ScriptedPrompts } from './support/scriptedPrompts';

/** A value no output may ever show. */
const VALUE = 'Zq8#never-shown-value';

function folder(): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(root, 'the integration run opens a folder');
  return root;
}

/** Writes `text` into the test folder and opens it. */
async function open(name: string, text: string): Promise<vscode.TextDocument> {
  const file = path.join(folder(), 'refs', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const document = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(document);
  return document;
}

/** The position just after the first occurrence of `marker` in the document. */
function endOf(document: vscode.TextDocument, marker: string): vscode.Position {
  const offset = document.getText().indexOf(marker);
  assert.ok(offset >= 0, `${marker} not in the document`);
  return document.positionAt(offset + marker.length);
}

async function completionLabels(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('secret references as a language feature (against the emulator)', function () {
  this.timeout(60_000);
  let api: DatabricksSecretsTestApi;
  const scope = uniqueName('it-refs');
  const other = uniqueName('it-refs-other');
  let broken: Workspace | undefined;

  before(async () => {
    api = await activateForTests();
    // The test folder lies inside the project's git-ignored .vscode-test/: make it a repository of its own, or git
    // (rightly) reports every file in it as ignored and Find Usages skips them all.
    execFileSync('git', ['init', '-q'], { cwd: folder() });
    await createScope(scope);
    await createScope(other);
    await putSecret(scope, 'db-password', VALUE);
    await putSecret(scope, 'api-token', VALUE);
    await putSecret(scope, 'unused-key', VALUE); // no file refers to it
    await putSecret(scope, 'rotated-key', VALUE); // only breaks/job.py refers to it
    api.model.refresh();
  });

  after(async () => {
    if (broken) await api.workspaces.remove(broken).catch(() => undefined);
    await deleteScope(scope).catch(() => undefined);
    await deleteScope(other).catch(() => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    api.model.refresh();
  });

  it('completes scopes inside the scope argument and keys inside the key argument, with update times', async () => {
    const document = await open('complete.py', `a = dbutils.secrets.get(scope="${scope.slice(0, 6)}")\nb = dbutils.secrets.get("${scope}", "db-")\n`);
    const scopes = await completionLabels(document, endOf(document, `scope="${scope.slice(0, 6)}`));
    assert.ok(scopes.includes(scope), `scope offered: ${scopes.join(', ')}`);
    assert.ok(scopes.includes(other), `every scope of the workspace: ${scopes.join(', ')}`);
    const keysAt = endOf(document, `"${scope}", "db-`);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, keysAt);
    const key = list.items.find((i) => i.label === 'db-password');
    assert.ok(key, 'key offered');
    assert.ok(list.items.some((i) => i.label === 'api-token'));
    assert.match(String(key.detail), /^Updated /);
  });

  it('hovers with workspace, backend, key and last update, and never the value', async () => {
    const document = await open('hover.py', `pw = dbutils.secrets.get(scope="${scope}", key="db-password")\n`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, endOf(document, 'key="db-'));
    const text = hoverText(hovers);
    assert.match(text, /Databricks secret/);
    assert.match(text, /Scope backend: Databricks/);
    assert.match(text, /Last updated: /);
    assert.match(text, /Reveal in Explorer/);
    assert.ok(!text.includes(VALUE), 'the value is never in a hover');
  });

  it('reports an unknown key (information) with Did you mean and Create secret fixes, and nothing for known ones', async () => {
    const document = await open(
      'diagnose.py',
      `ok = dbutils.secrets.get(scope="${scope}", key="db-password")\nbad = dbutils.secrets.get(scope="${scope}", key="db-pasword")\nvar = dbutils.secrets.get(scope="${scope}", key=name)\n`,
    );
    await api.references().diagnostics.check(document);
    const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Databricks Secrets');
    assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join(' | '));
    const [diagnostic] = diagnostics as [vscode.Diagnostic];
    assert.equal(diagnostic.code, 'unknown-key');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(document.getText(diagnostic.range), 'db-pasword');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Did you mean "db-password"?'), titles.join(', '));
    assert.ok(titles.includes(`Create secret db-pasword in ${scope}…`), titles.join(', '));
    const fix = actions.find((a) => a.title.startsWith('Did you mean'));
    assert.ok(fix?.edit && (await vscode.workspace.applyEdit(fix.edit)));
    await api.references().diagnostics.check(document);
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Databricks Secrets'), []);
  });

  it('reports an unknown scope, and turns off with the setting', async () => {
    const document = await open('scope.sql', `SELECT secret('${scope}x', 'db-password')\n`);
    await api.references().diagnostics.check(document);
    const [diagnostic] = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Databricks Secrets');
    assert.equal(diagnostic?.code, 'unknown-scope');
    const config = vscode.workspace.getConfiguration('databricksSecrets.references');
    await config.update('diagnostics', 'off', vscode.ConfigurationTarget.Global);
    try {
      await api.references().diagnostics.check(document);
      assert.deepEqual(vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Databricks Secrets'), []);
    } finally {
      await config.update('diagnostics', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('reports nothing when the listing failed', async () => {
    broken = await api.workspaces.add({ host: 'http://127.0.0.1:9', name: 'Unreachable' }, 'dapi-local-admin');
    const document = await open('unreachable.py', `x = dbutils.secrets.get(scope="no-such-scope", key="nope")\n`);
    await api.references().target.set(document.uri, broken.id);
    try {
      await api.references().diagnostics.check(document);
      assert.deepEqual(vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Databricks Secrets'), []);
      // The same text checked against the emulator is reported: the empty result above came from the failed listing.
      await api.references().target.set(document.uri, 'env');
      await api.references().diagnostics.check(document);
      assert.equal(vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Databricks Secrets').length, 1);
    } finally {
      await api.references().target.set(document.uri, 'env');
    }
  });

  it('names the references a delete would break in the Delete Secret and Delete Scope confirmations', async () => {
    const dir = path.join(folder(), 'breaks');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'job.py'), `import os\npw = dbutils.secrets.get(scope="${scope}", key="rotated-key")\n`);
    // The first search of a fresh window starts VS Code's file search; the note waits 3 s at most, so warm it up.
    assert.equal((await findUsagesInFolders(scope, 'rotated-key')).length, 1);
    const details: string[] = [];
    const decline = (q: Parameters<ConstructorParameters<typeof ScriptedPrompts>[0][number]>[0]): boolean => {
      assert.ok(q.kind === 'confirm', `expected a confirmation, got ${q.kind}`);
      details.push(q.detail);
      return false; // nothing is deleted
    };
    const prompts = new ScriptedPrompts([decline, decline]);
    const { deleteSecretsFlow, deleteScopeFlow } = api.commands();
    await deleteSecretsFlow({ ...api.deps, prompts }, { workspaceId: 'env', scope, key: 'rotated-key' }, [{ workspaceId: 'env', scope, key: 'rotated-key' }]);
    await deleteScopeFlow({ ...api.deps, prompts }, { workspaceId: 'env', scope });
    assert.equal(details.length, 2, 'both deletes asked');
    assert.match(details[0] ?? '', /1 reference in the open folders will break: breaks\/job\.py:2\./);
    assert.match(details[1] ?? '', /\d+ references in the open folders will break, the first in /);
    // A key nothing refers to gets no such sentence.
    const quiet: string[] = [];
    await deleteSecretsFlow(
      { ...api.deps, prompts: new ScriptedPrompts([(q) => (q.kind === 'confirm' && quiet.push(q.detail), false)]) },
      { workspaceId: 'env', scope, key: 'unused-key' },
      [{ workspaceId: 'env', scope, key: 'unused-key' }],
    );
    assert.doesNotMatch(quiet[0] ?? 'missing', /will break/);
  });

  it('finds usages in the open folders, notebooks included, skipping what git ignores', async () => {
    const root = folder();
    const dir = path.join(root, 'usages');
    fs.mkdirSync(path.join(dir, 'ignored'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'job.py'), `x = 1\npw = dbutils.secrets.get(scope="${scope}", key="api-token")\n`);
    fs.writeFileSync(path.join(dir, 'ignored', 'old.py'), `pw = dbutils.secrets.get(scope="${scope}", key="api-token")\n`);
    fs.writeFileSync(
      path.join(dir, 'nb.ipynb'),
      JSON.stringify({ cells: [{ cell_type: 'markdown', source: ['# t'] }, { cell_type: 'code', source: [`t = dbutils.secrets.get("${scope}", "api-token")`] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
    );
    fs.writeFileSync(path.join(dir, 'cluster.json'), `{"spark_env_vars": {"TOKEN": "{{secrets/${scope}/db-password}}"}}`);
    fs.writeFileSync(path.join(root, '.gitignore'), 'usages/ignored/\n');
    execFileSync('git', ['init', '-q'], { cwd: root });
    const usages = await findUsagesInFolders(scope, 'api-token');
    const where = usages.map((u) => `${path.relative(root, u.uri.fsPath)}${u.cell !== undefined ? `#${u.cell}` : ''}:${u.line}`).sort();
    assert.deepEqual(where, ['usages/job.py:1', 'usages/nb.ipynb#1:0']);
    const all = await findUsagesInFolders(scope, undefined);
    assert.ok(all.some((u) => u.uri.fsPath.endsWith('cluster.json')), 'Spark configuration references count for the scope');
    assert.ok(!all.some((u) => u.uri.fsPath.includes(`${path.sep}ignored${path.sep}`)), 'git-ignored files are skipped');
  });
});
