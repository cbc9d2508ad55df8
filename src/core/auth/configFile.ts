/**
 * Finds and reads the Databricks config file: `DATABRICKS_CONFIG_FILE`, else `~/.databrickscfg` (a leading `~`
 * is the home folder, as the CLI does it).
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readProfiles, type ConfigProfiles } from './profiles';

/** Where the config file is: `DATABRICKS_CONFIG_FILE` when set, else `~/.databrickscfg`. */
export function configFilePath(env: NodeJS.ProcessEnv = process.env, home: string = env.HOME || homedir()): string {
  const configured = env.DATABRICKS_CONFIG_FILE?.trim();
  if (configured) return configured.startsWith('~') ? join(home, configured.slice(1)) : configured;
  return join(home, '.databrickscfg');
}

/** The outcome of reading the config file. */
export type ConfigFileResult =
  | ({ status: 'ok'; path: string } & ConfigProfiles)
  | { status: 'missing'; path: string; message: string }
  | { status: 'unreadable'; path: string; message: string };

/** Largest config file read (a real one is a few KB). */
const MAX_BYTES = 1024 * 1024;

/** Reads and classifies the profiles of the config file at `path`. Never throws; never quotes file content. */
export async function loadConfigFile(path: string): Promise<ConfigFileResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { status: 'missing', path, message: `No Databricks config file at ${path}. Create one with \`databricks configure\` or \`databricks auth login\`, or set DATABRICKS_CONFIG_FILE.` };
    }
    if (code === 'EISDIR') return { status: 'unreadable', path, message: `${path} is a folder, not a Databricks config file.` };
    return { status: 'unreadable', path, message: `Could not read ${path} (${code ?? 'error'}).` };
  }
  if (bytes.length > MAX_BYTES) {
    return { status: 'unreadable', path, message: `${path} is larger than 1 MB; it does not look like a Databricks config file.` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { status: 'unreadable', path, message: `${path} is not UTF-8 text.` };
  }
  return { status: 'ok', path, ...readProfiles(text) };
}
