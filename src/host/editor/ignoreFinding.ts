import * as vscode from 'vscode';
import type { CommandHandler } from '../commands/runCommand';
import type { Language } from './engine';
import type { FindingsService } from './findings';
import { loadDetector } from './lazyDetect';
import { resolveFinding } from './resolveFinding';

/** The edit that suppresses a finding: `# dbsecrets: ignore` at the end of its line, in the line's own comment syntax. */
export function ignoreEdit(document: vscode.TextDocument, line: number, language: Language): vscode.WorkspaceEdit | undefined {
  const text = document.lineAt(line).text;
  const suppression = loadDetector().suppressionFor(language, text);
  if (!suppression) return undefined;
  const edit = new vscode.WorkspaceEdit();
  if (suppression.placement === 'end-of-line') {
    edit.insert(document.uri, new vscode.Position(line, text.length), ` ${suppression.comment}`);
  } else {
    const indent = /^\s*/.exec(text)?.[0] ?? '';
    edit.insert(document.uri, new vscode.Position(line, 0), `${indent}${suppression.comment}${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}`);
  }
  return edit;
}

/** **Ignore**: inserts the suppression comment the scanner (and the command line) knows. */
export function ignoreFindingHandler(findings: FindingsService): CommandHandler {
  return async (arg) => {
    const target = await resolveFinding(findings, arg);
    if (!target) return false;
    const { document, finding } = target;
    const edit = ignoreEdit(document, finding.range.start.line, finding.language);
    if (!edit) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} files have no comments: add the value to "ignoreValues" in the scanner configuration instead.', finding.language));
      return false;
    }
    return vscode.workspace.applyEdit(edit);
  };
}
