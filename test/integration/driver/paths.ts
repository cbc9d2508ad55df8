import * as path from 'node:path';

/** Absolute path of the project root (the folder holding package.json). Compiled code lives in out/test/integration/driver. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Git-ignored cache for Node 24, code-server and per-run scratch folders. */
export const CACHE_DIR = path.join(PROJECT_ROOT, '.vscode-test');

/** Git-ignored folder for screenshots and logs that tests leave behind. */
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'test-artifacts');

/** Compiled integration-suite entry point (exports `run()`), loaded by both hosts. */
export const INTEGRATION_TESTS_ENTRY = path.join(PROJECT_ROOT, 'out', 'test', 'integration', 'index.js');
