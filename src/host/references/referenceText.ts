import * as vscode from 'vscode';
import { findReferences, type SecretReference } from '../../core/references';

/** Lines read around the cursor: a reference may span lines (`dbutils.secrets.get(\n scope=..., key=...)`). */
const CONTEXT_LINES = 15;

/** A slice of a document around a line, with the offset its text starts at (so core offsets map back to positions). */
export interface TextWindow {
  readonly text: string;
  readonly startOffset: number;
  /** The cursor's offset inside `text`. */
  readonly cursor: number;
}

/** The text around `position`, enough to parse any reference the position can be in, without reading the whole file. */
export function textAround(document: vscode.TextDocument, position: vscode.Position): TextWindow {
  const first = Math.max(0, position.line - CONTEXT_LINES);
  const last = Math.min(document.lineCount - 1, position.line + CONTEXT_LINES);
  const range = new vscode.Range(first, 0, last, document.lineAt(last).text.length);
  const startOffset = document.offsetAt(range.start);
  return { text: document.getText(range), startOffset, cursor: document.offsetAt(position) - startOffset };
}

/** The reference whose text contains the cursor, if any. */
export function referenceAt(window: TextWindow): SecretReference | undefined {
  return findReferences(window.text).find((r) => r.start <= window.cursor && window.cursor <= r.end);
}

/** A range of the document from offsets inside `window`. */
export function rangeIn(document: vscode.TextDocument, window: { startOffset: number }, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(window.startOffset + start), document.positionAt(window.startOffset + end));
}
