import { atLeast, resolveConfig, type DetectorConfig } from './config';
import { BYTE_PREFILTER, hasNextLineMarker, hasPemHeader, LineBatch, lineRules, scanBytes, scanText, type RawFinding, type RawLiteral, type SkippedLine } from './engine';
import { matchesAnyGlob } from './glob';
import { cellMagic, NotebookParseError, parseIpynb, readNotebookSpans, type NotebookSpans } from './ipynb';
import { suggestKey, SECRET_KEY_PATTERN } from './keys';
import { languageFromFileName, languageFromId, replacementText, type LiteralSegment } from './languages';
import { LineIndex } from './lines';
import { databricksNotebookComment, magicPrefix, magicSegments } from './notebook';
import { ruleInfo } from './rules';
import type { DetectOptions, Finding, Language, Position, Range, Replacement } from './types';

/**
 * Finds hardcoded credentials in `text`.
 *
 * The container is chosen from the file name, language id and content: Jupyter `.ipynb` (every cell; ranges in the
 * raw JSON plus `cell` positions), Databricks source notebooks (`# Databricks notebook source`, `%sql`/`%scala`/...
 * magic cells in their own language), and plain files in the language given by `languageId` or the extension.
 * Pure and synchronous; never throws on any input.
 */
export function detect(text: string, options: DetectOptions = {}): Finding[] {
  return detectWithNote(text, options).findings;
}

/**
 * `detect`, also saying when a Jupyter notebook could not be read as one (not JSON, merge-conflict markers, no
 * cells) and was scanned as plain text instead: `note` says why, without quoting the file.
 */
export function detectWithNote(text: string, options: DetectOptions = {}): { findings: Finding[]; note?: string } {
  // A byte-order mark is no part of the first line (nor of a notebook's JSON); a space keeps every position.
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1);
  const config = resolveConfig(options.config);
  if (options.fileName && config.ignorePaths.length && matchesAnyGlob(options.fileName, config.ignorePaths)) return { findings: [] };
  const disabled = new Set(config.disabledRules);
  const filter = valueFilter(config);
  let note: string | undefined;
  if (isIpynbInput(options)) {
    if (!text.trimStart().startsWith('{')) note = 'not a JSON notebook: scanned as text';
    else {
      try {
        return { findings: detectIpynb(text, config, disabled).filter(filter) };
      } catch (e) {
        if (!(e instanceof NotebookParseError) && !(e instanceof SyntaxError)) throw e;
        // Not a valid notebook: scanned as JSON text. Never the parser's message: V8's can quote the text.
        note = /^(?:<{7}|={7}|>{7})/m.test(text) ? 'merge-conflict markers: scanned as text' : e instanceof NotebookParseError ? `not a notebook (${e.message}): scanned as text` : 'not valid JSON: scanned as text';
      }
    }
  }
  const findings = scanPiece(text, 0, textContext(text, options), config, disabled).filter(filter);
  return note ? { findings, note } : { findings };
}

function isIpynbInput(options: DetectOptions): boolean {
  const id = (options.languageId ?? '').toLowerCase();
  return id === 'jupyter' || id === 'ipynb' || /\.ipynb$/i.test(options.fileName ?? '');
}

/** How the lines of a (non-Jupyter) text are scanned: in a language, as a Databricks notebook when `comment` is set. */
export interface TextContext {
  readonly language: Language;
  /** The notebook's comment token (`#`, `//`, `--`) when the text is a Databricks source notebook. */
  readonly comment?: string;
}

/** The scanning context of a text, from its options and its first line (the Databricks notebook header). */
export function textContext(firstLines: string, options: DetectOptions): TextContext {
  const language = languageFromId(options.languageId) ?? languageFromFileName(options.fileName ?? (isIpynbInput(options) ? 'x.json' : undefined));
  return { language, comment: databricksNotebookComment(firstLines) };
}

function scanPiece(text: string, lineOffset: number, context: TextContext, config: DetectorConfig, disabled: ReadonlySet<string>): Finding[] {
  const map: Mapper = lineOffset === 0 ? identity : (line, character) => ({ line: line + lineOffset, character });
  if (context.comment) return detectDatabricksNotebook(text, context.comment, context.language, config, disabled, map);
  return scanText(text, context.language, disabled).map((f) => toFinding(f, context.language, config, map));
}

function valueFilter(config: DetectorConfig): (f: Finding) => boolean {
  const min = config.minConfidence;
  const confident = (f: Finding): boolean => min === 'low' || atLeast(f.confidence, min);
  if (!config.ignoreValues.length && !config.ignorePatterns.length) return confident;
  const values = new Set(config.ignoreValues);
  const patterns = config.ignorePatterns.map((p) => new RegExp(p));
  return (f) => confident(f) && !values.has(f.secret) && !patterns.some((p) => p.test(f.secret));
}

const GENERIC_NAMES = new Set(['token', 'password', 'pwd', 'secret', 'key', 'api_key', 'apikey', 'auth', 'authorization', 'value', 'credential', 'credentials']);

type Mapper = (line: number, character: number) => Position;
const identity: Mapper = (line, character) => ({ line, character });

/** The suggested key of a raw finding. */
function keyOf(f: RawFinding): string {
  // A bare generic name (`token`, `password`) says less than the provider rule's own key (`databricks-token`).
  const generic = f.name !== undefined && GENERIC_NAMES.has(f.name.toLowerCase()) && !f.ruleId.startsWith('generic-');
  const key = suggestKey(generic ? undefined : f.name, f.defaultKey);
  return SECRET_KEY_PATTERN.test(key) ? key : 'secret';
}

/**
 * The literal's content cut into kept text and secrets: every finding in the literal becomes a reference by its own
 * key. Undefined when two of them would share a key (one key cannot hold two values).
 */
function literalSegments(f: RawFinding, literal: RawLiteral): LiteralSegment[] | undefined {
  const segments: LiteralSegment[] = [];
  const keys = new Set<string>();
  let from = literal.contentStart;
  for (const part of literal.parts ?? [f]) {
    const key = keyOf(part);
    if (keys.has(key)) return undefined;
    keys.add(key);
    if (part.start > from) segments.push({ text: literal.content.slice(from - literal.contentStart, part.start - literal.contentStart) });
    segments.push({ key });
    from = part.end;
  }
  const end = literal.contentStart + literal.content.length;
  if (end > from) segments.push({ text: literal.content.slice(from - literal.contentStart) });
  return segments;
}

function toFinding(f: RawFinding, language: Language, config: DetectorConfig, map: Mapper): Finding {
  const rule = ruleInfo(f.ruleId);
  const suggestedKey = keyOf(f);
  const range: Range = { start: map(f.line, f.start), end: map(f.endLine, f.end) };
  let replacement: Replacement | undefined;
  const segments = f.literal && literalSegments(f, f.literal);
  if (f.literal && segments) {
    const text = replacementText(language, config.scope, f.literal, segments);
    if (text !== undefined) replacement = { range: { start: map(f.line, f.literal.start), end: map(f.line, f.literal.end) }, text };
  }
  const finding: { -readonly [K in keyof Finding]: Finding[K] } = {
    ruleId: f.ruleId,
    title: rule.title,
    severity: rule.severity,
    confidence: f.confidence,
    range,
    language,
    context: f.context,
    suggestedKey,
    secret: f.secret,
  };
  if (f.name !== undefined) finding.name = f.name;
  if (replacement) finding.replacement = replacement;
  return finding;
}

function notebookLanguageOf(comment: string, fileLanguage: Language): Language {
  return comment === '//' ? 'scala' : comment === '--' ? 'sql' : fileLanguage === 'r' ? 'r' : 'python';
}

/** Scans magic cells and adds their findings to `out`; `lines` maps a line of `text` to the raw file. */
function scanMagicCells(text: string, comment: string, notebookLanguage: Language, config: DetectorConfig, disabled: ReadonlySet<string>, lines: Mapper, out: Finding[]): void {
  for (const seg of magicSegments(text, comment, notebookLanguage)) {
    const last = seg.rawLine.length - 1;
    const map: Mapper = (line, character) => lines(seg.rawLine[Math.min(line, last)], seg.column[Math.min(line, last)] + character);
    for (const f of scanText(seg.text, seg.language, disabled)) out.push(toFinding(f, seg.language, config, map));
  }
}

const byPosition = (a: Finding, b: Finding): number => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

function detectDatabricksNotebook(text: string, comment: string, fileLanguage: Language, config: DetectorConfig, disabled: ReadonlySet<string>, lines: Mapper): Finding[] {
  const notebookLanguage = notebookLanguageOf(comment, fileLanguage);
  // Ordinary lines: the raw text in the notebook's language, magic lines skipped; positions need no mapping.
  const out = scanText(text, notebookLanguage, disabled, magicPrefix(comment)).map((f) => toFinding(f, notebookLanguage, config, lines));
  scanMagicCells(text, comment, notebookLanguage, config, disabled, lines, out);
  return out.sort(byPosition);
}

/**
 * `detect` for a file's bytes, decoding only the lines that hold a keyword (and a notebook's magic cells), so most
 * of a big file never becomes a string. Returns undefined when the file needs the whole text: Jupyter notebooks and
 * PEM blocks (which span lines). The findings equal `detect`'s on the decoded
 * text. `encoding` is `latin1` for pure-ASCII bytes (the fastest decoding), else `utf8`.
 */
export function detectBytes(bytes: Buffer, encoding: 'latin1' | 'utf8', options: DetectOptions = {}): Finding[] | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return undefined; // a byte-order mark: see detect
  const config = resolveConfig(options.config);
  if (options.fileName && config.ignorePaths.length && matchesAnyGlob(options.fileName, config.ignorePaths)) return [];
  const disabled = new Set(config.disabledRules);
  if (isIpynbInput(options)) return encoding === 'latin1' ? detectIpynbBytes(bytes, config, disabled)?.filter(valueFilter(config)) : undefined;
  const firstLine = bytes.toString(encoding, 0, Math.min(bytes.length, 256));
  const context = textContext(firstLine, options);
  let out: Finding[];
  if (context.comment === undefined) {
    const raw = scanBytes(bytes, encoding, context.language, disabled);
    if (!raw) return undefined;
    out = raw.map((f) => toFinding(f, context.language, config, identity));
  } else {
    const comment = context.comment;
    const notebookLanguage = notebookLanguageOf(comment, context.language);
    const magic: SkippedLine[] = [];
    const raw = scanBytes(bytes, encoding, notebookLanguage, disabled, magicPrefix(comment), (l) => magic.push(l));
    if (!raw) return undefined;
    out = raw.map((f) => toFinding(f, notebookLanguage, config, identity));
    // Each run of consecutive magic lines is decoded on its own, after a newline (so its first line is line 1).
    for (let i = 0; i < magic.length; ) {
      let j = i;
      while (j + 1 < magic.length && magic[j + 1].line === magic[j].line + 1) j++;
      const first = magic[i].line;
      const run = '\n' + bytes.toString(encoding, magic[i].start, magic[j].end);
      scanMagicCells(run, comment, notebookLanguage, config, disabled, (line, character) => ({ line: first + line - 1, character }), out);
      i = j + 1;
    }
    out.sort(byPosition);
  }
  return out.filter(valueFilter(config));
}

function detectIpynb(text: string, config: DetectorConfig, disabled: ReadonlySet<string>): Finding[] {
  const notebook = parseIpynb(text);
  let raw: LineIndex | undefined; // built on the first finding: most notebooks have none
  const out: Finding[] = [];
  for (const cell of notebook.cells) {
    if (cell.source.length === 0) continue;
    let language = cell.language;
    let source = cell.source;
    let skip = 0;
    const magic = cell.kind === 'code' ? cellMagic(source) : undefined;
    if (magic) {
      language = magic.language;
      skip = magic.skip;
      source = ' '.repeat(skip) + source.slice(skip); // keep offsets; blank out the magic command
    }
    let cellLines: LineIndex | undefined;
    const toRaw = (p: Position, end: boolean): Position => {
      raw ??= new LineIndex(text);
      cellLines ??= new LineIndex(source);
      const off = cellLines.offsetAt(p);
      if (end) return raw.positionAt(off === 0 ? notebook.rawOffset(cell, 0) : notebook.rawOffset(cell, Math.min(off, source.length) - 1, true));
      return raw.positionAt(notebook.rawOffset(cell, Math.min(off, Math.max(0, source.length - 1))));
    };
    for (const f of scanText(source, language, disabled)) out.push(cellFinding(toFinding(f, language, config, identity), cell.index, toRaw));
  }
  return out;
}

/** A finding in a notebook cell as the file reports it: raw-file range and replacement, plus the cell's own. */
function cellFinding(inCell: Finding, cellIndex: number, toRaw: (p: Position, end: boolean) => Position): Finding {
  const cellRange = inCell.range;
  const rawRange: Range = { start: toRaw(cellRange.start, false), end: toRaw(cellRange.end, true) };
  let replacement: Replacement | undefined;
  if (inCell.replacement) {
    const r = inCell.replacement.range;
    replacement = { range: { start: toRaw(r.start, false), end: toRaw(r.end, true) }, text: JSON.stringify(inCell.replacement.text).slice(1, -1) };
  }
  const { replacement: _omit, ...rest } = inCell;
  void _omit;
  return {
    ...rest,
    range: rawRange,
    ...(replacement ? { replacement } : {}),
    cell: {
      index: cellIndex,
      range: cellRange,
      ...(inCell.replacement ? { replacementRange: inCell.replacement.range, replacementText: inCell.replacement.text } : {}),
    },
  };
}

/** Raw length of the JSON escape (or plain character) at `j`. */
function escapeLengthAt(bytes: Uint8Array, j: number): number {
  return bytes[j] !== 92 ? 1 : bytes[j + 1] === 117 ? 6 : 2;
}

/**
 * A Jupyter notebook scanned from its bytes (ASCII only). One pass over the raw JSON checks its structure and finds
 * the cells' source strings, running the keyword prefilter over their bytes as it goes; only strings holding a
 * keyword are decoded and scanned, as lines of their cell. Needs one line per source string (how Jupyter writes
 * them) up to the last flagged one, and no `\u` or `\/` escapes (they could hide a keyword from the raw bytes);
 * returns undefined otherwise, or for PEM blocks and JSON that is not a notebook, so the caller scans the decoded
 * text. The findings equal `detect`'s.
 */
function detectIpynbBytes(bytes: Buffer, config: DetectorConfig, disabled: ReadonlySet<string>): Finding[] | undefined {
  let nb: NotebookSpans;
  try {
    nb = readNotebookSpans(bytes, BYTE_PREFILTER);
  } catch (e) {
    if (e instanceof NotebookParseError) return undefined;
    throw e;
  }
  if (nb.disguisedEscapes) return undefined;
  const { start, end, mask } = nb;
  for (let k = 0; k < nb.count; k++) if (hasPemHeader(mask[k])) return undefined;
  // String k's one line (without its line break), decoded when it holds escapes.
  const lineText = (k: number): string => nb.escaped[k] === 1
    ? (JSON.parse(`${bytes.toString('latin1', start[k] - 1, nb.lineEnd[k])}"`) as string)
    : bytes.toString('latin1', start[k], nb.lineEnd[k]);
  const out: Finding[] = [];
  for (let c = 0; c < nb.cells.length; c++) {
    const cell = nb.cells[c];
    let last = -1;
    for (let k = cell.first; k < cell.first + cell.count; k++) if (mask[k] !== 0) last = k;
    if (last < 0) continue;
    let language: Language = cell.kind === 'markdown' ? 'markdown' : cell.kind === 'raw' ? 'plaintext' : nb.language;
    let batch: LineBatch | undefined;
    let prevLine = '';
    for (let k = cell.first; k <= last; k++) {
      // One line per string (how Jupyter writes them): a line break, if any, ends it.
      const lineEnd = nb.lineEnd[k];
      if (lineEnd < 0) return undefined; // several lines in one string
      if (lineEnd === end[k] && k !== cell.first + cell.count - 1) return undefined; // a line continued in the next string
      const index = k - cell.first;
      let blank = 0;
      if (index === 0 && cell.kind === 'code' && bytes[start[k]] === 37) {
        const magic = cellMagic(lineText(k));
        if (magic) {
          // `detect` blanks the magic command and scans the rest of the cell, its first line included, in its language.
          language = magic.language;
          blank = magic.skip;
        }
      }
      if (mask[k] === 0) {
        prevLine = '';
        continue;
      }
      let line = lineText(k);
      if (blank) line = ' '.repeat(blank) + line.slice(blank);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      (batch ??= new LineBatch(language, disabled)).scan(line, index, lineRules(mask[k], nb.hits[k]), prevLine);
      prevLine = hasNextLineMarker(mask[k]) ? line : '';
    }
    if (!batch) continue;
    const first = cell.first;
    const walk = (k: number, chars: number): number => {
      let j = start[k];
      for (let d = 0; d < chars && j < end[k]; d++) j += escapeLengthAt(bytes, j);
      return j;
    };
    const toRaw = (p: Position, isEnd: boolean): Position => {
      const k = first + p.line;
      let offset: number;
      if (!isEnd) offset = walk(k, p.character);
      else if (p.character > 0) {
        const j = walk(k, p.character - 1);
        offset = Math.min(end[k], j + escapeLengthAt(bytes, j));
      } else offset = p.line === 0 ? start[k] : end[k - 1];
      let line = nb.line[k];
      for (let nl = bytes.indexOf(10, offset); nl >= 0 && nl < start[k]; nl = bytes.indexOf(10, nl + 1)) line--;
      const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(10, offset - 1) + 1;
      return { line, character: offset - lineStart };
    };
    for (const f of batch.findings) out.push(cellFinding(toFinding(f, language, config, identity), c, toRaw));
  }
  return out;
}

/**
 * The length of a notebook's source cells (what is scanned; outputs and attachments are not), from its bytes:
 * source strings' raw lengths, or the decoded sources when the bytes reader declines. Undefined when it is not a
 * notebook.
 */
export function notebookSourceLength(bytes: Buffer): number | undefined {
  try {
    const nb = readNotebookSpans(bytes, BYTE_PREFILTER);
    let n = 0;
    for (let k = 0; k < nb.count; k++) n += nb.end[k] - nb.start[k];
    return n;
  } catch (e) {
    if (!(e instanceof NotebookParseError)) throw e;
  }
  try {
    const text = bytes.toString('utf8');
    return parseIpynb(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text).cells.reduce((n, c) => n + c.source.length, 0);
  } catch {
    return undefined;
  }
}
