import type { Page } from 'playwright-core';
import type { WorkbenchSession } from '../integration/driver/session';

/** What a flow gets: a fresh workbench page with the extension loaded, and the emulator behind it. */
export interface FlowContext {
  page: Page;
  session: WorkbenchSession;
  /** Folder for screenshots (git-ignored `test-artifacts/`). */
  artifactsDir: string;
  /** GET on the emulator's REST API with the admin token; the parsed JSON answer. */
  emulatorGet<T>(apiPath: string): Promise<T>;
  /** Progress line for the person watching the run. */
  log(message: string): void;
}

/** One thing a person does in the workbench, checked end to end. Throws with a clear message when it goes wrong. */
export interface E2eFlow {
  name: string;
  run(context: FlowContext): Promise<void>;
}
