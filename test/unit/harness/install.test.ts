import * as assert from 'node:assert/strict';
import { firstBuildError, installLogPath } from '../../integration/driver/install';

/** What npm 11 prints when code-server's kerberos module cannot find its headers (shortened from a real run). */
const KERBEROS_FAILURE = [
  'npm warn deprecated inflight@1.0.6: This module is not supported',
  'npm error code 1',
  'npm error path /work/.vscode-test/code-server-4.139.1/node_modules/kerberos',
  'npm error command failed',
  'npm error gyp info spawn args [ "BUILDTYPE=Release", "-C", "build" ]',
  'npm error In file included from ../src/kerberos.cc:1:',
  'npm error ../src/kerberos.h:5:10: fatal error: gssapi/gssapi.h: No such file or directory',
  'npm error     5 | #include <gssapi/gssapi.h>',
  'npm error compilation terminated.',
  'npm error gyp ERR! build error',
  'npm error gyp ERR! stack Error: `make` failed with exit code: 2',
  'npm error A complete log of this run can be found in: /root/.npm/_logs/x.log',
].join('\n');

describe('code-server install failure messages', () => {
  it('name the compiler\'s first error line, not npm\'s last lines', () => {
    assert.equal(firstBuildError(KERBEROS_FAILURE), '../src/kerberos.h:5:10: fatal error: gssapi/gssapi.h: No such file or directory');
  });

  it('fall back to the first meaningful gyp line, then npm line', () => {
    assert.equal(
      firstBuildError('gyp ERR! cwd /x\ngyp ERR! find Python Python is not set from command line or npm configuration\n'),
      'gyp ERR! find Python Python is not set from command line or npm configuration',
    );
    assert.equal(firstBuildError('npm error code E404\nnpm error 404 Not Found - GET https://registry/x\n'), '404 Not Found - GET https://registry/x');
    assert.equal(firstBuildError('added 1 package\n'), undefined);
  });

  it('keep the log beside the install folder, so removing a failed install keeps the log', () => {
    assert.equal(installLogPath('/p/.vscode-test/code-server-1.0.0'), '/p/.vscode-test/code-server-1.0.0.install.log');
  });
});
