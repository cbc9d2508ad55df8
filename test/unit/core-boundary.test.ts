import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const coreDir = join(root, 'src', 'core');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Matches `import ... from 'vscode'`, `import 'vscode'`, `require('vscode')` and `import('vscode')`. */
export const VSCODE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]vscode['"]/;

describe('src/core boundary', () => {
  it('the pattern recognises every way of importing vscode', () => {
    for (const line of [
      "import * as vscode from 'vscode';",
      'import { window } from "vscode";',
      "import 'vscode';",
      "const v = require('vscode');",
      "const v = await import('vscode');",
    ]) {
      assert.match(line, VSCODE_IMPORT, line);
    }
    assert.doesNotMatch("import { z } from 'zod'; // vscode", VSCODE_IMPORT);
  });

  it('no file under src/core imports vscode', () => {
    const files = walk(coreDir);
    assert.ok(files.length > 0, 'src/core has TypeScript files');
    const offenders = files.filter((f) => VSCODE_IMPORT.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    assert.deepEqual(offenders, [], `src/core must not import vscode: ${offenders.join(', ')}`);
  });
});
