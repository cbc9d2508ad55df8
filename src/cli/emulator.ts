/**
 * Command-line entry of the local Databricks Secrets API emulator (bundled to dist/emulator.js).
 * Prints one line `Databricks Secrets emulator listening on URL`; Ctrl-C or SIGTERM stop it cleanly.
 */
import { USAGE, UsageError, parseEmulatorArgs } from '../core/emulator/args';
import { startEmulator } from '../core/emulator/server';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseEmulatorArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`databricks-secrets-emulator: ${error.message}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  let emulator;
  try {
    emulator = await startEmulator(parsed.options);
  } catch (error) {
    console.error(`databricks-secrets-emulator: could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`Databricks Secrets emulator listening on ${emulator.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(130); // a second Ctrl-C does not wait
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`databricks-secrets-emulator: error while stopping: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
