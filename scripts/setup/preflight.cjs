#!/usr/bin/env node
'use strict';
/**
 * Preflight for `npm run demo`, `npm test` and the integration/e2e runs: before anything long starts, checks that
 * this machine can build code-server's native modules (only while code-server is not yet installed in
 * `.vscode-test/`) and has the browser the tests drive. Run as root on a machine with apt-get, it installs what is
 * missing (printing the one `apt-get install` line it runs); otherwise it stops at once with exit status 2 and one
 * message naming what is missing and the command that installs it.
 *
 *   node scripts/setup/preflight.cjs --for test    build tools (unless code-server is installed) + Chromium
 *   node scripts/setup/preflight.cjs --for demo    build tools (unless code-server is installed)
 *
 * Plain CommonJS with no dependencies: it runs before `npm run build`, and with nothing but Node installed.
 * `.ci/run` calls it too, so the list of packages lives only here.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * What the harness needs. `need: 'build'` compiles code-server's native modules (kerberos, native-keymap,
 * @vscode/spdlog...) for Node 24; `need: 'browser'` shows the workbench. Each entry is present when one of its
 * probes succeeds: a command on PATH, a pkg-config module, or a header file.
 */
const REQUIREMENTS = [
  { name: 'g++', need: 'build', debian: 'g++', commands: ['g++'] },
  { name: 'make', need: 'build', debian: 'make', commands: ['make'] },
  { name: 'python3', need: 'build', debian: 'python3', commands: ['python3'] },
  { name: 'pkg-config', need: 'build', debian: 'pkg-config', commands: ['pkg-config'] },
  { name: 'Kerberos headers', need: 'build', debian: 'libkrb5-dev', pkgConfig: 'krb5-gssapi', headers: ['gssapi/gssapi.h'] },
  { name: 'libsecret headers', need: 'build', debian: 'libsecret-1-dev', pkgConfig: 'libsecret-1', headers: ['libsecret-1/libsecret/secret.h'] },
  { name: 'xkbfile headers', need: 'build', debian: 'libxkbfile-dev', pkgConfig: 'xkbfile', headers: ['X11/extensions/XKBfile.h'] },
  { name: 'X11 headers', need: 'build', debian: 'libx11-dev', pkgConfig: 'x11', headers: ['X11/Xlib.h'] },
  { name: 'Chromium', need: 'browser', debian: 'chromium', browser: true },
  { name: 'a font for Chromium', need: 'browser', debian: 'fonts-dejavu-core', files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'] },
];

/** What each entry point needs. */
const PURPOSES = { test: ['build', 'browser'], demo: ['build'] };

const INCLUDE_DIRS = ['/usr/include', '/usr/local/include'];

/** The code-server version and Node major the harness installs (package.json `config`, shared with install.ts). */
function harnessVersions(root = PROJECT_ROOT) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return { codeServer: pkg.config.codeServerVersion, nodeMajor: pkg.config.codeServerNodeMajor };
}

/** True when `.vscode-test/` already holds a finished code-server install of the wanted version (its stamp). */
function codeServerInstalled(root = PROJECT_ROOT) {
  const { codeServer, nodeMajor } = harnessVersions(root);
  const dir = path.join(root, '.vscode-test', `code-server-${codeServer}`);
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, '.installed.json'), 'utf8'));
    return stamp.codeServer === codeServer && stamp.nodeMajor === nodeMajor;
  } catch {
    return false;
  }
}

/** The real machine, as the checks see it. Tests pass their own. */
function realProbe() {
  const pathDirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  const isExecutable = (file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  };
  const hasCommand = (name) => pathDirs.some((dir) => isExecutable(path.join(dir, name)));
  return {
    platform: process.platform,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasApt: hasCommand('apt-get'),
    hasCommand,
    fileExists: (file) => fs.existsSync(file),
    pkgConfigExists: (module) =>
      hasCommand('pkg-config') && spawnSync('pkg-config', ['--exists', module], { stdio: 'ignore', timeout: 5000 }).status === 0,
    chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    codeServerInstalled: codeServerInstalled(),
  };
}

/** True when one of the requirement's probes finds it. */
function isPresent(req, probe) {
  if (req.commands && req.commands.some((c) => probe.hasCommand(c))) return true;
  // Header files first: a file test costs nothing, pkg-config is a process (asked only for headers elsewhere).
  if (req.headers && req.headers.every((h) => INCLUDE_DIRS.some((dir) => probe.fileExists(path.join(dir, h))))) return true;
  if (req.pkgConfig && probe.pkgConfigExists(req.pkgConfig)) return true;
  if (req.files && req.files.some((f) => probe.fileExists(f))) return true;
  if (req.browser && probe.fileExists(probe.chromiumPath)) return true;
  return false;
}

/**
 * The requirements a purpose needs that this machine lacks. Build tools only matter while code-server still has to
 * be compiled; on Linux only (elsewhere the harness does not run, see the README).
 */
function findMissing(purpose, probe) {
  const needs = PURPOSES[purpose];
  if (!needs) throw new Error(`unknown purpose "${purpose}" (known: ${Object.keys(PURPOSES).join(', ')})`);
  return REQUIREMENTS.filter((req) => {
    if (!needs.includes(req.need)) return false;
    if (req.need === 'build' && probe.codeServerInstalled) return false;
    return !isPresent(req, probe);
  });
}

/** The Debian packages that provide `missing`, in the list's order, each once. */
function debianPackages(missing) {
  return [...new Set(missing.map((req) => req.debian))];
}

/** The one apt-get line that installs `missing` (what root runs, and what others are told to run with sudo). */
function aptInstallCommand(missing) {
  return `apt-get install -y --no-install-recommends ${debianPackages(missing).join(' ')}`;
}

/**
 * What to do about `missing`: nothing, install it (root with apt-get), or stop with one message and exit status 2.
 * @returns {{ action: 'ok' } | { action: 'install', packages: string[], command: string } | { action: 'stop', message: string }}
 */
function decide(purpose, missing, probe) {
  if (missing.length === 0) return { action: 'ok' };
  if (probe.platform === 'linux' && probe.hasApt && probe.isRoot) {
    return { action: 'install', packages: debianPackages(missing), command: aptInstallCommand(missing) };
  }
  return { action: 'stop', message: stopMessage(purpose, missing, probe) };
}

/** The one message a person gets when something is missing and this script cannot install it. */
function stopMessage(purpose, missing, probe) {
  const names = missing.map((req) => req.name).join(', ');
  const what = `npm run ${purpose === 'demo' ? 'demo' : 'test'} needs ${names}, which ${missing.length === 1 ? 'is' : 'are'} missing`;
  if (probe.platform === 'linux' && probe.hasApt) {
    return `${what}. Install with: sudo ${aptInstallCommand(missing)}`;
  }
  if (probe.platform === 'linux') {
    return `${what}. Install them with your package manager (the README's "Other systems" lists the Fedora and Arch packages), then run again.`;
  }
  return `${what}. The VS Code harness runs on Linux only for now; on ${probe.platform} run the unit tests with "npm run test:unit" (see the README's "Other systems").`;
}

function runApt(args) {
  const result = spawnSync('apt-get', args, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: result.status === 0, output: `${result.stdout || ''}${result.stderr || ''}` };
}

/**
 * Runs the preflight; returns the exit status (0 ready, 2 something missing). `deps` replaces the machine in tests.
 * @param {string[]} argv
 * @param {{ probe?: () => object, runApt?: (args: string[]) => { ok: boolean, output: string }, out?: (l: string) => void, err?: (l: string) => void }} deps
 */
function main(argv = process.argv.slice(2), deps = {}) {
  const probeFactory = deps.probe || realProbe;
  const apt = deps.runApt || runApt;
  const io = { out: deps.out || console.log, err: deps.err || console.error };
  const forIndex = argv.indexOf('--for');
  const purpose = forIndex >= 0 ? argv[forIndex + 1] : 'test';
  if (!PURPOSES[purpose]) {
    io.err(`preflight: --for must be one of ${Object.keys(PURPOSES).join(', ')}`);
    return 2;
  }
  let probe = probeFactory();
  let missing = findMissing(purpose, probe);
  const decision = decide(purpose, missing, probe);
  if (decision.action === 'ok') return 0;
  if (decision.action === 'stop') {
    io.err(`preflight: ${decision.message}`);
    return 2;
  }
  // Root with apt-get: install quietly, printing only the line that does it.
  io.out(`preflight: ${decision.command}`);
  apt(['update', '-qq']); // a fresh machine has no package lists; a failure here shows up in the install below
  const install = apt(['install', '-y', '-qq', '--no-install-recommends', ...decision.packages]);
  probe = probeFactory();
  missing = findMissing(purpose, probe);
  if (!install.ok || missing.length > 0) {
    const lastLines = install.output.trim().split('\n').slice(-5).join('\n');
    const failed = missing.length > 0 ? debianPackages(missing) : decision.packages;
    io.err(`preflight: apt-get could not install ${failed.join(' ')}${lastLines ? `:\n${lastLines}` : ''}`);
    return 2;
  }
  return 0;
}

module.exports = {
  REQUIREMENTS,
  PURPOSES,
  findMissing,
  decide,
  aptInstallCommand,
  debianPackages,
  stopMessage,
  harnessVersions,
  codeServerInstalled,
  main,
};

if (require.main === module) process.exitCode = main();
