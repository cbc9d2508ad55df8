import { resolveConfig, type DetectorConfig } from './config';
import { scanText, type RawFinding } from './engine';
import { matchesAnyGlob } from './glob';
import { cellMagic, NotebookParseError, parseIpynb } from './ipynb';
import { suggestKey, SECRET_KEY_PATTERN } from './keys';
import { languageFromFileName, languageFromId, replacementText } from './languages';
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
  const config = resolveConfig(options.config);
  if (options.fileName && config.ignorePaths.length && matchesAnyGlob(options.fileName, config.ignorePaths)) return [];
  const disabled = new Set(config.disabledRules);
  const filter = valueFilter(config);
  if (isIpynbInput(options) && text.trimStart().startsWith('{')) {
    try {
      return detectIpynb(text, config, disabled).filter(filter);
    } catch (e) {
      if (!(e instanceof NotebookParseError) && !(e instanceof SyntaxError)) throw e;
      // Not a valid notebook: fall through and scan it as JSON text.
    }
  }
  return scanPiece(text, 0, textContext(text, options), config, disabled).filter(filter);
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

/**
 * `detect` for one piece of a larger text, for callers that hold a big file in pieces (the command line, so that
 * no string is larger than V8's regular heap objects). The piece must be whole lines starting at raw line
 * `lineOffset`, must not start inside a run of notebook `MAGIC` lines, and the file must hold no PEM block and no
 * `dbsecrets: ignore-next-line` marker (those look across lines). With these, the findings equal `detect`'s on the
 * whole text. Not for Jupyter notebooks (they are parsed whole).
 */
export function detectPiece(piece: string, lineOffset: number, context: TextContext, options: DetectOptions = {}): Finding[] {
  const config = resolveConfig(options.config);
  return scanPiece(piece, lineOffset, context, config, new Set(config.disabledRules)).filter(valueFilter(config));
}

function scanPiece(text: string, lineOffset: number, context: TextContext, config: DetectorConfig, disabled: ReadonlySet<string>): Finding[] {
  const map: Mapper = lineOffset === 0 ? identity : (line, character) => ({ line: line + lineOffset, character });
  if (context.comment) return detectDatabricksNotebook(text, context.comment, context.language, config, disabled, map);
  return scanText(text, context.language, disabled).map((f) => toFinding(f, context.language, config, map));
}

function valueFilter(config: DetectorConfig): (f: Finding) => boolean {
  if (!config.ignoreValues.length && !config.ignorePatterns.length) return () => true;
  const values = new Set(config.ignoreValues);
  const patterns = config.ignorePatterns.map((p) => new RegExp(p));
  return (f) => !values.has(f.secret) && !patterns.some((p) => p.test(f.secret));
}

const GENERIC_NAMES = new Set(['token', 'password', 'pwd', 'secret', 'key', 'api_key', 'apikey', 'auth', 'authorization', 'value', 'credential', 'credentials']);

type Mapper = (line: number, character: number) => Position;
const identity: Mapper = (line, character) => ({ line, character });

function toFinding(f: RawFinding, language: Language, config: DetectorConfig, map: Mapper): Finding {
  const rule = ruleInfo(f.ruleId);
  // A bare generic name (`token`, `password`) says less than the provider rule's own key (`databricks-token`).
  const generic = f.name !== undefined && GENERIC_NAMES.has(f.name.toLowerCase()) && !f.ruleId.startsWith('generic-');
  const suggestedKey = suggestKey(generic ? undefined : f.name, f.defaultKey);
  const range: Range = { start: map(f.line, f.start), end: map(f.endLine, f.end) };
  let replacement: Replacement | undefined;
  if (f.literal) {
    const text = replacementText(language, config.scope, SECRET_KEY_PATTERN.test(suggestedKey) ? suggestedKey : 'secret', f.literal);
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

function detectDatabricksNotebook(text: string, comment: string, fileLanguage: Language, config: DetectorConfig, disabled: ReadonlySet<string>, lines: Mapper): Finding[] {
  const notebookLanguage: Language = comment === '//' ? 'scala' : comment === '--' ? 'sql' : fileLanguage === 'r' ? 'r' : 'python';
  // Ordinary lines: the raw text in the notebook's language, magic lines skipped; positions need no mapping.
  const out = scanText(text, notebookLanguage, disabled, magicPrefix(comment)).map((f) => toFinding(f, notebookLanguage, config, lines));
  for (const seg of magicSegments(text, comment, notebookLanguage)) {
    const last = seg.rawLine.length - 1;
    const map: Mapper = (line, character) => lines(seg.rawLine[Math.min(line, last)], seg.column[Math.min(line, last)] + character);
    for (const f of scanText(seg.text, seg.language, disabled)) out.push(toFinding(f, seg.language, config, map));
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
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
      source = ' '.repeat(skip) + source.slice(skip); // keep offsets; blank out the magic line
    }
    let cellLines: LineIndex | undefined;
    const toRaw = (p: Position, end: boolean): Position => {
      raw ??= new LineIndex(text);
      cellLines ??= new LineIndex(source);
      const off = cellLines.offsetAt(p);
      if (end) return raw.positionAt(off === 0 ? notebook.rawOffset(cell, 0) : notebook.rawOffset(cell, Math.min(off, source.length) - 1, true));
      return raw.positionAt(notebook.rawOffset(cell, Math.min(off, Math.max(0, source.length - 1))));
    };
    for (const f of scanText(source, language, disabled)) {
      const inCell = toFinding(f, language, config, identity);
      const cellRange = inCell.range;
      const rawRange: Range = { start: toRaw(cellRange.start, false), end: toRaw(cellRange.end, true) };
      let replacement: Replacement | undefined;
      if (inCell.replacement) {
        const r = inCell.replacement.range;
        replacement = { range: { start: toRaw(r.start, false), end: toRaw(r.end, true) }, text: JSON.stringify(inCell.replacement.text).slice(1, -1) };
      }
      const { replacement: _omit, ...rest } = inCell;
      void _omit;
      out.push({
        ...rest,
        range: rawRange,
        ...(replacement ? { replacement } : {}),
        cell: {
          index: cell.index,
          range: cellRange,
          ...(inCell.replacement ? { replacementRange: inCell.replacement.range, replacementText: inCell.replacement.text } : {}),
        },
      });
    }
  }
  return out;
}
