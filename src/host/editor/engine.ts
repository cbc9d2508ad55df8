/**
 * Entry point of the lazily loaded detector bundle (`dist/detect.js`, see esbuild.mjs and `lazyDetect.ts`): the
 * detector's public API, the command line's folder walk and file scanner (for Scan Workspace), and the pure helpers
 * the editor features need. No `vscode` import: everything here is tested with plain mocha.
 */
import { secretReference } from '../../core/detect';
import type { Finding, Language } from '../../core/detect';

export {
  detect,
  maskSecret,
  parseConfig,
  resolveConfig,
  defaultConfig,
  ConfigError,
  matchesAnyGlob,
  secretReference,
  languageFromFileName,
  languageFromId,
  SECRET_KEY_PATTERN,
} from '../../core/detect';
export type { Finding, DetectorConfig, Language, Range, Position } from '../../core/detect';
export { walk } from '../../core/detect/walk';
export { FileScanner } from '../../core/detect/fileScan';

/** The replacement of a finding's literal with another scope and key, or undefined when the finding has none. */
export function replacementFor(finding: Pick<Finding, 'language' | 'suggestedKey' | 'replacement'>, configScope: string, scope: string, key: string): string | undefined {
  const text = finding.replacement?.text;
  if (text === undefined) return undefined;
  const suggested = secretReference(finding.language, configScope, finding.suggestedKey);
  const wanted = secretReference(finding.language, scope, key);
  if (suggested === undefined || wanted === undefined) return undefined;
  // The detector writes the reference once, after any literal text kept before the secret.
  const at = text.indexOf(suggested);
  if (at < 0) return undefined;
  return text.slice(0, at) + wanted + text.slice(at + suggested.length);
}

/** Where a suppression comment goes: at the end of the finding's line, or on a line of its own above it. */
export interface Suppression {
  readonly placement: 'end-of-line' | 'line-above';
  /** The comment to insert (without the leading space or the line break). */
  readonly comment: string;
}

/** The comment token of a scanned language, or undefined when it has none. */
export function commentToken(language: Language): { open: string; close?: string } | undefined {
  switch (language) {
    case 'python': case 'r': case 'shell': case 'env': case 'yaml': case 'sparkconf': case 'plaintext': return { open: '#' };
    case 'scala': return { open: '//' };
    case 'sql': return { open: '--' };
    case 'markdown': return { open: '<!--', close: '-->' };
    default: return undefined;
  }
}

/**
 * The suppression comment the detector knows (`dbsecrets: ignore`), in the language's comment syntax, for the line
 * `lineText`. Environment files and lines continued with a backslash get `ignore-next-line` on the line above (a
 * trailing `#` may become part of a `.env` value; nothing may follow a line continuation). Undefined for languages
 * without comments (JSON).
 */
export function suppressionFor(language: Language, lineText: string): Suppression | undefined {
  const token = commentToken(language);
  if (!token) return undefined;
  const wrap = (marker: string): string => (token.close ? `${token.open} ${marker} ${token.close}` : `${token.open} ${marker}`);
  if (language === 'env' || /\\\s*$/.test(lineText)) return { placement: 'line-above', comment: wrap('dbsecrets: ignore-next-line') };
  return { placement: 'end-of-line', comment: wrap('dbsecrets: ignore') };
}

/** Keys for several findings moved at once: each suggestion, numbered when two different values would share one. */
export function distinctKeys(findings: ReadonlyArray<Pick<Finding, 'suggestedKey' | 'secret'>>): string[] {
  const byKey = new Map<string, string>(); // key → the value it holds
  const byValue = new Map<string, string>(); // value → its key (the same value twice shares one key)
  return findings.map((f) => {
    const known = byValue.get(f.secret);
    if (known !== undefined) return known;
    let key = f.suggestedKey;
    for (let n = 2; byKey.has(key) && byKey.get(key) !== f.secret; n++) key = `${f.suggestedKey.slice(0, 120)}-${n}`;
    byKey.set(key, f.secret);
    byValue.set(f.secret, key);
    return key;
  });
}
