import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS_DIR } from './paths';

/**
 * Keeps what a run leaves for a person to read in `test-artifacts/`: code-server's output as `<label>-code-server.log`
 * and VS Code's logs (extension host, and the extension's own "Databricks Secrets" channel) under `<label>-logs/`.
 * Called before the run's scratch folder is deleted; never throws.
 */
export function keepRunLogs(label: string, runDir: string, codeServerOutput: string | undefined): void {
  try {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    if (codeServerOutput !== undefined) fs.writeFileSync(path.join(ARTIFACTS_DIR, `${label}-code-server.log`), codeServerOutput);
    const logs = path.join(runDir, 'user-data', 'logs');
    const target = path.join(ARTIFACTS_DIR, `${label}-logs`);
    fs.rmSync(target, { recursive: true, force: true });
    if (fs.existsSync(logs)) fs.cpSync(logs, target, { recursive: true });
  } catch (err) {
    console.error(`(could not keep the logs of this run: ${err instanceof Error ? err.message : String(err)})`);
  }
}
