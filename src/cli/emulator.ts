/**
 * Command-line entry of the local Databricks Secrets API emulator (bundled to dist/emulator.js).
 * Prints one line `Databricks Secrets emulator listening on URL`; Ctrl-C or SIGTERM stop it cleanly.
 */
import { USAGE, UsageError, parseEmulatorArgs } from '../core/emulator/args';
import { RunningEmulator, startEmulator } from '../core/emulator/server';

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
  // Signal handlers go in before the listening line is printed, so a supervisor that stops the emulator as soon
  // as it reads that line always gets a clean exit.
  let stopRequested = false;
  let stop: () => void = () => {
    stopRequested = true;
  };
  const onSignal = (): void => stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator(parsed.options);
  } catch (error) {
    console.error(`databricks-secrets-emulator: could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  let stopping = false;
  stop = (): void => {
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
  if (stopRequested) {
    stop();
    return;
  }
  console.log(`Databricks Secrets emulator listening on ${emulator.url}`);
}

void main();
