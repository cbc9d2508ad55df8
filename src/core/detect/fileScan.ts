import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolveConfig, type DetectorConfig } from './config';
import { detectBytes, detectWithNote, notebookSourceLength } from './scan';
import type { Finding } from './types';
import { looksBinary, NOTEBOOK_READ_FACTOR } from './walk';

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

/**
 * The text of a UTF-16 file with a byte-order mark (SSMS scripts, PowerShell `>` output), or undefined. The BOM is
 * kept as the first character (`detect` reads it as a space), so positions are those of the text.
 */
function utf16Text(bytes: Buffer): string | undefined {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes).swap16().toString('utf16le');
  return undefined;
}

/** What scanning one file gave: its findings, or why it was not scanned. */
export type FileResult =
  /** `note`: the file was scanned, but not as its kind (a notebook that is not valid JSON, scanned as text). */
  | { readonly kind: 'ok'; readonly findings: Finding[]; readonly note?: string }
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
    const options = { fileName: path, config: this.config };
    // A notebook may be read up to NOTEBOOK_READ_FACTOR times the limit (outputs such as images make it big): the
    // limit applies to its source cells, which is all that is scanned.
    if (bytes.length > this.config.maxFileBytes && (notebookSourceLength(bytes) ?? Infinity) > this.config.maxFileBytes) return { kind: 'too-large' };
    const utf16 = utf16Text(bytes);
    if (utf16 !== undefined) return this.whole(utf16, options);
    if (looksBinary(bytes)) return { kind: 'binary' };
    // Pure-ASCII files (most source files) decode as latin1, a plain copy; others as UTF-8.
    const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
    // From the bytes, findings hold slices of single decoded lines (small); from the whole text, slices of the file.
    const fromBytes = detectBytes(bytes, encoding, options);
    return fromBytes ? { kind: 'ok', findings: fromBytes } : this.whole(bytes.toString(encoding), options);
  }

  private whole(text: string, options: { fileName: string; config: DetectorConfig }): FileResult {
    const { findings, note } = detectWithNote(text, options);
    return note ? { kind: 'ok', findings: detached(findings), note } : { kind: 'ok', findings: detached(findings) };
  }

  /** The file's bytes, or undefined when it is larger than `maxFileBytes`. */
  private read(path: string): Buffer | undefined {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > this.config.maxFileBytes * (/\.ipynb$/i.test(path) ? NOTEBOOK_READ_FACTOR : 1)) return undefined;
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
