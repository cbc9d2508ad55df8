import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/core/emulator/server';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import type { CodeServerInstall } from './install';
import { CACHE_DIR, PROJECT_ROOT } from './paths';
import { tail, type ProcessSupervisor } from './processes';
import { workbenchUrl } from './workbenchUrl';

/** The emulator's default admin token; the extension reads it from DATABRICKS_TOKEN like the Databricks CLI does. */
export const ADMIN_TOKEN = 'dapi-local-admin';

/** Options for {@link startWorkbenchSession}. */
export interface SessionOptions {
  supervisor: ProcessSupervisor;
  install: CodeServerInstall;
  /** Holds `user-data/` and `extensions/` (and `workspace/` unless `workspaceFolder` is given). */
  runDir: string;
  workspaceFolder?: string;
  emulator?: EmulatorOptions;
  /** More variables for code-server's environment (e.g. DBSECRETS_TEST_RESULT). */
  env?: Record<string, string>;
  /**
   * A packaged extension (.vsix) to install into the fresh extensions folder; the workbench then runs it as a
   * person's VS Code would, instead of loading the project as an extension under development.
   */
  vsix?: string;
  /** code-server's port; default a free one. */
  port?: number;
  /** Copy code-server's output to stderr as it comes. */
  echo?: boolean;
}

/** A running emulator plus a code-server whose extension host sees it as the environment workspace. */
export interface WorkbenchSession {
  emulator: RunningEmulator;
  codeServer: RunningCodeServer;
  workspaceFolder: string;
  /** Workbench URL with the extension under development loaded (unless a .vsix was installed); with `testsPath`, the suite runs instead. */
  urlFor(testsPath?: string): string;
}

/** Makes a fresh scratch folder for one run under `.vscode-test/runs/`. */
export function newRunDir(label: string): string {
  const root = path.join(CACHE_DIR, 'runs');
  fs.mkdirSync(root, { recursive: true });
  return fs.mkdtempSync(path.join(root, `${label}-`));
}

/**
 * Starts the emulator (in this process) and code-server on free ports, with DATABRICKS_HOST/DATABRICKS_TOKEN
 * pointing the extension at the emulator. Both are stopped by the supervisor.
 */
export async function startWorkbenchSession(options: SessionOptions): Promise<WorkbenchSession> {
  const { supervisor } = options;
  const emulator = await startEmulator({ port: 0, ...options.emulator });
  supervisor.onStop('emulator', () => emulator.close());
  const workspaceFolder = options.workspaceFolder ?? path.join(options.runDir, 'workspace');
  fs.mkdirSync(workspaceFolder, { recursive: true });
  const extensionsDir = path.join(options.runDir, 'extensions');
  // A home folder of its own, so no test ever reads (or writes) the real ~/.databrickscfg.
  const home = path.join(options.runDir, 'home');
  fs.mkdirSync(home, { recursive: true });
  if (options.vsix) await installVsix(supervisor, options.install, options.vsix, extensionsDir);
  const codeServer = await startCodeServer({
    install: options.install,
    supervisor,
    userDataDir: path.join(options.runDir, 'user-data'),
    extensionsDir,
    folder: workspaceFolder,
    port: options.port || undefined,
    echo: options.echo,
    env: {
      DATABRICKS_HOST: emulator.url,
      DATABRICKS_TOKEN: ADMIN_TOKEN,
      DBSECRETS_EMULATOR_URL: emulator.url,
      HOME: home,
      DATABRICKS_CONFIG_FILE: path.join(home, '.databrickscfg'),
      ...options.env,
    },
  });
  return {
    emulator,
    codeServer,
    workspaceFolder,
    urlFor: (testsPath) =>
      workbenchUrl(codeServer.url, workspaceFolder, {
        extensionDevelopmentPath: options.vsix ? undefined : PROJECT_ROOT,
        extensionTestsPath: testsPath,
      }),
  };
}

/** Installs a .vsix into `extensionsDir` with code-server's own CLI (no gallery involved). */
async function installVsix(supervisor: ProcessSupervisor, install: CodeServerInstall, vsix: string, extensionsDir: string): Promise<void> {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  const proc = supervisor.spawn('code-server --install-extension', install.nodeBinary, [
    install.entryScript,
    '--extensions-dir', extensionsDir,
    '--install-extension', path.resolve(vsix),
  ]);
  const code = await proc.exited;
  if (code !== 0) throw new Error(`installing ${vsix} failed (${code}):\n${tail(proc.output(), 20)}`);
}
