import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator, type RunningEmulator } from '../../src/core/emulator/server';
import type { CommandDeps } from '../../src/host/commands/commandDeps';
import type { OperationError } from '../../src/host/commands/operationError';
import type { DatabricksSecretsTestApi } from '../../src/host/testApi';
import type { Workspace } from '../../src/host/workspaces/workspace';
import { activateForTests } from './support/extensionApi';
import { ScriptedPrompts } from './support/scriptedPrompts';

const ADMIN_TOKEN = 'dapi-local-admin';
const SCOPE = 'restricted-scope';
const KEY = 'db-password';
const VALUE = 'hunter2-restricted-value';

/** Calls the restricted emulator's Secrets API as the admin; fails the test on any answer but 200. */
async function call(base: string, method: 'GET' | 'POST', path: string, body?: object): Promise<unknown> {
  const response = await fetch(new URL(`/api/2.0/secrets/${path}`, base), {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return JSON.parse(text || '{}');
}

/**
 * Runs `promise`, which must reject with an {@link OperationError}; returns it. The extension runs from its bundle,
 * so the error is recognised by its name and view rather than by `instanceof` this file's copy of the class.
 */
async function operationError(promise: Promise<unknown>): Promise<OperationError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof Error && caught.name === 'OperationError' && 'view' in caught, `expected an OperationError, got ${String(caught)}`);
  return caught as OperationError;
}

describe('messages of workspaces that refuse secret operations', function () {
  this.timeout(60_000);
  let api: DatabricksSecretsTestApi;
  let emu: RunningEmulator;
  let workspace: Workspace;

  function deps(prompts: ScriptedPrompts): CommandDeps {
    return { ...api.deps, prompts };
  }

  before(async () => {
    api = await activateForTests();
    // A workspace that only lets notebooks read values and refuses Key Vault scopes to a personal access token.
    emu = await startEmulator({ restrictGet: true, keyVaultNeedsAad: true });
    await call(emu.url, 'POST', 'scopes/create', { scope: SCOPE });
    await call(emu.url, 'POST', 'put', { scope: SCOPE, key: KEY, string_value: VALUE });
    workspace = await api.workspaces.add({ host: emu.url, name: 'Restricted' }, ADMIN_TOKEN);
  });

  after(async () => {
    if (workspace) await api.workspaces.remove(workspace).catch(() => undefined);
    await emu?.close();
  });

  it('Copy Secret Value explains that most workspaces only let notebooks read values, and leaves the clipboard alone', async () => {
    const { copyValueFlow } = api.commands();
    await vscode.env.clipboard.writeText('clipboard before');
    const error = await operationError(copyValueFlow(deps(new ScriptedPrompts([])), { workspaceId: workspace.id, scope: SCOPE, key: KEY }));
    assert.match(error.view.headline, /does not let the API read secret values/);
    assert.match(error.view.detail, /Most workspaces only let notebooks read values \(dbutils\.secrets\.get\)/);
    assert.match(error.view.detail, /copy its reference instead/);
    assert.ok(!error.message.includes(VALUE), 'the value is never in the message');
    assert.equal(await vscode.env.clipboard.readText(), 'clipboard before', 'the clipboard is unchanged');
  });

  it('Create Scope backed by Azure Key Vault explains that it needs a Microsoft Entra ID token, and creates nothing', async () => {
    const { createScopeFlow } = api.commands();
    const name = 'kv-with-pat';
    const keyVault = {
      resourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/it-vault',
      dnsName: 'https://it-vault.vault.azure.net/',
    };
    const error = await operationError(createScopeFlow(deps(new ScriptedPrompts([])), workspace, { name, keyVault, allUsersManage: false }));
    assert.match(error.view.headline, /refused to create a Key Vault-backed scope/);
    assert.match(error.view.detail, /only for a Microsoft Entra ID token, not a personal access token/);
    assert.match(error.view.detail, /userAADToken/, 'the workspace\'s own words are kept');
    const listed = (await call(emu.url, 'GET', 'scopes/list')) as { scopes?: { name: string }[] };
    assert.deepEqual((listed.scopes ?? []).map((s) => s.name), [SCOPE], 'no scope was created');
  });
});
