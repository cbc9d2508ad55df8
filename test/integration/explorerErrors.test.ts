import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { ClientPool } from '../../src/host/clients/clientPool';
import { ExplorerModel } from '../../src/host/tree/explorerModel';
import { ExplorerTreeProvider } from '../../src/host/tree/explorerProvider';
import type { ExplorerNode } from '../../src/host/tree/nodes/types';
import { checkToken } from '../../src/host/commands/tokenPrompt';
import { describeError } from '../../src/host/errors/describeError';
import { loadApi } from '../../src/host/lazyApi';
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

  describe('a change of the connection settings while a listing loads (issue 15, item 2)', () => {
    const SECTION = 'databricksSecrets';

    /**
     * A slow workspace (like the emulator with --latency-ms): request number `held` is answered only 2 s after
     * `settingChanged()` (longer than the 1 s the old client gives requests on the wire when it is closed), so the
     * change always lands while it loads, however long VS Code takes to deliver it; other requests take 200 ms.
     */
    async function slowWorkspace(held = 1) {
      let requests = 0;
      let changed: () => void = () => undefined;
      const settingChangedPromise = new Promise<void>((resolve) => (changed = resolve));
      const server = await rawServer((req, res) => {
        requests++;
        const answer = (): void => {
          const body = req.url?.includes('/scopes/list')
            ? { scopes: [{ name: 'slow-scope', backend_type: 'DATABRICKS' }] }
            : { secrets: [{ key: 'slow-key', last_updated_timestamp: 1_700_000_000_000 }] };
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (requests === held) void settingChangedPromise.then(() => setTimeout(answer, 2_000));
        else setTimeout(answer, 200);
      });
      return { ...server, requests: () => requests, settingChanged: () => changed() };
    }

    /** Changes a connection setting and waits until VS Code has told the extension (it can take a second). */
    async function changeSetting(name: string, value: number | undefined): Promise<void> {
      const config = vscode.workspace.getConfiguration(SECTION);
      if (config.inspect(name)?.globalValue === value) return;
      const arrived = new Promise<void>((resolve) => {
        const sub = vscode.workspace.onDidChangeConfiguration((event) => {
          if (event.affectsConfiguration(`${SECTION}.${name}`)) {
            sub.dispose();
            resolve();
          }
        });
      });
      await config.update(name, value, vscode.ConfigurationTarget.Global);
      await arrived;
    }

    for (const [setting, value] of [['requestTimeoutSeconds', 31], ['maxConcurrentRequests', 5]] as const) {
      it(`changing ${setting} while a workspace's scopes load still shows them, not "Cancelled"`, async () => {
        const server = await slowWorkspace();
        const explorer = explorerFor(server.url, ADMIN_TOKEN, 25_000);
        try {
          const loading = explorer.workspaceChildren();
          await new Promise((r) => setTimeout(r, 300));
          await changeSetting(setting, value);
          server.settingChanged();
          const children = await loading;
          assert.deepEqual(children.map((c) => labelText(c.toTreeItem())), ['slow-scope']);
          assert.equal(server.requests(), 2, 'the listing was loaded again with the rebuilt client');
          // Expanding again shows the cached scopes, without another request.
          assert.deepEqual((await explorer.workspaceChildren()).map((c) => labelText(c.toTreeItem())), ['slow-scope']);
          assert.equal(server.requests(), 2);
        } finally {
          await changeSetting(setting, undefined);
          explorer.dispose();
          await server.close();
        }
      });
    }

    it("a scope's keys loading during the change are loaded again too", async () => {
      const server = await slowWorkspace(2); // the keys request is the one the change hits
      const explorer = explorerFor(server.url, ADMIN_TOKEN, 25_000);
      try {
        const [scope] = await explorer.workspaceChildren();
        assert.ok(scope && scope.kind === 'scope');
        const loading = explorer.provider.getChildren(scope);
        await new Promise((r) => setTimeout(r, 300));
        await changeSetting('requestTimeoutSeconds', 29);
        server.settingChanged();
        assert.deepEqual((await loading).map((c) => labelText(c.toTreeItem())), ['slow-key']);
        assert.equal(server.requests(), 3, 'scopes once, keys twice');
      } finally {
        await changeSetting('requestTimeoutSeconds', undefined);
        explorer.dispose();
        await server.close();
      }
    });

    it('a listing ended by a closed client offers Refresh; a plain cancellation in the tree does too', async () => {
      const api = await loadApi();
      const closed = describeError(new api.ApiError('cancelled', 'CLIENT_CLOSED', 'Could not list scopes: this client was closed.'));
      assert.deepEqual(closed.actions, ['refresh']);
      assert.match(closed.headline, /Interrupted/);
      // A ClientSource that always fails so: after its restarts (CLIENT_CLOSED only) the model keeps the failure,
      // and the tree shows it with a Refresh command rather than a dead line.
      for (const [code, headline, uses] of [['CLIENT_CLOSED', /Interrupted/, 4], ['CANCELLED', /Cancelled/, 1]] as const) {
        const store = new WorkspaceStore(noSecrets, { DATABRICKS_HOST: emulatorUrl(), DATABRICKS_TOKEN: ADMIN_TOKEN });
        let used = 0;
        const failing = {
          use: async (): Promise<never> => {
            used++;
            throw new api.ApiError('cancelled', code, 'Could not list scopes.');
          },
        };
        const model = new ExplorerModel(store, failing, { deadlineMs: 5_000 });
        const provider = new ExplorerTreeProvider(model);
        try {
          const [workspace] = await provider.getChildren();
          assert.ok(workspace);
          const item = assertErrorNode(await provider.getChildren(workspace), headline);
          assert.equal(item.command?.command, 'databricksSecrets.explorer.refresh', code);
          assert.equal(used, uses, `${code}: the first try${uses > 1 ? ' and three restarts' : ' only'}`);
        } finally {
          vscode.Disposable.from(provider, model, store).dispose();
        }
      }
    });
  });

  describe('tokens with invisible characters (issue 15, item 6)', () => {
    it('the token box refuses what the client would refuse: zero-width spaces, non-ASCII, control characters', () => {
      for (const bad of ['dapi\u200b0123456789abcdef', 'dapi0123\u2060', 'dapi0123\u00a0456', 'dapi01é23', 'dapi\u0007123']) {
        assert.match(checkToken(bad) ?? '', /not allowed|spaces/, JSON.stringify(bad));
      }
      assert.match(checkToken('dapi\u200b0123') ?? '', /invisible character such as a zero-width space/);
      // The box trims the ends (String.prototype.trim also drops a leading U+FEFF), so those are fine.
      for (const good of ['dapi0123456789abcdef', '  dapi0123456789abcdef\n', '\ufeffdapi0123', 'dose-ABC_~!']) {
        assert.equal(checkToken(good), undefined, JSON.stringify(good));
      }
    });

    it('a listing refused for an unusable token says so and offers Set Token (or names DATABRICKS_TOKEN)', async () => {
      const explorer = explorerFor(emulatorUrl(), `dapi\u200b${ADMIN_TOKEN.slice(4)}`);
      try {
        const item = assertErrorNode(await explorer.workspaceChildren(), /Token unusable: check DATABRICKS_TOKEN/);
        assert.match(tooltipText(item), /invisible or non-ASCII characters/);
        assert.equal(item.command?.command, 'databricksSecrets.showLog');
      } finally {
        explorer.dispose();
      }
      const api = await loadApi();
      const configured = { id: 'settings:x', host: 'https://x.cloud.databricks.com', name: 'x', source: 'settings' as const };
      const view = describeError(new api.ValidationError('token', 'printable-ascii', 'The token contains invisible characters.'), configured);
      assert.equal(view.actions[0], 'setToken');
      assert.match(view.headline, /Token unusable: set a new token/);
      // Other validation errors keep their own message and offer no token fix.
      const other = describeError(new api.ValidationError('scope', 'pattern', 'The scope name is not allowed.'), configured);
      assert.ok(!other.actions.includes('setToken'));
    });
  });
});
