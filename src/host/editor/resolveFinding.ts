import * as vscode from 'vscode';
import { findByRef, isFindingRef, type EditorFinding, type FindingsService } from './findings';

/** A finding the person acts on, with its document. */
export interface ResolvedFinding {
  readonly document: vscode.TextDocument;
  readonly finding: EditorFinding;
}

/** The open (or opened) document a URI string names. */
export async function documentOf(uri: string): Promise<vscode.TextDocument> {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ?? vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
}

/**
 * The finding a CodeLens or code action points at, looked up again in the document's current findings (arguments
 * never carry the value). Without an argument (Command Palette): the finding under the active editor's cursor.
 * Undefined, with a message, when there is none.
 */
export async function resolveFinding(findings: FindingsService, arg: unknown): Promise<ResolvedFinding | undefined> {
  let document: vscode.TextDocument | undefined;
  let finding: EditorFinding | undefined;
  if (isFindingRef(arg)) {
    document = await documentOf(arg.uri);
    finding = findByRef(await findings.findings(document), arg);
  } else {
    const editor = vscode.window.activeTextEditor;
    document = editor?.document;
    if (editor && document) {
      const result = await findings.findings(document);
      const cursor = editor.selection.active;
      finding = result?.findings.find((f) => f.range.contains(cursor) || f.replacement?.range.contains(cursor));
    }
  }
  if (!document || !finding) {
    void vscode.window.showInformationMessage(
      isFindingRef(arg)
        ? vscode.l10n.t('That credential is no longer where it was: the text changed. Use the new lens or quick fix.')
        : vscode.l10n.t('Put the cursor on a hardcoded credential first.'),
    );
    return undefined;
  }
  return { document, finding };
}
