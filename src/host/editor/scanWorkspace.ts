import * as vscode from 'vscode';
import type { CommandHandler } from '../commands/runCommand';
import type { DetectorConfigs } from './detectorConfig';
import { readDetectionSettings, toDiagnosticSeverity } from './editorSettings';
import { DIAGNOSTIC_SOURCE, type FindingsService } from './findings';
import { loadDetector } from './lazyDetect';

/** What a workspace scan found. */
export interface ScanSummary {
  readonly scannedFiles: number;
  readonly filesWithFindings: number;
  readonly findings: number;
  readonly cancelled: boolean;
}

/**
 * **Scan Workspace for Hardcoded Credentials**: runs the command line's walk and scanner over every open folder
 * (honouring `.gitignore`, the configuration file's `ignorePaths`, binaries and `maxFileBytes` the same way), with
 * progress and cancellation, and fills the Problems panel. Documents open in an editor keep their live findings.
 */
export function scanWorkspaceHandler(log: vscode.LogOutputChannel, findings: FindingsService, configs: DetectorConfigs): CommandHandler {
  return async (): Promise<ScanSummary | undefined> => {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (folders.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: Scan Workspace scans the folders open in VS Code.'));
      return undefined;
    }
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scanning for hardcoded credentials'), cancellable: true },
      async (progress, token) => {
        const detector = loadDetector();
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        let scannedFiles = 0;
        let filesWithFindings = 0;
        let count = 0;
        let lastYield = Date.now();
        for (const folder of folders) {
          const { config } = await configs.get(folder);
          const settings = readDetectionSettings({ uri: folder.uri, languageId: '' });
          const severity = toDiagnosticSeverity(settings.severity) ?? vscode.DiagnosticSeverity.Warning;
          const root = folder.uri.fsPath;
          const scanner = new detector.FileScanner(config);
          const excluded = (p: string): boolean => config.ignorePaths.length > 0 && detector.matchesAnyGlob(p, config.ignorePaths);
          for (const entry of detector.walk([root], { maxFileBytes: config.maxFileBytes, excluded, cwd: root })) {
            if (token.isCancellationRequested) return { scannedFiles, filesWithFindings, findings: count, cancelled: true };
            if (Date.now() - lastYield > 50) {
              // Let the extension host breathe (and the Cancel button work) on big folders.
              await new Promise((r) => setImmediate(r));
              lastYield = Date.now();
              progress.report({ message: vscode.workspace.asRelativePath(entry.path) });
            }
            if (entry.kind !== 'file') continue;
            const uri = vscode.Uri.file(entry.path);
            if (open.has(uri.toString())) continue; // the live scan owns it
            const result = scanner.scan(entry.path);
            if (result.kind !== 'ok') continue;
            scannedFiles++;
            if (!settings.enabled || result.findings.length === 0) {
              findings.diagnostics.delete(uri);
              continue;
            }
            filesWithFindings++;
            count += result.findings.length;
            findings.diagnostics.set(
              uri,
              result.findings.map((f) => {
                const range = new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);
                const where = f.cell ? vscode.l10n.t(' (cell {0})', f.cell.index + 1) : '';
                const d = new vscode.Diagnostic(range, vscode.l10n.t('{0} hardcoded: {1}. Move it into a Databricks secret scope.', f.title, detector.maskSecret(f.secret)) + where, severity);
                d.source = DIAGNOSTIC_SOURCE;
                d.code = f.ruleId;
                return d;
              }),
            );
          }
        }
        return { scannedFiles, filesWithFindings, findings: count, cancelled: false };
      },
    );
    log.info(`workspace scan: ${summary.findings} finding(s) in ${summary.filesWithFindings} of ${summary.scannedFiles} file(s)${summary.cancelled ? ' (cancelled)' : ''}`);
    const text = vscode.l10n.t('{0} hardcoded credential(s) in {1} file(s); {2} file(s) scanned.', summary.findings, summary.filesWithFindings, summary.scannedFiles);
    void vscode.window.showInformationMessage(summary.cancelled ? vscode.l10n.t('Scan cancelled. {0}', text) : text);
    if (summary.findings > 0) void vscode.commands.executeCommand('workbench.actions.view.problems');
    return summary;
  };
}

