import type { Language } from './types';

/** A run of lines scanned in one language (a magic cell), with its map back to the raw file. */
export interface Segment {
  readonly language: Language;
  /** The cell's text as its language sees it (`# MAGIC ` prefixes and the `%lang` command stripped). */
  readonly text: string;
  /** Raw-file line of each segment line. */
  readonly rawLine: readonly number[];
  /** Column in the raw line where each segment line starts (the length of the stripped prefix). */
  readonly column: readonly number[];
}

const HEADER = /^\uFEFF?(#|\/\/|--) Databricks notebook source\s*$/;

/** The comment token of a Databricks source notebook's header (`#`, `//`, `--`), or undefined for other files. */
export function databricksNotebookComment(text: string): string | undefined {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const m = HEADER.exec(first.replace(/\r$/, ''));
  return m?.[1];
}

/** `# MAGIC`, `// MAGIC` or `-- MAGIC`: lines with this prefix belong to magic cells. */
export function magicPrefix(comment: string): string {
  return `${comment} MAGIC`;
}

const MAGIC_LANG: Record<string, Language> = {
  python: 'python', py: 'python', scala: 'scala', r: 'r', sql: 'sql', sh: 'shell', bash: 'shell', md: 'markdown',
  pip: 'shell', conda: 'shell', fs: 'plaintext', run: 'plaintext',
};

/**
 * The magic cells of a Databricks source notebook: runs of consecutive `# MAGIC` lines, each scanned in the
 * language of its `%sql` / `%scala` / `%r` / `%python` / `%sh` / `%md` command (the notebook's language when there
 * is none), with the prefix stripped. Ordinary lines are scanned directly in the notebook's language by the caller
 * (skipping magic lines), so a notebook without magic cells costs nothing extra. Finding magic lines uses
 * `indexOf`, so the cost is one fast pass over the text.
 */
export function magicSegments(text: string, comment: string, notebookLanguage: Language): Segment[] {
  const magic = magicPrefix(comment);
  const needle = `\n${magic}`;
  const segments: Segment[] = [];
  let cur: { language: Language; parts: string[]; rawLine: number[]; column: number[]; blank: boolean } | undefined;
  let lastLine = -2;
  let countedTo = 0;
  let lineNo = 0;
  const close = (): void => {
    if (cur && cur.parts.length) segments.push({ language: cur.language, text: cur.parts.join('\n'), rawLine: cur.rawLine, column: cur.column });
    cur = undefined;
  };
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    for (let k = text.indexOf('\n', countedTo); k >= 0 && k <= at; k = text.indexOf('\n', k + 1)) {
      lineNo++;
      countedTo = k + 1;
    }
    const start = at + 1;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (lineEnd > start + magic.length && text.charCodeAt(start + magic.length) !== 32) continue; // `# MAGICAL`
    const column = Math.min(lineEnd - start, magic.length + 1);
    const body = text.slice(start + column, lineEnd);
    const cmd = /^%([A-Za-z]+)\b\s*/.exec(body);
    const lang = cmd ? MAGIC_LANG[cmd[1].toLowerCase()] : undefined;
    if (lineNo !== lastLine + 1) close();
    if (!cur) cur = { language: lang ?? notebookLanguage, parts: [], rawLine: [], column: [], blank: true };
    if (lang && cmd && cur.blank) {
      cur.language = lang;
      const rest = body.slice(cmd[0].length);
      cur.parts.push(rest);
      cur.column.push(column + cmd[0].length);
      if (rest.trim() !== '') cur.blank = false;
    } else {
      cur.parts.push(body);
      cur.column.push(column);
      if (body.trim() !== '') cur.blank = false;
    }
    cur.rawLine.push(lineNo);
    lastLine = lineNo;
  }
  close();
  return segments;
}
