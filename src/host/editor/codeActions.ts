import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, refOf, type FindingsService } from './findings';
import { EditorCommandIds } from './ids';

/**
 * Quick fixes on a finding: **Move to Databricks Secret** (preferred, tied to the diagnostic) and **Ignore**, plus
 * **Move All in This File** when the file holds more than one movable finding.
 */
export class FindingCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly findings: FindingsService) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const result = await this.findings.findings(document);
    if (!result || !result.settings.enabled) return [];
    const actions: vscode.CodeAction[] = [];
    const hits = result.findings.filter((f) => f.range.intersection(range) !== undefined || f.range.start.line === range.start.line);
    for (const f of hits) {
      const diagnostics = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === f.ruleId && d.range.isEqual(f.range));
      const ref = refOf(document.uri, f);
      const shared = hits.length > 1 ? ` (${f.suggestedKey})` : '';
      if (f.replacement) {
        const move = new vscode.CodeAction(vscode.l10n.t('Move to Databricks Secret') + shared, vscode.CodeActionKind.QuickFix);
        move.command = { title: move.title, command: EditorCommandIds.move, arguments: [ref] };
        move.diagnostics = diagnostics;
        move.isPreferred = true;
        actions.push(move);
      }
      const ignore = new vscode.CodeAction(vscode.l10n.t('Ignore') + shared, vscode.CodeActionKind.QuickFix);
      ignore.command = { title: ignore.title, command: EditorCommandIds.ignore, arguments: [ref] };
      ignore.diagnostics = diagnostics;
      actions.push(ignore);
    }
    if (hits.length > 0 && result.findings.filter((f) => f.replacement).length > 1) {
      const all = new vscode.CodeAction(vscode.l10n.t('Move All in This File to Databricks Secrets'), vscode.CodeActionKind.QuickFix);
      all.command = { title: all.title, command: EditorCommandIds.moveAll, arguments: [document.uri.toString()] };
      actions.push(all);
    }
    return actions;
  }
}
