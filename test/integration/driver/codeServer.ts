import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort } from './freePort';
import type { CodeServerInstall } from './install';
import { waitForOutput, type ProcessSupervisor, type SupervisedProcess } from './processes';

/** Options for {@link startCodeServer}. */
export interface CodeServerOptions {
  install: CodeServerInstall;
  supervisor: ProcessSupervisor;
  /** Fresh per run: VS Code's settings, state and SecretStorage. */
  userDataDir: string;
  /** Fresh per run, so extensions installed elsewhere never load. */
  extensionsDir: string;
  /** Folder opened when the URL names none. */
  folder: string;
  /** Variables for the server process; they reach the extension host. */
  env: Record<string, string>;
  port?: number;
  echo?: boolean;
}

/** A code-server listening on 127.0.0.1. */
export interface RunningCodeServer {
  url: string;
  port: number;
  process: SupervisedProcess;
}

const START_TIMEOUT_MS = 90_000;

/** User settings that keep the workbench quiet and offline: no welcome page, no gallery or update checks. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Drops variables from the parent that would leak into, or confuse, VS Code's extension host. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(DATABRICKS_|DBSECRETS_|ARM_|AZURE_)/i.test(k)) continue; // only what the driver sets on purpose
    if (/^(npm_|NODE_OPTIONS$|ELECTRON_RUN_AS_NODE$|VSCODE_)/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

/** Starts code-server (with the smoke-test driver enabled, so the URL `payload` is honoured) and waits until it listens. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const port = options.port ?? (await freePort());
  const settingsDir = path.join(options.userDataDir, 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  fs.mkdirSync(options.extensionsDir, { recursive: true });
  const settingsFile = path.join(settingsDir, 'settings.json');
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify(QUIET_SETTINGS, null, 2));
  // Its own config file, so code-server neither reads nor writes ~/.config/code-server/config.yaml.
  const configFile = path.join(options.userDataDir, 'code-server.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    options.install.entryScript,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    options.folder,
  ];
  const proc = options.supervisor.spawn('code-server', options.install.nodeBinary, args, {
    env: { ...inheritedEnv(), ...options.env },
    cwd: options.folder,
    echo: options.echo,
  });
  const match = await waitForOutput(proc, /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))/, START_TIMEOUT_MS);
  return { url: `${match[1]}/`, port: Number(match[2]), process: proc };
}
