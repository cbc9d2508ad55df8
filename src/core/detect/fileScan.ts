import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolveConfig, type DetectorConfig } from './config';
import { detect, detectBytes } from './scan';
import type { Finding } from './types';
import { looksBinary } from './walk';

/**
 * A copy of a string that shares no memory with the string it was sliced from. V8 keeps a sliced string's whole
 * parent alive (for slices of 13 characters or more); concatenating and slicing again makes V8 flatten a fresh copy.
 */
function own(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/**
 * Findings whose strings are their own. The secret, name and replacement are slices of the scanned text: without
 * the copy, a run over many files keeps every piece of text that had a finding alive, and the garbage collector
 * copies each of them into the old generation.
 */
function detached(findings: Finding[]): Finding[] {
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const copy: { -readonly [K in keyof Finding]: Finding[K] } = { ...f, secret: own(f.secret), suggestedKey: own(f.suggestedKey) };
    if (f.name !== undefined) copy.name = own(f.name);
    if (f.replacement) copy.replacement = { range: f.replacement.range, text: own(f.replacement.text) };
    if (f.cell?.replacementText !== undefined) copy.cell = { ...f.cell, replacementText: own(f.cell.replacementText) };
    findings[i] = copy;
  }
  return findings;
}

/** What scanning one file gave: its findings, or why it was not scanned. */
export type FileResult =
  | { readonly kind: 'ok'; readonly findings: Finding[] }
  | { readonly kind: 'binary' }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'error'; readonly message: string };

/**
 * Reads and scans files one after another, reusing one read buffer: fresh memory is costly on some machines
 * (every new page faults), and a buffer per file would touch as many new pages as the files hold.
 */
export class FileScanner {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private readonly config: DetectorConfig;

  constructor(config: Partial<DetectorConfig> = {}) {
    // Paths were filtered by the walk already.
    this.config = { ...resolveConfig(config), ignorePaths: [] };
  }

  /**
   * Reads `path` (one read into the shared buffer), skips binaries and detects. Most files are scanned from the
   * bytes, decoding only the lines that hold a keyword; Jupyter notebooks and files with PEM blocks or
   * `ignore-next-line` markers are decoded whole. Never throws.
   */
  scan(path: string): FileResult {
    let bytes: Buffer | undefined;
    try {
      bytes = this.read(path);
    } catch (e) {
      return { kind: 'error', message: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
    }
    if (!bytes) return { kind: 'too-large' };
    if (looksBinary(bytes)) return { kind: 'binary' };
    // Pure-ASCII files (most source files) decode as latin1, a plain copy; others as UTF-8.
    const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
    const options = { fileName: path, config: this.config };
    // From the bytes, findings hold slices of single decoded lines (small); from the whole text, slices of the file.
    const fromBytes = detectBytes(bytes, encoding, options);
    return { kind: 'ok', findings: fromBytes ?? detached(detect(bytes.toString(encoding), options)) };
  }

  /** The file's bytes, or undefined when it is larger than `maxFileBytes`. */
  private read(path: string): Buffer | undefined {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > this.config.maxFileBytes) return undefined;
      if (this.buffer.length < size + 1) this.buffer = Buffer.allocUnsafe(Math.max(size + 1, this.buffer.length * 2));
      let n = 0;
      for (;;) {
        if (n === this.buffer.length) {
          // The file grew since it was measured.
          const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
          this.buffer.copy(bigger, 0, 0, n);
          this.buffer = bigger;
        }
        const want = this.buffer.length - n;
        const r = readSync(fd, this.buffer, n, want, null);
        n += r;
        // A regular file reads short only at its end: no need for one more read to see 0.
        if (r === 0 || r < want) break;
      }
      return this.buffer.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  }
}
