import * as assert from 'node:assert/strict';
import { workbenchUrl } from '../../integration/driver/workbenchUrl';

describe('harness: workbenchUrl', () => {
  it('puts the folder and the vscode-remote payload for the dev extension and the tests module in the query', () => {
    const url = new URL(workbenchUrl('http://127.0.0.1:4321/', '/tmp/ws dir', { extensionDevelopmentPath: '/p', extensionTestsPath: '/p/out/index.js' }));
    assert.equal(url.origin, 'http://127.0.0.1:4321');
    assert.equal(url.searchParams.get('folder'), '/tmp/ws dir');
    assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? 'null'), [
      ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4321/p'],
      ['extensionTestsPath', 'vscode-remote://127.0.0.1:4321/p/out/index.js'],
    ]);
  });

  it('leaves the payload out when only installed extensions should run', () => {
    const url = new URL(workbenchUrl('http://127.0.0.1:4321/', '/ws', {}));
    assert.equal(url.searchParams.get('payload'), null);
  });
});
