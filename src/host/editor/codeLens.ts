import * as vscode from 'vscode';
import { refOf, type FindingsService } from './findings';
import { EditorCommandIds } from './ids';

/** Above each finding: **Move to Databricks Secret** (when the language can read a secret) and **Ignore**. */
export class FindingCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly findings: FindingsService) {
    this.subscription = findings.onDidChangeFindings(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const result = await this.findings.findings(document);
    if (!result || !result.settings.enabled || !result.settings.codeLens) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const f of result.findings) {
      // Several findings on one line get their key in the title, so the lenses can be told apart.
      const shared = result.findings.some((g) => g !== f && g.range.start.line === f.range.start.line);
      const suffix = shared ? ` (${f.suggestedKey})` : '';
      const ref = refOf(document.uri, f);
      const at = new vscode.Range(f.range.start, f.range.start);
      if (f.replacement) {
        lenses.push(
          new vscode.CodeLens(at, {
            title: vscode.l10n.t('Move to Databricks Secret') + suffix,
            tooltip: vscode.l10n.t('Store this {0} in a secret scope and read it with the scope reference instead', f.title),
            command: EditorCommandIds.move,
            arguments: [ref],
          }),
        );
      }
      lenses.push(
        new vscode.CodeLens(at, {
          title: vscode.l10n.t('Ignore') + suffix,
          tooltip: vscode.l10n.t('Mark this line with a dbsecrets: ignore comment'),
          command: EditorCommandIds.ignore,
          arguments: [ref],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
