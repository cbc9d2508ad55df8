import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { ClientPool } from '../../src/host/clients/clientPool';
import { ExplorerModel } from '../../src/host/tree/explorerModel';
import { ExplorerTreeProvider } from '../../src/host/tree/explorerProvider';
import type { ExplorerNode } from '../../src/host/tree/nodes/types';
import { WorkspaceStore } from '../../src/host/workspaces/workspaceStore';
import { ADMIN_TOKEN, emulatorUrl } from './support/emulatorAdmin';
import { iconId, labelText, tooltipText } from './support/extensionApi';

/** SecretStorage that holds nothing; these explorers only use the environment workspace. */
const noSecrets: vscode.SecretStorage = {
  get: async () => undefined,
  store: async () => undefined,
  delete: async () => undefined,
  onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
} as unknown as vscode.SecretStorage;

/**
 * A stand-alone explorer (same classes as the extension's) whose environment workspace is `host` with `token`,
 * so each failure mode can be pointed at its own server.
 */
function explorerFor(host: string, token: string, deadlineMs = 10_000) {
  const log = vscode.window.createOutputChannel('Databricks Secrets (integration test)', { log: true });
  const store = new WorkspaceStore(noSecrets, { DATABRICKS_HOST: host, DATABRICKS_TOKEN: token });
  const clients = new ClientPool(store, log);
  const model = new ExplorerModel(store, clients, { deadlineMs, log });
  const provider = new ExplorerTreeProvider(model);
  return {
    provider,
    /** The children of the one workspace: what a person sees on expanding it. */
    async workspaceChildren(): Promise<ExplorerNode[]> {
      const [workspace] = await provider.getChildren();
      assert.ok(workspace && workspace.kind === 'workspace');
      return provider.getChildren(workspace);
    },
    dispose: () => vscode.Disposable.from(provider, model, clients, store, log).dispose(),
  };
}

/** Asserts one error node whose label matches `pattern`; returns its tree item. */
function assertErrorNode(children: ExplorerNode[], pattern: RegExp): vscode.TreeItem {
  assert.equal(children.length, 1, `expected one message node, got ${children.map((c) => labelText(c.toTreeItem())).join(' | ')}`);
  const item = children[0].toTreeItem();
  assert.equal(item.contextValue, 'message:error');
  assert.equal(iconId(item), 'error');
  assert.match(labelText(item), pattern);
  assert.ok(tooltipText(item).length > 0, 'the error node explains what to do in its tooltip');
  return item;
}

/** A raw HTTP server for answers the emulator cannot give. */
async function rawServer(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('secrets explorer error nodes', () => {
  it('a rejected token gives "Token rejected" under the workspace', async () => {
    const explorer = explorerFor(emulatorUrl(), 'dapi-not-a-real-token');
    try {
      const item = assertErrorNode(await explorer.workspaceChildren(), /Token rejected/);
      assert.match(tooltipText(item), /DATABRICKS_TOKEN/);
      assert.ok(!tooltipText(item).includes('dapi-not-a-real-token'), 'the token never appears in the message');
    } finally {
      explorer.dispose();
    }
  });

  it('the right token on the same host lists scopes (control for the test above)', async () => {
    const explorer = explorerFor(emulatorUrl(), ADMIN_TOKEN);
    try {
      const children = await explorer.workspaceChildren();
      assert.ok(children.every((c) => c.kind === 'scope' || (c.kind === 'message' && c.severity === 'empty')));
    } finally {
      explorer.dispose();
    }
  });

  it('an unreachable host gives "Host unreachable" under the workspace', async () => {
    const server = await rawServer(() => undefined);
    const url = server.url;
    await server.close(); // nothing listens on this port any more
    const explorer = explorerFor(url, ADMIN_TOKEN);
    try {
      assertErrorNode(await explorer.workspaceChildren(), /Host unreachable/);
    } finally {
      explorer.dispose();
    }
  });

  it('a host that never answers gives "Host not answering" once the deadline passes', async () => {
    const server = await rawServer(() => undefined); // accepts, never answers
    const explorer = explorerFor(server.url, ADMIN_TOKEN, 2_000);
    try {
      const started = Date.now();
      const children = await explorer.workspaceChildren();
      const elapsed = Date.now() - started;
      assertErrorNode(children, /Host not answering/);
      assert.ok(elapsed < 4_000, `the listing gave up after ${elapsed} ms, deadline 2000 ms`);
    } finally {
      explorer.dispose();
      await server.close();
    }
  });

  it('an answer that is not from Databricks gives "Not a Databricks workspace"', async () => {
    const server = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Sign in to Contoso</body></html>');
    });
    const explorer = explorerFor(server.url, ADMIN_TOKEN);
    try {
      assertErrorNode(await explorer.workspaceChildren(), /Not a Databricks workspace/);
    } finally {
      explorer.dispose();
      await server.close();
    }
  });

  it('a service that stays unavailable gives "Service unavailable" after the retries', async () => {
    let requests = 0;
    const server = await rawServer((_req, res) => {
      requests++;
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(JSON.stringify({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'Try again later.' }));
    });
    const explorer = explorerFor(server.url, ADMIN_TOKEN, 6_000);
    try {
      assertErrorNode(await explorer.workspaceChildren(), /Service unavailable after retries/);
      assert.ok(requests > 1, `the client retried (${requests} request(s))`);
    } finally {
      explorer.dispose();
      await server.close();
    }
  });

  it('a missing DATABRICKS_TOKEN is named as such', async () => {
    const explorer = explorerFor(emulatorUrl(), '');
    try {
      assertErrorNode(await explorer.workspaceChildren(), /DATABRICKS_TOKEN is not set/);
    } finally {
      explorer.dispose();
    }
  });
});
