import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandDeps } from '../../src/host/commands/commandDeps';
import type { DatabricksSecretsTestApi } from '../../src/host/testApi';
import { ADMIN_TOKEN, deleteScope, uniqueName } from './support/emulatorAdmin';
import { secretText } from './support/emulatorSecrets';
import { activateForTests } from './support/extensionApi';
import { confirm, pickLabel, ScriptedPrompts, type } from './support/scriptedPrompts';

/** Every file below `root` (symlinks not followed), largest first skipped over 64 MB. */
function filesBelow(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.statSync(full).size < 64 * 1024 * 1024) out.push(full);
    }
  };
  walk(root);
  return out;
}

/** Files below `root` whose bytes contain `needle` (as UTF-8, or base64 for the value). */
function filesHolding(files: readonly string[], needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(Buffer.from(needle).toString('base64'))];
  return files.filter((file) => {
    try {
      const bytes = fs.readFileSync(file);
      return forms.some((form) => bytes.includes(form));
    } catch {
      return false; // removed while we walked
    }
  });
}

describe('leak test: a known value and the token never reach logs, state, settings, the profile or the clipboard', function () {
  this.timeout(120_000);
  let api: DatabricksSecretsTestApi;
  const scope = uniqueName('it-leak');
  const value = `leakcheck-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
  const config = () => vscode.workspace.getConfiguration('databricksSecrets');

  before(async () => {
    api = await activateForTests();
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
    for (let i = 0; i < 50 && api.deps.log.logLevel !== vscode.LogLevel.Trace; i++) await new Promise((r) => setTimeout(r, 100));
    await config().update('clipboardClearSeconds', 1, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('clipboardClearSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    await deleteScope(scope).catch(() => undefined);
  });

  it('runs every command with the value at trace level, then finds it nowhere', async () => {
    assert.equal(api.deps.log.logLevel, vscode.LogLevel.Trace, 'the log is at trace level');
    const run = (prompts: ScriptedPrompts): CommandDeps => ({ ...api.deps, prompts });
    const flows = api.commands();
    const env = api.workspaces.get('env');
    assert.ok(env);
    const target = { workspaceId: 'env', scope };

    await flows.createScopeFlow(run(new ScriptedPrompts([type(scope), pickLabel('Databricks'), pickLabel('Only me')])), env);
    await flows.putSecretFlow(run(new ScriptedPrompts([type('leak-key'), pickLabel(/Type or paste/), () => value])), target);
    assert.equal(await secretText(scope, 'leak-key'), value);
    await flows.updateSecretFlow(run(new ScriptedPrompts([pickLabel(/Type or paste/), () => `${value}-2`])), { ...target, key: 'leak-key' });
    await vscode.env.clipboard.writeText(`${value}\nsecond line`);
    await flows.putSecretFlow(run(new ScriptedPrompts([type('leak-pem'), pickLabel(/clipboard/), confirm(true)])), target);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbsecrets-leak-'));
    try {
      const file = path.join(dir, 'value.txt');
      fs.writeFileSync(file, value);
      await flows.putSecretFlow(run(new ScriptedPrompts([type('leak-file'), pickLabel(/From a file/), () => vscode.Uri.file(file)])), target);
      const envFile = path.join(dir, '.env');
      fs.writeFileSync(envFile, `LEAK_ENV=${value}\n`);
      await flows.importEnvFlow(run(new ScriptedPrompts([(q) => (q.kind === 'pickMany' ? q.items : undefined)])), target, vscode.Uri.file(envFile));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await flows.copyReferenceFlow(run(new ScriptedPrompts([pickLabel('Python')])), { ...target, key: 'leak-key' });
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
    await vscode.window.showTextDocument(document);
    await flows.insertReferenceFlow(run(new ScriptedPrompts([])), { ...target, key: 'leak-key' });
    await flows.copyValueFlow(run(new ScriptedPrompts([])), { ...target, key: 'LEAK_ENV' });
    assert.equal(await vscode.env.clipboard.readText(), value, 'Copy Secret Value put the value on the clipboard');
    await flows.deleteSecretsFlow(run(new ScriptedPrompts([confirm(true)])), { ...target, key: 'leak-file' }, [{ ...target, key: 'leak-file' }]);
    // A failure too: its message and log line must not carry the value either.
    await flows.putSecretFlow(run(new ScriptedPrompts([type('x'), pickLabel(/Type or paste/), () => value])), { workspaceId: 'env', scope: `${scope}-missing` }).catch(() => undefined);
    await flows.deleteScopeFlow(run(new ScriptedPrompts([confirm(true)])), target);

    await new Promise((resolve) => setTimeout(resolve, 1800)); // the clipboard clear delay, and log flushing
    assert.notEqual(await vscode.env.clipboard.readText(), value, 'the clipboard no longer holds the value');
    assert.ok(!(await vscode.env.clipboard.readText()).includes(value));

    const state = JSON.stringify(api.globalState.keys().map((k) => [k, api.globalState.get(k)]));
    assert.ok(!state.includes(value) && !state.includes(ADMIN_TOKEN), 'globalState holds neither');
    const settings = JSON.stringify(config().inspect('workspaces')) + JSON.stringify(vscode.workspace.getConfiguration().inspect('databricksSecrets'));
    assert.ok(!settings.includes(value) && !settings.includes(ADMIN_TOKEN), 'settings hold neither');

    // The profile folder (user data: settings.json, state databases, global storage) and the logs inside it.
    const userDataDir = path.resolve(api.globalStorageUri.fsPath, '..', '..', '..');
    const files = filesBelow(userDataDir);
    const logs = filesHolding(files, `stored secret leak-key in scope ${scope}`);
    assert.ok(logs.length > 0, `the extension's log is among the ${files.length} files searched under ${userDataDir}`);
    assert.deepEqual(filesHolding(files, value), [], 'no file holds the value');
    assert.deepEqual(filesHolding(files, ADMIN_TOKEN), [], 'no file holds the token');
    const clear = new vscode.WorkspaceEdit();
    clear.delete(document.uri, new vscode.Range(0, 0, document.lineCount, 0));
    await vscode.workspace.applyEdit(clear);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
