import { languageFromId } from './languages';
import type { Language } from './types';

/** A code or markdown cell of a Jupyter notebook. */
export interface NotebookCell {
  readonly index: number;
  readonly kind: 'code' | 'markdown' | 'raw';
  readonly language: Language;
  /** The cell's source, joined (the notebook stores it as a string or a list of lines). */
  readonly source: string;
  /** Where each of the source's JSON strings starts in `source` (one entry per string, in order). */
  readonly starts: readonly number[];
}

/** Thrown for text that is not a notebook; `detect` then scans the file as plain text. */
export class NotebookParseError extends Error {
  override readonly name = 'NotebookParseError';
}

/** Raw span of one JSON string: its first content character (after the quote) and its closing quote. */
type Span = readonly [start: number, stop: number];

/**
 * A parsed notebook: its cells, decoded by the native `JSON.parse`, and a map from cell source offsets to offsets
 * in the raw file. The raw positions of the source strings are found only when the first finding needs them
 * (`rawOffset`), by one pass over the raw text that skips everything but `cells[*].source`.
 */
export class Notebook {
  private spans: Span[][] | undefined;

  constructor(
    readonly text: string,
    readonly cells: readonly NotebookCell[],
  ) {}

  /**
   * Raw-file offset of source character `offset` of `cell` (or, with `end`, the offset just past that character's
   * escape sequence). Walks only the one JSON string holding the character.
   */
  rawOffset(cell: NotebookCell, offset: number, end = false): number {
    this.spans ??= sourceSpans(this.text);
    const spans = this.spans[cell.index] ?? [];
    const starts = cell.starts;
    const n = Math.min(spans.length, starts.length);
    if (n === 0) return 0;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const [rawStart, rawStop] = spans[lo];
    const text = this.text;
    let j = rawStart;
    for (let d = starts[lo]; d < offset && j < rawStop; d++) j += escapeLength(text, j);
    return end ? Math.min(rawStop, j + escapeLength(text, j)) : j;
  }
}

function escapeLength(text: string, j: number): number {
  if (text.charCodeAt(j) !== 92) return 1;
  return text[j + 1] === 'u' ? 6 : 2;
}

/**
 * Finds the raw spans of every `cells[i].source` string in a text that `JSON.parse` accepted (so it can skip
 * without validating). Later duplicate keys win, as in `JSON.parse`.
 */
function sourceSpans(text: string): Span[][] {
  const r = new SpanReader(text);
  let cells: Span[][] = [];
  r.object((key) => {
    if (key !== 'cells' || !r.at('[')) return r.skip();
    cells = [];
    r.array(() => {
      const spans: Span[] = [];
      cells.push(spans);
      if (!r.at('{')) return r.skip();
      r.object((k) => {
        if (k !== 'source') return r.skip();
        spans.length = 0;
        if (r.at('"')) spans.push(r.string());
        else if (r.at('[')) r.array(() => (r.at('"') ? void spans.push(r.string()) : r.skip()));
        else r.skip();
      });
    });
  });
  return cells;
}

const STRUCTURE = /["[\]{}]/g;

/** A forward reader over valid JSON text that skips values cheaply (strings by jumping from quote to quote). */
class SpanReader {
  private i = 0;
  constructor(private readonly s: string) {}

  /** Skips whitespace; whether the next value starts with `c`. */
  at(c: string): boolean {
    this.ws();
    return this.s[this.i] === c;
  }

  /** Reads the string at the cursor; returns its content span. */
  string(): Span {
    const start = this.i + 1;
    this.i = this.stringEnd(this.i);
    return [start, this.i - 1];
  }

  /** Calls `onValue` with each key, the cursor at its value; `onValue` must consume the value. */
  object(onValue: (key: string) => void): void {
    if (!this.at('{')) return this.skip();
    this.i++;
    if (this.at('}')) return void this.i++;
    for (;;) {
      this.ws();
      const [ks, ke] = this.string();
      const raw = this.s.slice(ks, ke);
      const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      this.ws();
      this.i++; // ':'
      onValue(key);
      this.ws();
      if (this.s[this.i++] === '}') return;
    }
  }

  /** Calls `onItem` with the cursor at each item; `onItem` must consume it. */
  array(onItem: () => void): void {
    this.i++;
    if (this.at(']')) return void this.i++;
    for (;;) {
      onItem();
      this.ws();
      if (this.s[this.i++] === ']') return;
    }
  }

  /** Skips one value of any kind. */
  skip(): void {
    this.ws();
    const s = this.s;
    const c = s[this.i];
    if (c === '"') {
      this.i = this.stringEnd(this.i);
      return;
    }
    if (c !== '{' && c !== '[') {
      while (this.i < s.length && !',}] \n\r\t'.includes(s[this.i])) this.i++;
      return;
    }
    let depth = 0;
    for (;;) {
      STRUCTURE.lastIndex = this.i;
      const m = STRUCTURE.exec(s);
      if (!m) throw new NotebookParseError('unbalanced JSON');
      const ch = m[0];
      if (ch === '"') {
        this.i = this.stringEnd(m.index);
        continue;
      }
      this.i = m.index + 1;
      depth += ch === '{' || ch === '[' ? 1 : -1;
      if (depth === 0) return;
    }
  }

  private ws(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else return;
    }
  }

  /** Offset just past the closing quote of the string whose opening quote is at `start`. */
  private stringEnd(start: number): number {
    const s = this.s;
    let j = s.indexOf('"', start + 1);
    for (;;) {
      if (j < 0) throw new NotebookParseError('unterminated string');
      let b = j - 1;
      while (s.charCodeAt(b) === 92) b--;
      if ((j - 1 - b) % 2 === 0) return j + 1;
      j = s.indexOf('"', j + 1);
    }
  }
}

const CELL_MAGIC: Record<string, Language> = { sql: 'sql', scala: 'scala', r: 'r', python: 'python', sh: 'shell', bash: 'shell', md: 'markdown', pyspark: 'python', spark: 'scala', sparkr: 'r' };

/** Language of a cell from a leading `%sql` / `%%sql` magic; also returns how many characters the magic line spans. */
export function cellMagic(source: string): { language: Language; skip: number } | undefined {
  const m = /^%%?([A-Za-z]+)\b[^\n]*/.exec(source);
  if (!m) return undefined;
  const language = CELL_MAGIC[m[1].toLowerCase()];
  return language ? { language, skip: m[0].length } : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const field = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Parses a Jupyter notebook (`.ipynb` JSON) into its cells. The notebook language comes from the Databricks
 * notebook metadata, `kernelspec.language` or `language_info.name` (default Python). Throws `SyntaxError` for text
 * that is not JSON and `NotebookParseError` for JSON that is not a notebook.
 */
export function parseIpynb(raw: string): Notebook {
  let root: unknown;
  try {
    root = JSON.parse(raw);
  } catch (e) {
    // Nesting deep enough to exhaust the stack is not a notebook either.
    if (e instanceof RangeError) throw new NotebookParseError('nesting too deep');
    throw e;
  }
  const cells = field(root, 'cells');
  if (!Array.isArray(cells)) throw new NotebookParseError('no "cells" array');
  const meta = field(root, 'metadata');
  const lang =
    languageFromId(text(field(field(meta, 'application/vnd.databricks.v1+notebook'), 'language'))) ??
    languageFromId(text(field(field(meta, 'kernelspec'), 'language'))) ??
    languageFromId(text(field(field(meta, 'language_info'), 'name'))) ??
    'python';
  const out: NotebookCell[] = [];
  cells.forEach((cell: unknown, index) => {
    const type = field(cell, 'cell_type');
    const kind = type === 'code' ? 'code' : type === 'markdown' ? 'markdown' : 'raw';
    const src = field(cell, 'source');
    const parts = typeof src === 'string' ? [src] : Array.isArray(src) ? src : [];
    const strings: string[] = [];
    const starts: number[] = [];
    let length = 0;
    for (const p of parts) {
      if (typeof p !== 'string') continue;
      starts.push(length);
      strings.push(p);
      length += p.length;
    }
    out.push({ index, kind, language: kind === 'markdown' ? 'markdown' : kind === 'raw' ? 'plaintext' : lang, source: strings.join(''), starts });
  });
  return new Notebook(raw, out);
}
