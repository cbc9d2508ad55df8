/**
 * Loads the editor features (`features.ts`: the detector, findings, CodeLens, quick fixes, the move) on first use,
 * so activation stays cheap. Type-only imports of './features' are free; every value must come through here.
 *
 * In the packaged extension they are their own bundle, `dist/editor.js`, next to `dist/extension.js` (see
 * esbuild.mjs); run from tsc output it is `out/src/host/editor/features.js`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Features from './features';

export type EditorModule = typeof Features;

/** The editor bundle built next to the extension bundle. */
const BUNDLED_EDITOR = join(__dirname, 'editor.js');

let loaded: EditorModule | undefined;

/** Returns the editor module, loading it (synchronously, a few milliseconds) the first time. */
export function loadEditor(): EditorModule {
  if (!loaded) {
    // createRequire keeps esbuild from inlining the module into the extension bundle.
    const load = createRequire(__filename);
    loaded = (existsSync(BUNDLED_EDITOR) ? load(BUNDLED_EDITOR) : load('./features')) as EditorModule;
  }
  return loaded;
}
