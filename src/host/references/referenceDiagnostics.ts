import * as vscode from 'vscode';
import { closestName, findReferences, type ReferenceArgument } from '../../core/references';
import { CommandIds } from '../commands/ids';
import type { Workspace } from '../workspaces/workspace';
import { findScope, type ReferenceLookup } from './referenceLookup';
import type { ReferenceTarget } from './referenceTarget';

/** Diagnostic source shown in the Problems panel. */
export const REFERENCE_DIAGNOSTIC_SOURCE = 'Databricks Secrets';
const DEBOUNCE_MS = 300;

type SeveritySetting = 'off' | 'hint' | 'information' | 'warning' | 'error';
const SEVERITIES: Record<Exclude<SeveritySetting, 'off'>, vscode.DiagnosticSeverity> = {
  hint: vscode.DiagnosticSeverity.Hint,
  information: vscode.DiagnosticSeverity.Information,
  warning: vscode.DiagnosticSeverity.Warning,
  error: vscode.DiagnosticSeverity.Error,
};

/** What a quick fix needs to know about one unknown name. */
interface UnknownName {
  readonly kind: 'unknown-scope' | 'unknown-key';
  readonly workspace: Workspace;
  readonly scope: string;
  readonly key?: string;
  readonly suggestion?: string;
}

/**
 * Diagnostics for references to a scope or key that does not exist in the workspace the file is checked against
 * (information by default; `databricksSecrets.references.diagnostics` changes or turns them off). Only listings that
 * succeeded count: a failed, slow or missing listing reports nothing. Quick fixes: "Create secret KEY in SCOPE…"
 * (Put Secret, prefilled) and "Did you mean …".
 */
export class ReferenceDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection('databricksSecrets.references');
  private readonly unknown = new Map<string, UnknownName>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generation = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly selector: vscode.DocumentSelector,
    private readonly target: Pick<ReferenceTarget, 'workspaceFor' | 'onDidChange'>,
    private readonly lookup: ReferenceLookup,
    modelChanged: vscode.Event<unknown>,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('databricksSecrets.references') && this.checkAll()),
      target.onDidChange(() => this.checkAll()),
      modelChanged(() => this.checkAll()),
    );
    this.checkAll();
  }

  /** Checks every open document that can hold references. */
  checkAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** Checks one document now; resolves when its diagnostics are set (tests and the benchmark await this). */
  async check(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const generation = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, generation);
    const severity = severitySetting(document.uri);
    const workspace = this.target.workspaceFor(document.uri);
    if (severity === 'off' || !workspace || vscode.languages.match(this.selector, document) === 0) {
      this.clear(document.uri);
      return;
    }
    const version = document.version;
    const diagnostics = await this.diagnose(document, workspace, SEVERITIES[severity]);
    // A newer check (an edit, a setting) superseded this one while listings loaded.
    if (this.generation.get(key) !== generation || document.version !== version || document.isClosed) return;
    this.collection.set(document.uri, diagnostics);
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== REFERENCE_DIAGNOSTIC_SOURCE) continue;
      const info = this.unknown.get(unknownKey(document.uri, diagnostic.range));
      if (!info) continue;
      if (info.suggestion !== undefined) {
        const fix = new vscode.CodeAction(vscode.l10n.t('Did you mean "{0}"?', info.suggestion), vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(document.uri, diagnostic.range, info.suggestion);
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        actions.push(fix);
      }
      if (info.kind === 'unknown-key' && info.key !== undefined) {
        const create = new vscode.CodeAction(vscode.l10n.t('Create secret {0} in {1}…', info.key, info.scope), vscode.CodeActionKind.QuickFix);
        create.command = {
          command: CommandIds.putSecret,
          title: create.title,
          arguments: [{ workspaceId: info.workspace.id, scope: info.scope, key: info.key }],
        };
        create.diagnostics = [diagnostic];
        actions.push(create);
      }
    }
    return actions;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(document);
      }, delayMs),
    );
  }

  private clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.forget(uri);
  }

  private forget(uri: vscode.Uri): void {
    const prefix = `${uri.toString()}#`;
    for (const key of this.unknown.keys()) if (key.startsWith(prefix)) this.unknown.delete(key);
  }

  private async diagnose(document: vscode.TextDocument, workspace: Workspace, severity: vscode.DiagnosticSeverity): Promise<vscode.Diagnostic[]> {
    const references = findReferences(document.getText()).filter((r) => r.scope?.value !== undefined);
    if (references.length === 0) return [];
    const scopes = await this.lookup.scopes(workspace);
    if (!scopes) return [];
    const diagnostics: vscode.Diagnostic[] = [];
    const found: Array<[string, UnknownName]> = [];
    const add = (arg: ReferenceArgument, message: string, info: UnknownName): void => {
      const range = new vscode.Range(document.positionAt(arg.contentStart), document.positionAt(arg.contentEnd));
      const diagnostic = new vscode.Diagnostic(range, message, severity);
      diagnostic.source = REFERENCE_DIAGNOSTIC_SOURCE;
      diagnostic.code = info.kind;
      diagnostics.push(diagnostic);
      found.push([unknownKey(document.uri, range), info]);
    };
    for (const reference of references) {
      const scopeArg = reference.scope as ReferenceArgument;
      const scopeName = scopeArg.value as string;
      const scope = findScope(scopes, scopeName);
      if (!scope) {
        const suggestion = closestName(scopeName, scopes.map((s) => s.name));
        add(scopeArg, vscode.l10n.t('No secret scope "{0}" in workspace {1}.', scopeName, workspace.name), { kind: 'unknown-scope', workspace, scope: scopeName, suggestion });
        continue;
      }
      const keyArg = reference.key;
      if (keyArg?.value === undefined) continue;
      const secrets = await this.lookup.secrets(workspace, scope.name);
      if (!secrets || secrets.some((s) => s.key === keyArg.value)) continue;
      const suggestion = closestName(keyArg.value, secrets.map((s) => s.key));
      add(keyArg, vscode.l10n.t('No key "{0}" in secret scope {1} (workspace {2}).', keyArg.value, scope.name, workspace.name), {
        kind: 'unknown-key',
        workspace,
        scope: scope.name,
        key: keyArg.value,
        suggestion,
      });
    }
    this.forget(document.uri);
    for (const [key, info] of found) this.unknown.set(key, info);
    return diagnostics;
  }
}

function severitySetting(uri: vscode.Uri): SeveritySetting {
  const value = vscode.workspace.getConfiguration('databricksSecrets.references', uri).get<string>('diagnostics', 'information');
  return value === 'off' || value in SEVERITIES ? (value as SeveritySetting) : 'information';
}

function unknownKey(uri: vscode.Uri, range: vscode.Range): string {
  return `${uri.toString()}#${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
