import type { Language } from './types';

/** A string literal found on one line (offsets are within the line; `end` is exclusive). */
export interface Literal {
  /** Start of the literal including any string prefix such as `f`, `r`, `s`. */
  readonly start: number;
  /** Offset of the first character of the content (after the opening quote(s)). */
  readonly contentStart: number;
  /** Offset just past the content (before the closing quote(s)); the line end when unclosed. */
  readonly contentEnd: number;
  /** Offset just past the closing quote(s). */
  readonly end: number;
  /** The quote character. */
  readonly quote: string;
  /** String prefix in lower case (`f`, `rb`, `s`, `raw`, ...), or ''. */
  readonly prefix: string;
  readonly closed: boolean;
  readonly triple: boolean;
}

/** The literals of a line and where its comment starts (`line.length` when there is none). */
export interface LineTokens {
  readonly literals: readonly Literal[];
  readonly commentStart: number;
}

const HASH = new Set<Language>(['python', 'r', 'shell', 'env', 'yaml', 'sparkconf']);

function commentAt(line: string, i: number, language: Language): boolean {
  const c = line.charCodeAt(i);
  if (c === 35 /* # */) return HASH.has(language) && (language !== 'shell' && language !== 'env' ? true : i === 0 || /\s/.test(line[i - 1]));
  if (c === 47 /* / */) return (language === 'scala' || language === 'plaintext') && i + 1 < line.length && line.charCodeAt(i + 1) === 47 && (i === 0 || line.charCodeAt(i - 1) !== 58 /* : */);
  if (c === 45 /* - */) return language === 'sql' && i + 1 < line.length && line.charCodeAt(i + 1) === 45;
  return false;
}

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Reads a string prefix (letters directly before a quote) when it is a whole word. */
function prefixBefore(line: string, quoteAt: number): string {
  let i = quoteAt;
  while (i > 0 && i > quoteAt - 3 && /[A-Za-z]/.test(line[i - 1])) i--;
  if (i > 0 && isIdentChar(line.charCodeAt(i - 1))) return '';
  const p = line.slice(i, quoteAt).toLowerCase();
  return /^(?:[rbuf]{1,2}|s|raw)$/.test(p) ? p : '';
}

/**
 * Finds string literals in one line, in one linear pass. Strings never span lines here: an unclosed literal runs to
 * the end of the line (`closed: false`). Handles backslash escapes, SQL's doubled quotes, Python/Scala triple quotes
 * and shell single quotes, and stops at the language's line comment (comments are reported, not skipped: commented-out
 * code can leak too, so the caller decides). Stops after `maxLiterals` literals.
 */
export function tokenizeLine(line: string, language: Language, maxLiterals = Infinity): LineTokens {
  const literals: Literal[] = [];
  let commentStart = line.length;
  const n = line.length;
  const shellSingle = language === 'shell' || language === 'env';
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c !== 34 && c !== 39 && c !== 96) {
      if (commentStart === n && commentAt(line, i, language)) {
        commentStart = i;
      }
      continue;
    }
    if (c === 96 /* ` */ && language !== 'sql' && language !== 'shell') continue;
    if (c === 39 && language !== 'sql' && language !== 'shell' && language !== 'env' && i > 0 && i + 1 < n && isIdentChar(line.charCodeAt(i - 1)) && isIdentChar(line.charCodeAt(i + 1))) {
      continue; // an apostrophe inside a word (comments, markdown)
    }
    if (literals.length >= maxLiterals) break; // generated text: the rest of the line stays untokenised
    const quote = line[i];
    const prefix = c === 96 ? '' : prefixBefore(line, i);
    const start = i - prefix.length;
    const triple = c !== 96 && i + 2 < n && line.charCodeAt(i + 1) === c && line.charCodeAt(i + 2) === c && (language === 'python' || language === 'scala');
    const open = triple ? 3 : 1;
    const contentStart = i + open;
    let j = contentStart;
    let closedAt = -1;
    const noEscapes = (shellSingle && c === 39) || (language === 'scala' && triple) || prefix === 'raw';
    while (j < n) {
      const d = line.charCodeAt(j);
      if (d === 92 /* \ */ && !noEscapes) {
        j += 2;
        continue;
      }
      if (d === c) {
        if (triple) {
          if (j + 2 < n && line.charCodeAt(j + 1) === c && line.charCodeAt(j + 2) === c) {
            closedAt = j;
            break;
          }
        } else if (language === 'sql' && j + 1 < n && line.charCodeAt(j + 1) === c) {
          j += 2; // '' inside a SQL string
          continue;
        } else {
          closedAt = j;
          break;
        }
      }
      j++;
    }
    if (closedAt < 0) {
      literals.push({ start, contentStart, contentEnd: n, end: n, quote, prefix, closed: false, triple });
      break;
    }
    const end = closedAt + open;
    literals.push({ start, contentStart, contentEnd: closedAt, end, quote, prefix, closed: true, triple });
    i = end - 1;
  }
  return { literals, commentStart };
}

/** Index of the literal whose content contains [from, to), or -1 (binary search; literals are sorted and disjoint). */
export function literalAround(literals: readonly Literal[], from: number, to: number): number {
  let lo = 0;
  let hi = literals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = literals[mid];
    if (l.end <= from) lo = mid + 1;
    else if (l.start > from) hi = mid - 1;
    else return from >= l.contentStart && to <= l.contentEnd ? mid : -1;
  }
  return -1;
}
