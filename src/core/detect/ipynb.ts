import type { StoppingAutomaton } from './automaton';
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
  let cells: Span[][] | undefined;
  let v3: Span[][] = [];
  /** A `cells` array; in nbformat 3 a code cell's source is its `input` (which wins over `source`, as in parseIpynb). */
  const readCells = (into: Span[][], nbformat3: boolean): void =>
    r.array(() => {
      const spans: Span[] = [];
      into.push(spans);
      if (!r.at('{')) return r.skip();
      let input = false;
      r.object((k) => {
        if (k !== 'source' && !(nbformat3 && k === 'input')) return r.skip();
        if (k === 'source' && input) return r.skip();
        if (k === 'input') input = true;
        spans.length = 0;
        if (r.at('"')) spans.push(r.string());
        else if (r.at('[')) r.array(() => (r.at('"') ? void spans.push(r.string()) : r.skip()));
        else r.skip();
      });
    });
  r.object((key) => {
    if (key === 'cells' && r.at('[')) {
      cells = [];
      readCells(cells, false);
    } else if (key === 'worksheets' && r.at('[')) {
      v3 = [];
      r.array(() => (r.at('{') ? r.object((k) => (k === 'cells' && r.at('[') ? readCells(v3, true) : r.skip())) : r.skip()));
    } else r.skip();
  });
  return cells ?? v3;
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

/**
 * Language of a cell from a leading `%sql` / `%%sql` magic; also returns how many characters the magic command
 * spans (with the blanks after it). The rest of its line is code of that language (`%sql SELECT ...`,
 * `%%sql mysql://user:pw@host/db`), so it is scanned.
 */
export function cellMagic(source: string): { language: Language; skip: number } | undefined {
  const m = /^%%?([A-Za-z]+)\b[ \t]*/.exec(source);
  if (!m) return undefined;
  const language = CELL_MAGIC[m[1].toLowerCase()];
  return language ? { language, skip: m[0].length } : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const field = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The notebook's language from its metadata: Databricks', the kernel's, or `language_info` (default Python). */
function notebookLanguage(meta: unknown): Language {
  return (
    languageFromId(text(field(field(meta, 'application/vnd.databricks.v1+notebook'), 'language'))) ??
    languageFromId(text(field(field(meta, 'kernelspec'), 'language'))) ??
    languageFromId(text(field(field(meta, 'language_info'), 'name'))) ??
    'python'
  );
}

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
  let cells = field(root, 'cells');
  // nbformat 3: `worksheets[].cells[]`, a code cell's source in `input`, headings as their own cell type.
  const nbformat3 = !Array.isArray(cells) && Array.isArray(field(root, 'worksheets'));
  if (nbformat3) cells = (field(root, 'worksheets') as unknown[]).flatMap((w) => (Array.isArray(field(w, 'cells')) ? (field(w, 'cells') as unknown[]) : []));
  if (!Array.isArray(cells)) throw new NotebookParseError('no "cells" array');
  const lang = notebookLanguage(field(root, 'metadata'));
  const out: NotebookCell[] = [];
  cells.forEach((cell: unknown, index) => {
    const type = field(cell, 'cell_type');
    const kind = type === 'code' ? 'code' : type === 'markdown' || (nbformat3 && type === 'heading') ? 'markdown' : 'raw';
    const src = nbformat3 ? (field(cell, 'input') ?? field(cell, 'source')) : field(cell, 'source');
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

/** A cell of `NotebookSpans`: its kind and which source strings are its own. */
export interface CellSpans {
  readonly kind: 'code' | 'markdown' | 'raw';
  /** Its source strings are `first` to `first + count - 1` in the span arrays. */
  readonly first: number;
  readonly count: number;
}

/**
 * Where a notebook's cells' source strings sit in its raw bytes, in file order: one column per fact, entry k for
 * string k (k < `count`). The columns are reused by the next `readNotebookSpans` call.
 */
export interface NotebookSpans {
  readonly language: Language;
  readonly cells: readonly CellSpans[];
  readonly count: number;
  /** Content start and closing quote. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /**
   * Where each string's one line ends: `end` when it holds no `\n` escape (no line break), `end - 2` when its only
   * `\n` is its last escape; -1 when it holds line breaks elsewhere (several lines, or one continued).
   */
  readonly lineEnd: Int32Array;
  /** 1 when a string holds escapes besides that final `\n` (its text must be decoded). */
  readonly escaped: Uint8Array;
  /** Each string's raw line (0-based; a string never spans lines in the raw file). */
  readonly line: Int32Array;
  /** The OR of the prefilter's masks for the keywords in each string's raw bytes, and how many there are. */
  readonly mask: Int32Array;
  readonly hits: Int32Array;
  /** Whether any string (key or value) holds a `\u` or `\/` escape, which could spell a keyword in disguise. */
  readonly disguisedEscapes: boolean;
}

/** The columns of `NotebookSpans`, grown as needed and reused from notebook to notebook (fresh memory is costly). */
class SpanColumns {
  count = 0;
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  lineEnd = new Int32Array(1024);
  escaped = new Uint8Array(1024);
  line = new Int32Array(1024);
  mask = new Int32Array(1024);
  hits = new Int32Array(1024);

  add(start: number, end: number, lineEnd: number, escaped: boolean, line: number, mask: number, hits: number): void {
    const k = this.count++;
    if (k === this.start.length) this.grow();
    this.start[k] = start;
    this.end[k] = end;
    this.lineEnd[k] = lineEnd;
    this.escaped[k] = escaped ? 1 : 0;
    this.line[k] = line;
    this.mask[k] = mask;
    this.hits[k] = hits;
  }

  private grow(): void {
    const n = this.start.length * 2;
    const int = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.start = int(this.start);
    this.end = int(this.end);
    this.lineEnd = int(this.lineEnd);
    this.line = int(this.line);
    this.mask = int(this.mask);
    this.hits = int(this.hits);
    const escaped = new Uint8Array(n);
    escaped.set(this.escaped);
    this.escaped = escaped;
  }
}

const columns = new SpanColumns();

/** A keyword automaton that `readNotebookSpans` runs over each source string's raw bytes as it reads it. */
export interface SourcePrefilter {
  /** Its stop bytes must be a JSON string's quote, backslash and control characters. */
  readonly automaton: StoppingAutomaton;
  /** The mask to record for a keyword end at `i` reached in `state`; 0 when it does not count. */
  hitMask(state: number, bytes: Uint8Array, i: number): number;
}

/**
 * Reads where the source strings of a notebook's cells are, from its bytes and without decoding it: one forward
 * pass that checks the JSON's structure (brackets, commas, colons, literals) and jumps over strings from quote to
 * quote, running `prefilter` over the source strings on the way. Decodes only keys (when escaped), `cell_type`
 * values and the root `metadata`. Throws `NotebookParseError` for anything that is not laid out as a notebook, and
 * for raw control characters or invalid escapes in strings; line breaks, `\u` and `\/` escapes are noted.
 */
export function readNotebookSpans(bytes: Uint8Array, prefilter: SourcePrefilter): NotebookSpans {
  const r = new JsonBytes(bytes, prefilter);
  let cells: CellSpans[] | undefined;
  let meta: unknown;
  r.open(123);
  if (r.peek() === 125) r.i++;
  else {
    for (;;) {
      const key = r.key(ROOT_KEYS);
      if (key === 'cells' && r.peek() === 91) {
        cells = r.cells(columns);
      } else if (key === 'metadata') {
        r.peek();
        const at = r.i;
        r.skip();
        meta = r.parse(at, r.i);
      } else r.skip();
      if (r.after(125)) break;
    }
  }
  if (r.peek() !== -1) r.fail('text after the JSON value');
  if (!cells) throw new NotebookParseError('no "cells" array');
  const { count, start, end, lineEnd, escaped, line, mask, hits } = columns;
  return { language: notebookLanguage(meta), cells, count, start, end, lineEnd, escaped, line, mask, hits, disguisedEscapes: r.disguisedEscapes };
}

/** The characters JSON allows after a backslash: " \ / b f n r t u (`\u` escapes are noted, not checked). */
const ESCAPED = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPED[c.charCodeAt(0)] = 1;

const NO_NAMES: readonly string[] = [];
const ROOT_KEYS = ['cells', 'metadata'];
const CELL_KEYS = ['cell_type', 'source'];

/** A forward reader over the bytes of a JSON text: checks structure, skips strings from quote to quote. */
class JsonBytes {
  i = 0;
  /** Newlines passed (raw newlines only ever sit between tokens). */
  line = 0;
  constructor(
    private readonly b: Uint8Array,
    private readonly prefilter: SourcePrefilter,
  ) {}

  fail(what: string): never {
    throw new NotebookParseError(`${what} at byte ${this.i}`);
  }

  /**
   * `JSON.parse` of bytes [from, to), whose structure was read already (a `\u` escape may still be bad). The
   * error does not carry `JSON.parse`'s message: V8 quotes the text around the fault, which may be a secret.
   */
  parse(from: number, to: number): unknown {
    try {
      return JSON.parse(this.text(from, to));
    } catch {
      throw new NotebookParseError(`not valid JSON at byte ${from}`);
    }
  }

  invalidEscape(at: number): never {
    this.i = at;
    return this.fail('invalid escape in a string');
  }

  /** Skips whitespace; the next byte, or -1 at the end. */
  peek(): number {
    const b = this.b;
    let i = this.i;
    while (i < b.length) {
      const c = b[i];
      if (c === 10) this.line++;
      else if (c !== 32 && c !== 13 && c !== 9) break;
      i++;
    }
    this.i = i;
    return i < b.length ? b[i] : -1;
  }

  text(from: number, to: number): string {
    return Buffer.from(this.b.buffer, this.b.byteOffset + from, to - from).toString('utf8');
  }

  open(c: number): void {
    if (this.peek() !== c) this.fail(`expected "${String.fromCharCode(c)}"`);
    this.i++;
  }

  /** After a member or item: true at the container's `close`, false after a comma. */
  after(close: number): boolean {
    const c = this.peek();
    this.i++;
    if (c === close) return true;
    if (c !== 44) this.fail(`expected "," or "${String.fromCharCode(close)}"`);
    return false;
  }

  /** Escapes in the last string read; its `\n` escapes, and the offset of the last one (-1 for none). */
  escapes = 0;
  newlines = 0;
  lastNewline = -1;
  /** Whether a string read so far held a `\u` or `\/` escape. */
  disguisedEscapes = false;

  /**
   * Reads the string at the cursor; returns the offset of its closing quote (content starts after the opening one).
   * Refuses raw control characters, as `JSON.parse` does.
   */
  string(): number {
    const b = this.b;
    if (this.peek() !== 34) this.fail('expected a string');
    const n = b.length;
    let escapes = 0;
    let newlines = 0;
    let lastNewline = -1;
    let j = this.i + 1;
    for (; j < n; j++) {
      const c = b[j];
      if (c === 34) break;
      if (c === 92) {
        escapes++;
        const d = b[++j];
        if (d === 110) {
          newlines++;
          lastNewline = j - 1;
        } else if (d === 117 || d === 47) this.disguisedEscapes = true;
        else if (ESCAPED[d] !== 1) this.invalidEscape(j);
      } else if (c < 32) {
        this.i = j;
        this.fail('control character in a string');
      }
    }
    if (j >= n) this.fail('unterminated string');
    this.escapes = escapes;
    this.newlines = newlines;
    this.lastNewline = lastNewline;
    this.i = j + 1;
    return j;
  }

  /** Reads an object key and its colon; returns the key when it is one of `names` (compared as bytes), else ''. */
  key(names: readonly string[] = NO_NAMES): string {
    this.peek();
    const from = this.i + 1;
    const to = this.string();
    this.open(58);
    if (names.length === 0) return '';
    if (this.escapes > 0) {
      const key = this.parse(from - 1, to + 1) as string;
      return names.includes(key) ? key : '';
    }
    for (const name of names) if (this.bytesAre(from, to, name)) return name;
    return '';
  }

  /** Whether bytes [from, to) spell `ascii`. */
  bytesAre(from: number, to: number, ascii: string): boolean {
    if (to - from !== ascii.length) return false;
    for (let k = 0; k < ascii.length; k++) if (this.b[from + k] !== ascii.charCodeAt(k)) return false;
    return true;
  }

  /** The `cells` array: kinds and source spans. */
  cells(spans: SpanColumns): CellSpans[] {
    spans.count = 0; // a repeated `cells` key: the last one counts, as in JSON.parse
    const cells: CellSpans[] = [];
    this.open(91);
    if (this.peek() === 93) return this.i++, cells;
    do {
      let kind: CellSpans['kind'] = 'raw';
      const first = spans.count;
      if (this.peek() !== 123) this.skip();
      else {
        this.i++;
        if (this.peek() === 125) this.i++;
        else
          do {
            const key = this.key(CELL_KEYS);
            if (key === 'cell_type' && this.peek() === 34) {
              const from = this.i + 1;
              const to = this.string();
              const t = this.escapes > 0 ? (this.parse(from - 1, to + 1) as string) : this.bytesAre(from, to, 'code') ? 'code' : this.bytesAre(from, to, 'markdown') ? 'markdown' : '';
              kind = t === 'code' ? 'code' : t === 'markdown' ? 'markdown' : 'raw';
            } else if (key === 'source') {
              spans.count = first; // a repeated key: the last one counts
              this.sources(spans);
            } else this.skip();
          } while (!this.after(125));
      }
      cells.push({ kind, first, count: spans.count - first });
    } while (!this.after(93));
    return cells;
  }

  /** A `source` value: a string or an array of strings (other items are skipped). */
  private sources(spans: SpanColumns): void {
    const c = this.peek();
    if (c === 34) this.source(spans);
    else if (c === 91) {
      this.i++;
      if (this.peek() === 93) return void this.i++;
      do {
        if (this.peek() === 34) this.source(spans);
        else this.skip();
      } while (!this.after(93));
    } else this.skip();
  }

  /** One source string: its span, and where its one line ends (see `NotebookSpans.lineEnd`). */
  private source(spans: SpanColumns): void {
    const start = this.i + 1;
    const line = this.line;
    const e = this.sourceString();
    const finalBreak = this.newlines === 1 && this.lastNewline === e - 2;
    const lineEnd = this.newlines === 0 ? e : finalBreak ? e - 2 : -1;
    spans.add(start, e, lineEnd, this.escapes > (finalBreak ? 1 : 0), line, this.mask, this.hits);
  }

  /** Keywords in the last source string: their masks' OR, and how many. */
  mask = 0;
  hits = 0;

  /**
   * `string` for a source string, with the prefilter run over its raw bytes (escapes included) at the same time:
   * one pass over the bytes that matter most instead of two.
   */
  private sourceString(): number {
    const b = this.b;
    const { classOf, next, acceptFrom, stop } = this.prefilter.automaton;
    const n = b.length;
    let escapes = 0;
    let newlines = 0;
    let lastNewline = -1;
    let state = 0;
    let mask = 0;
    let hits = 0;
    let j = this.i + 1;
    for (; j < n; j++) {
      state = next[state + classOf[b[j]]];
      if (state < acceptFrom) continue;
      if (state === stop) {
        // A quote, a backslash or a control character; the automaton starts over after it.
        const c = b[j];
        if (c === 34) break;
        if (c !== 92) {
          this.i = j;
          this.fail('control character in a string');
        }
        escapes++;
        if (++j === n) break;
        const d = b[j]; // the escaped character: never a closing quote
        if (d === 110) {
          newlines++;
          lastNewline = j - 1;
        } else if (d === 117 || d === 47) this.disguisedEscapes = true;
        else if (ESCAPED[d] !== 1) this.invalidEscape(j);
        state = d === 34 || d === 92 ? 0 : next[classOf[d]];
        if (state < acceptFrom) continue;
      }
      const m = this.prefilter.hitMask(state, b, j);
      if (m !== 0) {
        mask |= m;
        hits++;
      }
    }
    if (j >= n) this.fail('unterminated string');
    this.escapes = escapes;
    this.newlines = newlines;
    this.lastNewline = lastNewline;
    this.mask = mask;
    this.hits = hits;
    this.i = j + 1;
    return j;
  }

  /** Skips one value of any kind, checking its structure (without recursion: nesting depth is unbounded). */
  skip(): void {
    const open: number[] = [];
    for (;;) {
      const c = this.peek();
      if (c === 34) this.string();
      else if (c === 123 || c === 91) {
        this.i++;
        const close = c === 123 ? 125 : 93;
        if (this.peek() === close) this.i++;
        else {
          open.push(close);
          if (close === 125) this.key();
          continue;
        }
      } else this.scalar();
      // After a value: close what ends here, or go on with the next member or item.
      for (;;) {
        if (open.length === 0) return;
        const close = open[open.length - 1];
        if (!this.after(close)) {
          if (close === 125) this.key();
          break;
        }
        open.pop();
      }
    }
  }

  private scalar(): void {
    const b = this.b;
    const from = this.i;
    while (this.i < b.length) {
      const d = b[this.i];
      if ((d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46 || (d >= 97 && d <= 122) || d === 69) this.i++;
      else break;
    }
    if (!/^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/.test(this.text(from, this.i))) this.fail('unexpected value');
  }
}
