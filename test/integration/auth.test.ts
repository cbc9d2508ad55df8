import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type RunningEmulator } from '../../src/core/emulator/server';
import { ClientPool } from '../../src/host/clients/clientPool';
import { importProfilesFlow, type ProfileItem } from '../../src/host/commands/importProfiles';
import type { DatabricksSecretsTestApi } from '../../src/host/testApi';
import type { ExplorerNode, WorkspaceNode } from '../../src/host/tree/nodes/types';
import { WorkspaceStore } from '../../src/host/workspaces/workspaceStore';
import { activateForTests, tooltipText } from './support/extensionApi';

const CLIENT_ID = 'sp-integration';
const CLIENT_SECRET = 'dose0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const PAT = 'dapi-local-user';

async function createScope(base: string, scope: string): Promise<void> {
  const response = await fetch(new URL('/api/2.0/secrets/scopes/create', base), {
    method: 'POST',
    headers: { authorization: 'Bearer dapi-local-admin', 'content-type': 'application/json' },
    body: JSON.stringify({ scope }),
  });
  assert.equal(response.status, 200, await response.text());
}

function settingsJson(): string {
  const config = vscode.workspace.getConfiguration('databricksSecrets');
  return JSON.stringify(['workspaces', 'cliPath'].map((key) => {
    const i = config.inspect(key);
    return [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue];
  }));
}

/** Every file below `dir` (depth-first), skipping VS Code's state databases where secret storage lives. */
function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesBelow(full);
    return entry.isFile() && !/\.vscdb(\.backup)?$/.test(entry.name) ? [full] : [];
  });
}

async function workspaceNode(api: DatabricksSecretsTestApi, host: string): Promise<WorkspaceNode> {
  const roots = await api.explorer.getChildren();
  const node = roots.find((n): n is WorkspaceNode => n.kind === 'workspace' && n.workspace.host === host);
  assert.ok(node, `no workspace node for ${host}`);
  return node;
}

function describeNodes(nodes: ExplorerNode[]): string {
  return nodes.map((n) => (n.kind === 'message' ? `message:${n.label}` : n.kind === 'scope' ? `scope:${n.scope.name}` : n.kind)).join(', ');
}

describe('signing in with config profiles, OAuth M2M and the Databricks CLI', () => {
  let api: DatabricksSecretsTestApi;
  let m2mEmu: RunningEmulator;
  let cliEmu: RunningEmulator;
  let patEmu: RunningEmulator;
  const configFile = process.env.DATABRICKS_CONFIG_FILE ?? '';
  const cliStub = path.join(path.dirname(configFile), 'bin', 'databricks-stub');

  before(async () => {
    api = await activateForTests();
    const clients = { [CLIENT_ID]: { secret: CLIENT_SECRET, user: 'admin@example.com' } };
    [m2mEmu, cliEmu, patEmu] = await Promise.all([
      startEmulator({ clients, tokenTtlSeconds: 2 }),
      startEmulator({}),
      startEmulator({}),
    ]);
    await createScope(m2mEmu.url, 'm2m-scope');
    await createScope(cliEmu.url, 'cli-scope');
    await createScope(patEmu.url, 'pat-scope');
    fs.mkdirSync(path.dirname(cliStub), { recursive: true });
    fs.writeFileSync(cliStub, `#!/bin/sh\nprintf '{"access_token":"dapi-local-admin","token_type":"Bearer","expiry":"2999-01-01T00:00:00Z"}'\n`);
    fs.chmodSync(cliStub, 0o755);
    await vscode.workspace.getConfiguration('databricksSecrets').update('cliPath', cliStub, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const w of api.workspaces.list()) {
      if (w.source === 'settings' && [m2mEmu.url, cliEmu.url, patEmu.url].includes(w.host)) await api.workspaces.remove(w);
    }
    await vscode.workspace.getConfiguration('databricksSecrets').update('cliPath', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all([m2mEmu?.close(), cliEmu?.close(), patEmu?.close()]);
  });

  it('the harness points HOME and DATABRICKS_CONFIG_FILE at a temporary folder, never the real one', () => {
    assert.ok(configFile, 'DATABRICKS_CONFIG_FILE is set');
    assert.equal(path.dirname(configFile), process.env.HOME);
    assert.equal(os.homedir(), process.env.HOME);
    assert.notEqual(process.env.HOME, os.userInfo().homedir, 'HOME is not the account\'s real home folder');
  });

  it('imports chosen profiles from the config file, lists unusable ones with the reason, and browses each', async () => {
    fs.writeFileSync(configFile, [
      '\ufeff; written by hand for the test',
      '[DEFAULT]',
      '',
      '[emu-m2m]',
      `host = ${m2mEmu.url}`,
      `client_id = ${CLIENT_ID}`,
      `client_secret = ${CLIENT_SECRET}`,
      '[emu-cli]',
      `host = ${cliEmu.url}`,
      'auth_type = databricks-cli',
      '[emu-pat]',
      `host = ${patEmu.url}`,
      `token = ${PAT}`,
      'cluster_id = 0123-456789-abc',
      '[azure]',
      'host = https://adb-1234567890123456.7.azuredatabricks.net',
      'auth_type = azure-cli',
      '[account]',
      'host = https://accounts.cloud.databricks.com',
      'account_id = 00000000-0000-0000-0000-000000000000',
    ].join('\r\n'));

    let offered: readonly (ProfileItem | vscode.QuickPickItem)[] = [];
    const outcome = await importProfilesFlow(api.workspaces, async (items) => {
      offered = items;
      return items.filter((i): i is ProfileItem => 'profile' in i && (i as ProfileItem).profile.credentials !== undefined);
    }, { ...process.env, DATABRICKS_CONFIG_PROFILE: 'emu-pat' });
    assert.ok(outcome);
    assert.deepEqual(outcome.imported.map((w) => [w.name, w.auth, w.profile]).sort(), [
      ['emu-cli', 'databricks-cli', 'emu-cli'],
      ['emu-m2m', 'oauth-m2m', 'emu-m2m'],
      ['emu-pat', 'pat', 'emu-pat'],
    ]);
    assert.equal(outcome.copiedSecrets, true);
    assert.equal(offered[0].label, 'emu-pat', 'DATABRICKS_CONFIG_PROFILE is listed first');
    const text = offered.map((i) => `${i.label} | ${i.description ?? ''} | ${i.detail ?? ''}`).join('\n');
    assert.match(text, /azure .*Azure CLI/);
    assert.match(text, /account .*account-level/);
    assert.match(text, /emu-pat .*ignored: cluster_id/);
    assert.ok(!text.includes(CLIENT_SECRET) && !text.includes(PAT), 'the picker never shows a secret');

    for (const [host, scope] of [[m2mEmu.url, 'm2m-scope'], [cliEmu.url, 'cli-scope'], [patEmu.url, 'pat-scope']]) {
      const node = await workspaceNode(api, host);
      const children = await api.explorer.getChildren(node);
      assert.ok(children.some((n) => n.kind === 'scope' && n.scope.name === scope), `${host}: ${describeNodes(children)}`);
    }
    const m2mTip = tooltipText((await workspaceNode(api, m2mEmu.url)).toTreeItem()).replace(/\\(.)/g, '$1'); // Markdown escapes
    assert.match(m2mTip, /service principal \(OAuth M2M\)/);
    assert.match(m2mTip, /profile \[emu-m2m\]/);

    // Importing again skips hosts that are already in the list.
    const again = await importProfilesFlow(api.workspaces, async (items) => items.filter((i): i is ProfileItem => 'profile' in i));
    assert.ok(again);
    assert.equal(again.imported.length, 0);
    assert.match(again.skipped.get('emu-m2m') ?? '', /already in the list/);
  });

  it('an M2M workspace keeps working after its 2-second tokens expire', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const ws = api.workspaces.list().find((w) => w.host === m2mEmu.url);
    assert.ok(ws);
    api.model.refresh(ws.id);
    const node = await workspaceNode(api, m2mEmu.url);
    const children = await api.explorer.getChildren(node);
    assert.ok(children.some((n) => n.kind === 'scope'), describeNodes(children));
  });

  it('Sign Out deletes the stored secret and keeps the entry; the tree then asks for credentials', async () => {
    const workspace = api.workspaces.list().find((w) => w.host === patEmu.url);
    assert.ok(workspace);
    assert.equal(await api.workspaces.hasToken(workspace), true);
    await vscode.commands.executeCommand('databricksSecrets.workspace.signOut', workspace.id);
    assert.equal(await api.workspaces.hasToken(workspace), false);
    assert.ok(api.workspaces.get(workspace.id), 'the entry stays');

    // The same for a service principal; new credentials make it browse again.
    const m2m = api.workspaces.list().find((w) => w.host === m2mEmu.url);
    assert.ok(m2m);
    await api.workspaces.signOut(m2m);
    assert.equal(await api.workspaces.hasToken(m2m), false);
    api.model.refresh(m2m.id);
    const signedOut = await api.explorer.getChildren(await workspaceNode(api, m2mEmu.url));
    assert.ok(signedOut.some((n) => n.kind === 'message' && n.severity === 'error'), describeNodes(signedOut));
    await api.workspaces.setOAuthCredentials(m2m, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    api.model.refresh(m2m.id);
    const again = await api.explorer.getChildren(await workspaceNode(api, m2mEmu.url));
    assert.ok(again.some((n) => n.kind === 'scope' && n.scope.name === 'm2m-scope'), describeNodes(again));
  });

  it('a CLI workspace whose CLI is missing says so in the tree, naming the setting', async () => {
    const config = vscode.workspace.getConfiguration('databricksSecrets');
    await config.update('cliPath', path.join(path.dirname(cliStub), 'no-such-cli'), vscode.ConfigurationTarget.Global);
    try {
      const ws = api.workspaces.list().find((w) => w.host === cliEmu.url);
      assert.ok(ws);
      api.model.refresh(ws.id);
      const children = await api.explorer.getChildren(await workspaceNode(api, cliEmu.url));
      const message = children.find((n) => n.kind === 'message');
      assert.ok(message && message.kind === 'message', describeNodes(children));
      assert.equal(message.label, 'Databricks CLI not found');
      assert.match(message.detail ?? '', /databricksSecrets\.cliPath/);
    } finally {
      await config.update('cliPath', cliStub, vscode.ConfigurationTarget.Global);
    }
  });

  it('secrets and tokens never reach settings or the files VS Code writes (logs included)', async () => {
    const settings = settingsJson();
    for (const secret of [CLIENT_SECRET, PAT, 'dapi-local-admin']) assert.ok(!settings.includes(secret), `settings hold ${secret.slice(0, 4)}…`);
    const runDir = path.dirname(process.env.HOME ?? '');
    const userData = path.join(runDir, 'user-data');
    assert.ok(fs.existsSync(userData), `${userData} exists`);
    const leaks = filesBelow(userData).filter((file) => {
      const content = fs.readFileSync(file);
      return [CLIENT_SECRET, PAT].some((s) => content.includes(s));
    });
    assert.deepEqual(leaks, []);
  });

  it('DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET make an M2M environment workspace', async () => {
    const noSecrets: vscode.SecretStorage = {
      get: async () => undefined,
      store: async () => undefined,
      delete: async () => undefined,
      onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
    };
    const store = new WorkspaceStore(noSecrets, {
      DATABRICKS_HOST: m2mEmu.url,
      DATABRICKS_CLIENT_ID: CLIENT_ID,
      DATABRICKS_CLIENT_SECRET: CLIENT_SECRET,
    });
    const log = vscode.window.createOutputChannel('dbsecrets-auth-test', { log: true });
    const pool = new ClientPool(store, log);
    try {
      const env = store.list()[0];
      assert.equal(env.source, 'env');
      assert.equal(env.auth, 'oauth-m2m');
      const scopes = await pool.use(env, (client) => client.listScopes());
      assert.ok(scopes.some((s) => s.name === 'm2m-scope'));
    } finally {
      pool.dispose();
      store.dispose();
      log.dispose();
    }
  });
});
