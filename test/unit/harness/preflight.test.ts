import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Preflight from '../../../scripts/setup/preflight.cjs';
import { PROJECT_ROOT } from '../../integration/driver/paths';

// The preflight is plain CommonJS outside tsc's output (it runs before anything is built): load it from the source tree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const preflight = require(path.join(PROJECT_ROOT, 'scripts', 'setup', 'preflight.cjs')) as typeof Preflight;

/** A machine where everything is present, with `absent` commands/files/pkg-config modules taken away. */
function machine(overrides: Partial<Preflight.Probe> & { absent?: string[] } = {}): Preflight.Probe {
  const absent = new Set(overrides.absent ?? []);
  const { absent: _ignored, ...rest } = overrides;
  return {
    platform: 'linux',
    isRoot: false,
    hasApt: true,
    hasCommand: (name) => !absent.has(name),
    fileExists: (file) => ![...absent].some((a) => file.endsWith(a)),
    pkgConfigExists: (module) => !absent.has(`pc:${module}`),
    chromiumPath: '/usr/bin/chromium',
    codeServerInstalled: false,
    ...rest,
  };
}

const names = (reqs: Preflight.Requirement[]): string[] => reqs.map((r) => r.name);

describe('preflight (the setup check before npm test / npm run demo)', () => {
  it('finds nothing missing on a machine that has everything', () => {
    const probe = machine();
    assert.deepEqual(preflight.findMissing('test', probe), []);
    assert.deepEqual(preflight.decide('test', [], probe), { action: 'ok' });
  });

  it('reports missing -dev headers when neither pkg-config nor the header file finds them', () => {
    const probe = machine({ absent: ['pc:krb5-gssapi', 'gssapi/gssapi.h'] });
    assert.deepEqual(names(preflight.findMissing('test', probe)), ['Kerberos headers']);
  });

  it('accepts headers found as files when pkg-config does not know the module', () => {
    const probe = machine({ absent: ['pc:krb5-gssapi', 'pc:libsecret-1'] });
    assert.deepEqual(preflight.findMissing('test', probe), []);
  });

  it('accepts headers pkg-config knows even when they live outside /usr/include', () => {
    const probe = machine({ absent: ['gssapi/gssapi.h'] });
    assert.deepEqual(preflight.findMissing('test', probe), []);
  });

  it('reports missing build tools and the browser', () => {
    const probe = machine({ absent: ['g++', 'make', 'python3', '/usr/bin/chromium'] });
    assert.deepEqual(names(preflight.findMissing('test', probe)), ['g++', 'make', 'python3', 'Chromium']);
  });

  it('asks the demo for no browser, and nobody for build tools once code-server is installed', () => {
    const bare = { absent: ['g++', 'pc:x11', 'X11/Xlib.h', '/usr/bin/chromium'] };
    assert.deepEqual(names(preflight.findMissing('demo', machine(bare))), ['g++', 'X11 headers']);
    assert.deepEqual(names(preflight.findMissing('test', machine({ ...bare, codeServerInstalled: true }))), ['Chromium']);
    assert.deepEqual(preflight.findMissing('demo', machine({ ...bare, codeServerInstalled: true })), []);
  });

  it('looks for Chromium where CHROMIUM_PATH points', () => {
    const probe = machine({ absent: ['/usr/bin/chromium'], chromiumPath: '/opt/chrome/chrome' });
    assert.deepEqual(preflight.findMissing('test', probe), []);
  });

  it('as root with apt-get: installs the missing packages with one apt-get line', () => {
    const probe = machine({ isRoot: true, absent: ['pc:krb5-gssapi', 'gssapi/gssapi.h', '/usr/bin/chromium', 'DejaVuSans.ttf'] });
    const missing = preflight.findMissing('test', probe);
    assert.deepEqual(preflight.decide('test', missing, probe), {
      action: 'install',
      packages: ['libkrb5-dev', 'chromium', 'fonts-dejavu-core'],
      command: 'apt-get install -y --no-install-recommends libkrb5-dev chromium fonts-dejavu-core',
    });
  });

  it('as a user: stops with one line naming what is missing and the sudo command', () => {
    const probe = machine({ absent: ['pc:libsecret-1', 'libsecret-1/libsecret/secret.h', 'make'] });
    const decision = preflight.decide('test', preflight.findMissing('test', probe), probe);
    assert.equal(decision.action, 'stop');
    const message = (decision as { message: string }).message;
    assert.equal(message.split('\n').length, 1);
    assert.equal(
      message,
      'npm run test needs make, libsecret headers, which are missing. Install with: sudo apt-get install -y --no-install-recommends make libsecret-1-dev',
    );
  });

  it('as root without apt-get, or on another system: stops and points at the README', () => {
    const noApt = machine({ isRoot: true, hasApt: false, absent: ['g++'] });
    const linux = preflight.decide('demo', preflight.findMissing('demo', noApt), noApt);
    assert.equal(linux.action, 'stop');
    assert.match((linux as { message: string }).message, /^npm run demo needs g\+\+, which is missing\. .*"Other systems"/);
    const mac = machine({ platform: 'darwin', absent: ['/usr/bin/chromium'] });
    const onMac = preflight.decide('test', preflight.findMissing('test', mac), mac);
    assert.match((onMac as { message: string }).message, /Linux only.*npm run test:unit/);
  });

  it('main: exit 2 within the same call and prints the message on stderr only', () => {
    const out: string[] = [];
    const err: string[] = [];
    const started = Date.now();
    const status = preflight.main(['--for', 'test'], {
      probe: () => machine({ absent: ['/usr/bin/chromium'] }),
      runApt: () => assert.fail('a user must not run apt-get'),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    assert.equal(status, 2);
    assert.deepEqual(out, []);
    assert.deepEqual(err, ['preflight: npm run test needs Chromium, which is missing. Install with: sudo apt-get install -y --no-install-recommends chromium']);
    assert.ok(Date.now() - started < 1000);
  });

  it('main as root: prints the one apt-get line, installs quietly, and re-checks', () => {
    let installed = false;
    const calls: string[][] = [];
    const out: string[] = [];
    const err: string[] = [];
    const status = preflight.main(['--for', 'demo'], {
      probe: () => machine({ isRoot: true, absent: installed ? [] : ['pc:xkbfile', 'X11/extensions/XKBfile.h'] }),
      runApt: (args) => {
        calls.push(args);
        if (args[0] === 'install') installed = true;
        return { ok: true, output: 'lots of apt output nobody needs to see' };
      },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    assert.equal(status, 0);
    assert.deepEqual(out, ['preflight: apt-get install -y --no-install-recommends libxkbfile-dev']);
    assert.deepEqual(err, []);
    assert.deepEqual(calls, [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'libxkbfile-dev']]);
  });

  it('main as root: exit 2 with apt-get\'s last lines when the install does not provide the package', () => {
    const err: string[] = [];
    const status = preflight.main(['--for', 'test'], {
      probe: () => machine({ isRoot: true, absent: ['/usr/bin/chromium'] }),
      runApt: (args) => ({ ok: args[0] === 'update', output: args[0] === 'install' ? 'E: Unable to locate package chromium' : '' }),
      out: () => undefined,
      err: (l) => err.push(l),
    });
    assert.equal(status, 2);
    assert.deepEqual(err, ['preflight: apt-get could not install chromium:\nE: Unable to locate package chromium']);
  });

  it('main: refuses an unknown purpose', () => {
    const err: string[] = [];
    assert.equal(preflight.main(['--for', 'bogus'], { probe: () => machine(), out: () => undefined, err: (l) => err.push(l) }), 2);
    assert.match(err[0] ?? '', /--for must be one of test, demo/);
  });

  it('reads the harness versions from package.json and trusts only a matching install stamp', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-'));
    try {
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ config: { codeServerVersion: '9.9.9', codeServerNodeMajor: 24 } }));
      assert.deepEqual(preflight.harnessVersions(root), { codeServer: '9.9.9', nodeMajor: 24 });
      assert.equal(preflight.codeServerInstalled(root), false);
      const dir = path.join(root, '.vscode-test', 'code-server-9.9.9');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, '.installed.json'), JSON.stringify({ codeServer: '9.9.9', nodeMajor: 22 }));
      assert.equal(preflight.codeServerInstalled(root), false);
      fs.writeFileSync(path.join(dir, '.installed.json'), JSON.stringify({ codeServer: '9.9.9', nodeMajor: 24 }));
      assert.equal(preflight.codeServerInstalled(root), true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
