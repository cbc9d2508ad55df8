/** One test as reported in the result file. */
export interface TestOutcome {
  title: string;
  fullTitle: string;
  durationMs?: number;
}

/** A failed test (or hook) with the reason. */
export interface TestFailure extends TestOutcome {
  message: string;
  stack?: string;
}

/** The JSON the integration suite writes to `$DBSECRETS_TEST_RESULT` when it has finished. */
export interface TestResults {
  /** `vscode.env.appHost` and `vscode.version` of the host that ran the suite. */
  host: { appHost: string; vscodeVersion: string };
  passes: TestOutcome[];
  failures: TestFailure[];
  pending: TestOutcome[];
  totals: { tests: number; passes: number; failures: number; pending: number; durationMs: number };
  /** Set when the suite could not run at all (e.g. a test file failed to load). */
  error?: string;
}

/** Environment variable naming the result file. */
export const RESULT_FILE_ENV = 'DBSECRETS_TEST_RESULT';

/** Prints results the way a person reads them, ending with the `N passed, N failed` line CI reads. */
export function printResults(label: string, results: TestResults, print: (line: string) => void = console.log): void {
  print(`\n${label} suite ran in ${results.host.appHost} (VS Code ${results.host.vscodeVersion}):`);
  for (const t of results.passes) print(`  ✔ ${t.fullTitle}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
  for (const t of results.pending) print(`  - ${t.fullTitle} (pending)`);
  results.failures.forEach((f, i) => {
    print(`  ${i + 1}) ✘ ${f.fullTitle}`);
    for (const line of (f.stack ?? f.message).split('\n').slice(0, 12)) print(`       ${line}`);
  });
  if (results.error) print(`  suite error: ${results.error}`);
  const skipped = results.totals.pending ? `, ${results.totals.pending} skipped` : '';
  const failed = results.totals.failures + (results.error ? 1 : 0); // a suite that could not load counts as a failure
  print(`${label}: ${results.totals.passes} passed, ${failed} failed${skipped}`);
}

/** True when the results say the run is good: no failure, no suite error, and at least one test ran. */
export function resultsPassed(results: TestResults): boolean {
  return !results.error && results.totals.failures === 0 && results.failures.length === 0 && results.totals.passes > 0;
}
