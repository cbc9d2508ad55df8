import { findReferences } from './parse';

/** One place a scope (or a key of it) is referenced. */
export interface Usage {
  /** 0-based line and character (UTF-16) of the reference's start, in the text given. */
  readonly line: number;
  readonly character: number;
  /** The line's text, trimmed, for display. */
  readonly preview: string;
}

/**
 * The references in `text` to `scope` (scope names compare case-insensitively, as Databricks treats them) and, when
 * given, to `key` of it. Arguments that are not literals never match.
 */
export function findUsages(text: string, scope: string, key?: string): Usage[] {
  const lowerScope = scope.toLowerCase();
  const usages: Usage[] = [];
  let lineStarts: number[] | undefined;
  for (const reference of findReferences(text)) {
    if (reference.scope?.value?.toLowerCase() !== lowerScope) continue;
    if (key !== undefined && reference.key?.value !== key) continue;
    lineStarts ??= computeLineStarts(text);
    const line = lineOf(lineStarts, reference.start);
    const start = lineStarts[line] as number;
    const end = text.indexOf('\n', start);
    usages.push({ line, character: reference.start - start, preview: text.slice(start, end < 0 ? text.length : end).trim() });
  }
  return usages;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The code cells' sources of a Jupyter notebook's JSON, in order (undefined when it is not a notebook). */
export function notebookCellSources(json: string): string[] | undefined {
  try {
    const notebook = JSON.parse(json) as { cells?: Array<{ source?: unknown }> };
    if (!Array.isArray(notebook.cells)) return undefined;
    return notebook.cells.map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : typeof cell.source === 'string' ? cell.source : ''));
  } catch {
    return undefined;
  }
}
