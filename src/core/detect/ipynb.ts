import { languageFromId } from './languages';
import type { Language } from './types';

/** A code or markdown cell of a Jupyter notebook, with a map from its joined source back to the raw file. */
export interface NotebookCell {
  readonly index: number;
  readonly kind: 'code' | 'markdown' | 'raw';
  readonly language: Language;
  /** The cell's source, joined (the notebook stores it as a string or a list of lines). */
  readonly source: string;
  /** `rawStart[i]` is the raw-file offset of source character i; `rawEnd[i]` the offset just past its escape. */
  readonly rawStart: Int32Array;
  readonly rawEnd: Int32Array;
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

/** Decodes JSON string pieces into one string, recording where each character came from. */
function decodePieces(text: string, pieces: ReadonlyArray<{ start: number; end: number }>): { source: string; rawStart: Int32Array; rawEnd: Int32Array } {
  let total = 0;
  for (const p of pieces) total += p.end - p.start;
  const rawStart = new Int32Array(total);
  const rawEnd = new Int32Array(total);
  const out: string[] = [];
  let n = 0;
  for (const p of pieces) {
    let j = p.start + 1;
    const stop = p.end - 1;
    while (j < stop) {
      // Copy the run up to the next escape in one slice.
      let esc = text.indexOf('\\', j);
      if (esc < 0 || esc > stop) esc = stop;
      if (esc > j) {
        out.push(text.slice(j, esc));
        for (let k = j; k < esc; k++, n++) {
          rawStart[n] = k;
          rawEnd[n] = k + 1;
        }
        j = esc;
        if (j >= stop) break;
      }
      const e = text[j + 1];
      let ch: string;
      let len = 2;
      switch (e) {
        case 'n': ch = '\n'; break;
        case 't': ch = '\t'; break;
        case 'r': ch = '\r'; break;
        case 'b': ch = '\b'; break;
        case 'f': ch = '\f'; break;
        case 'u': ch = String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16) || 0); len = 6; break;
        default: ch = e ?? '';
      }
      out.push(ch);
      rawStart[n] = j;
      rawEnd[n] = j + len;
      n++;
      j += len;
    }
  }
  return { source: out.join(''), rawStart: rawStart.subarray(0, n), rawEnd: rawEnd.subarray(0, n) };
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
