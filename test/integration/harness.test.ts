import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'databricks-secrets-dev.databricks-secrets';

/** Checks the harness itself: the suite runs inside a real extension host with the extension under development loaded. */
describe('integration harness', () => {
  it('runs inside a VS Code extension host that names its host', () => {
    const expected = process.env.DBSECRETS_EXPECT_APP_HOST; // set by each driver: server-distro (code-server) or desktop
    assert.ok(expected, 'DBSECRETS_EXPECT_APP_HOST is not set; run the suite through a driver in test/integration/driver');
    assert.equal(vscode.env.appHost, expected);
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('has the extension under development installed and able to activate', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded; is extensionDevelopmentPath the project root?`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('passes the emulator address to the extension host', async () => {
    const url = process.env.DBSECRETS_EMULATOR_URL;
    assert.ok(url, 'DBSECRETS_EMULATOR_URL is not set in the extension host');
    assert.equal(process.env.DATABRICKS_HOST, url);
    const response = await fetch(new URL('/api/2.0/secrets/scopes/list', url), {
      headers: { authorization: `Bearer ${process.env.DATABRICKS_TOKEN ?? ''}` },
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { scopes?: unknown[] };
    assert.ok(body.scopes === undefined || Array.isArray(body.scopes));
  });
});
