/**
 * Loads the secret and scope commands (about 30 KB minified) on their first use, so activation stays cheap; the
 * same pattern as lazyApi.ts. In the packaged extension they are `dist/commands.js`; from tsc output,
 * `out/src/host/commands/secretCommands`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Commands from './commands/secretCommands';

export type CommandsModule = typeof Commands;

const BUNDLED_COMMANDS = join(__dirname, 'commands.js');

let loaded: CommandsModule | undefined;

/** Returns the commands module, loading it the first time. */
export function loadCommands(): CommandsModule {
  if (!loaded) {
    const load = createRequire(__filename);
    loaded = (existsSync(BUNDLED_COMMANDS) ? load(BUNDLED_COMMANDS) : load('./commands/secretCommands')) as CommandsModule;
  }
  return loaded;
}
