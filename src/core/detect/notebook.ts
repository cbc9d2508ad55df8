import type { Language } from './types';

/** One line of a cell: its text as the cell's language sees it, and where it sits in the raw file. */
export interface SegmentLine {
  readonly text: string;
  readonly rawLine: number;
  /** Column in the raw line where `text` starts (the length of a stripped `# MAGIC ` prefix). */
  readonly column: number;
}

/** A run of lines scanned in one language (a notebook cell). */
export interface Segment {
  readonly language: Language;
  readonly lines: readonly SegmentLine[];
}

const HEADER = /^\uFEFF?(#|\/\/|--) Databricks notebook source\s*$/;

/** The comment token of a Databricks source notebook's header (`#`, `//`, `--`), or undefined for other files. */
export function databricksNotebookComment(text: string): string | undefined {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const m = HEADER.exec(first.replace(/\r$/, ''));
  return m?.[1];
}

const MAGIC_LANG: Record<string, Language> = {
  python: 'python', py: 'python', scala: 'scala', r: 'r', sql: 'sql', sh: 'shell', bash: 'shell', md: 'markdown',
  pip: 'shell', conda: 'shell', fs: 'plaintext', run: 'plaintext',
};

/**
 * Splits a Databricks source notebook (`# Databricks notebook source`, cells separated by `# COMMAND ----------`)
 * into cells. Cells whose lines start with `# MAGIC` are scanned in the magic command's language (`%sql`, `%scala`,
 * `%r`, `%python`, `%sh`, `%md`) with the prefix stripped; positions keep pointing at the raw file.
 */
export function splitDatabricksNotebook(text: string, comment: string, notebookLanguage: Language): Segment[] {
  const rawLines = text.split('\n');
  const separator = `${comment} COMMAND ----------`;
  const magic = `${comment} MAGIC`;
  const segments: Segment[] = [];
  let cell: SegmentLine[] = [];
  let cellLanguage: Language = notebookLanguage;
  const push = (): void => {
    if (cell.length) segments.push({ language: cellLanguage, lines: cell });
    cell = [];
    cellLanguage = notebookLanguage;
  };
  for (let i = 1; i < rawLines.length; i++) {
    const raw = rawLines[i].endsWith('\r') ? rawLines[i].slice(0, -1) : rawLines[i];
    if (raw.startsWith(separator) && raw.trimEnd() === separator) {
      push();
      continue;
    }
    if (raw.startsWith(magic) && (raw.length === magic.length || raw[magic.length] === ' ')) {
      const column = Math.min(raw.length, magic.length + 1);
      const body = raw.slice(column);
      const cmd = /^%([A-Za-z]+)\b\s*/.exec(body);
      if (cmd && cell.every((l) => l.text.trim() === '')) {
        const lang = MAGIC_LANG[cmd[1].toLowerCase()];
        if (lang) {
          // Start a segment in the magic's language; the rest of the `%sh ...` line belongs to it.
          if (cell.length) segments.push({ language: cellLanguage, lines: cell });
          cell = [];
          cellLanguage = lang;
          cell.push({ text: body.slice(cmd[0].length), rawLine: i, column: column + cmd[0].length });
          continue;
        }
      }
      cell.push({ text: body, rawLine: i, column });
      continue;
    }
    cell.push({ text: raw, rawLine: i, column: 0 });
  }
  push();
  return segments;
}
