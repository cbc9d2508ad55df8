/**
 * The detector for the editor features' implementation. Those modules are themselves loaded lazily as one bundle
 * (`dist/editor.js`, see `lazyEditor.ts`), so the detector comes with them and nothing is loaded at activation.
 */
import * as engine from './engine';

export type DetectorModule = typeof engine;

/** The detector module. */
export function loadDetector(): DetectorModule {
  return engine;
}
