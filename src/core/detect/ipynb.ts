import { languageFromId } from './languages';
import type { Language } from './types';

/** One JSON string of a cell's source: where its decoded text starts and where its content sits in the raw file. */
interface Piece {
  readonly decodedStart: number;
  /** Raw offset of the first content character (after the opening quote) and of the closing quote. */
  readonly rawStart: number;
  readonly rawStop: number;
}

/** A code or markdown cell of a Jupyter notebook, with what is needed to map its source back to the raw file. */
export interface NotebookCell {
  readonly index: number;
  readonly kind: 'code' | 'markdown' | 'raw';
  readonly language: Language;
  /** The cell's source, joined (the notebook stores it as a string or a list of lines). */
  readonly source: string;
  readonly pieces: readonly Piece[];
}

/**
 * Raw-file offset of source character `offset` of `cell` (or, with `end`, the offset just past that character's
 * escape sequence). Walks only the one JSON string holding the character, so mapping costs nothing until a finding
 * needs it.
 */
export function rawOffset(text: string, cell: NotebookCell, offset: number, end = false): number {
  const ps = cell.pieces;
  if (ps.length === 0) return 0;
  let lo = 0;
  let hi = ps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ps[mid].decodedStart <= offset) lo = mid;
    else hi = mid - 1;
  }
  const p = ps[lo];
  let j = p.rawStart;
  for (let d = p.decodedStart; d < offset && j < p.rawStop; d++) j += escapeLength(text, j);
  return end ? Math.min(p.rawStop, j + escapeLength(text, j)) : j;
}

function escapeLength(text: string, j: number): number {
  if (text.charCodeAt(j) !== 92) return 1;
  return text[j + 1] === 'u' ? 6 : 2;
}

type JsonNode =
  | { readonly t: 'object'; readonly entries: ReadonlyArray<readonly [string, JsonNode]> }
  | { readonly t: 'array'; readonly items: readonly JsonNode[] }
  | { readonly t: 'string'; readonly start: number; readonly end: number }
  | { readonly t: 'other' };

/** Thrown for text that is not a notebook; `detect` then scans the file as plain text. */
export class NotebookParseError extends Error {
  override readonly name = 'NotebookParseError';
}

const MAX_DEPTH = 256;

/** A small JSON parser that keeps the raw span of every string (JSON.parse loses positions). */
class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new NotebookParseError(`${what} at offset ${this.i}`);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else break;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) this.fail('unexpected character');
    this.i += m[0].length;
    return { t: 'other' };
  }

  string(): JsonNode {
    const s = this.s;
    const start = this.i;
    // Jump from quote to quote with indexOf (native, fast); a quote preceded by an odd run of backslashes is escaped.
    let j = s.indexOf('"', start + 1);
    for (;;) {
      if (j < 0) this.fail('unterminated string');
      let b = j - 1;
      while (s.charCodeAt(b) === 92) b--;
      if ((j - 1 - b) % 2 === 0) break;
      j = s.indexOf('"', j + 1);
    }
    const nl = s.indexOf('\n', start);
    if (nl >= 0 && nl < j) this.fail('newline in string');
    this.i = j + 1;
    return { t: 'string', start, end: j + 1 };
  }

  object(depth: number): JsonNode {
    this.i++;
    const entries: Array<readonly [string, JsonNode]> = [];
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { t: 'object', entries };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expected a key');
      const k = this.string() as { start: number; end: number };
      const key = JSON.parse(this.s.slice(k.start, k.end)) as string;
      this.ws();
      if (this.s[this.i] !== ':') this.fail('expected ":"');
      this.i++;
      entries.push([key, this.value(depth + 1)]);
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return { t: 'object', entries };
      if (c !== ',') this.fail('expected "," or "}"');
    }
  }

  array(depth: number): JsonNode {
    this.i++;
    const items: JsonNode[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return { t: 'array', items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return { t: 'array', items };
      if (c !== ',') this.fail('expected "," or "]"');
    }
  }
}

function get(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.t !== 'object') return undefined;
  for (const [k, v] of node.entries) if (k === key) return v;
  return undefined;
}

function str(text: string, node: JsonNode | undefined): string | undefined {
  return node && node.t === 'string' ? (JSON.parse(text.slice(node.start, node.end)) as string) : undefined;
}

/** Decodes a cell's JSON strings into one string (native JSON.parse for strings with escapes). */
function decodePieces(text: string, strings: ReadonlyArray<{ start: number; end: number }>): { source: string; pieces: Piece[] } {
  const parts: string[] = [];
  const pieces: Piece[] = [];
  let length = 0;
  for (const s of strings) {
    const raw = text.slice(s.start + 1, s.end - 1);
    const decoded = raw.includes('\\') ? (JSON.parse(text.slice(s.start, s.end)) as string) : raw;
    pieces.push({ decodedStart: length, rawStart: s.start + 1, rawStop: s.end - 1 });
    parts.push(decoded);
    length += decoded.length;
  }
  return { source: parts.join(''), pieces };
}

const CELL_MAGIC: Record<string, Language> = { sql: 'sql', scala: 'scala', r: 'r', python: 'python', sh: 'shell', bash: 'shell', md: 'markdown', pyspark: 'python', spark: 'scala', sparkr: 'r' };

/** Language of a cell from a leading `%sql` / `%%sql` magic; also returns how many characters the magic line spans. */
export function cellMagic(source: string): { language: Language; skip: number } | undefined {
  const m = /^%%?([A-Za-z]+)\b[^\n]*/.exec(source);
  if (!m) return undefined;
  const language = CELL_MAGIC[m[1].toLowerCase()];
  return language ? { language, skip: m[0].length } : undefined;
}

/**
 * Parses a Jupyter notebook (`.ipynb` JSON) into its cells. The notebook language comes from the Databricks
 * notebook metadata, `kernelspec.language` or `language_info.name` (default Python).
 */
export function parseIpynb(text: string): NotebookCell[] {
  const root = new Parser(text).value(0);
  const cells = get(root, 'cells');
  if (!cells || cells.t !== 'array') throw new NotebookParseError('no "cells" array');
  const meta = get(root, 'metadata');
  const lang =
    languageFromId(str(text, get(get(meta, 'application/vnd.databricks.v1+notebook'), 'language'))) ??
    languageFromId(str(text, get(get(meta, 'kernelspec'), 'language'))) ??
    languageFromId(str(text, get(get(meta, 'language_info'), 'name'))) ??
    'python';
  const out: NotebookCell[] = [];
  cells.items.forEach((cell, index) => {
    const type = str(text, get(cell, 'cell_type'));
    const kind = type === 'code' ? 'code' : type === 'markdown' ? 'markdown' : 'raw';
    const src = get(cell, 'source');
    const pieces: Array<{ start: number; end: number }> = [];
    if (src?.t === 'string') pieces.push(src);
    else if (src?.t === 'array') for (const it of src.items) if (it.t === 'string') pieces.push(it);
    const decoded = decodePieces(text, pieces);
    out.push({ index, kind, language: kind === 'markdown' ? 'markdown' : kind === 'raw' ? 'plaintext' : lang, ...decoded });
  });
  return out;
}
