import * as vscode from 'vscode';
import type { Finding, Language } from './engine';
import type { DetectorConfigs } from './detectorConfig';
import { readDetectionSettings, toDiagnosticSeverity, type DetectionSettings } from './editorSettings';
import { loadDetector } from './lazyDetect';

/** Source of our diagnostics in the Problems panel. */
export const DIAGNOSTIC_SOURCE = 'Databricks Secrets';

/** How long the editor waits after the last keystroke before rescanning a document. */
export const DEBOUNCE_MS = 150;

/** A detector finding in a document's coordinates. Holds the value only so it can be stored; never show or log it. */
export interface EditorFinding {
  readonly ruleId: string;
  readonly title: string;
  readonly language: Language;
  readonly suggestedKey: string;
  /** The secret value alone (inside a URL or JDBC string: just the password). */
  readonly range: vscode.Range;
  /** The whole literal and the text that replaces it (with the configured scope and the suggested key). */
  readonly replacement?: { readonly range: vscode.Range; readonly text: string };
  /** The scope the replacement text was written with (from the configuration file, else the default). */
  readonly configScope: string;
  /** The value as it may be shown: `dapi… (36 chars)`. */
  readonly masked: string;
  /** The detector's finding (with the value). */
  readonly raw: Finding;
}

/** The findings of one version of a document. */
export interface DocumentFindings {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly findings: readonly EditorFinding[];
  readonly settings: DetectionSettings;
}

/** VS Code language ids scanned in ordinary editors. */
export const SCANNED_LANGUAGE_IDS: ReadonlySet<string> = new Set(['python', 'scala', 'r', 'sql', 'dotenv', 'properties', 'env', 'databricks-sql']);

/**
 * File names scanned whatever VS Code calls their language (e.g. Scala without a Scala extension, `.env` as plain
 * text); the detector then picks the language from the name. Checked without loading the detector.
 */
const SCANNED_FILE_NAME = /(?:\.(?:py|pyw|ipy|scala|sc|sbt|r|sql|hql)|(?:^|[\\/])\.env(?:\.[^\\/]*)?|\.env)$/i;

/** URI schemes of documents a person edits (not output channels, git views or settings). */
const SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-notebook-cell', 'vscode-remote', 'vscode-vfs']);

/** Where a document is scanned as: its folder, its path for `ignorePaths`, and the detector's language hint. */
interface DocumentTarget {
  readonly folder: vscode.WorkspaceFolder | undefined;
  readonly relativePath: string;
  readonly languageId: string | undefined;
  readonly fileName: string | undefined;
}

/**
 * Scans open documents as they change (debounced), caches the findings per document version, and keeps the
 * Problems panel in step. CodeLens and code actions read the same cache, so all three always agree.
 */
export class FindingsService implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('databricksSecrets');
  private readonly cache = new Map<string, Promise<DocumentFindings | undefined>>();
  private readonly versions = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Bumped when settings or configuration files change: every cached result is stale. */
  private generation = 0;
  /** Fires when a document's findings were recomputed (CodeLens listens). */
  readonly onDidChangeFindings = this.changed.event;
  /** Milliseconds of the last scans, for the benchmark (the scan itself, not the debounce). */
  readonly timings: number[] = [];

  constructor(
    private readonly configs: DetectorConfigs,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      this.diagnostics,
      this.changed,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      configs.onDidChange(() => this.rescanAll()),
    );
    // Documents open before activation: scanned once activate() has returned.
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /** True when the document is one this feature scans (its language or file name, or any notebook cell). */
  isCandidate(doc: vscode.TextDocument): boolean {
    return this.target(doc) !== undefined;
  }

  /** Rescans every open document (after a settings or configuration change). */
  rescanAll(): void {
    this.generation++;
    this.cache.clear();
    this.versions.clear();
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /** The findings of the document's current version (cached; scanned now when needed). Undefined when not scanned. */
  findings(doc: vscode.TextDocument): Promise<DocumentFindings | undefined> {
    const key = doc.uri.toString();
    const stamp = doc.version * 1_000_000 + this.generation;
    const cached = this.cache.get(key);
    if (cached && this.versions.get(key) === stamp) return cached;
    const result = this.scan(doc);
    this.cache.set(key, result);
    this.versions.set(key, stamp);
    return result;
  }

  /** Scans now and updates the diagnostics (what the debounce timer runs). */
  async update(doc: vscode.TextDocument): Promise<DocumentFindings | undefined> {
    const key = doc.uri.toString();
    const result = await this.findings(doc);
    if (doc.isClosed) return undefined;
    if (!result || !result.settings.enabled) this.diagnostics.delete(doc.uri);
    else this.diagnostics.set(doc.uri, this.toDiagnostics(result));
    if (result || this.cache.has(key)) this.changed.fire(doc.uri);
    return result;
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!this.isCandidate(doc)) return;
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(doc).catch((error: unknown) => this.log.error(`scanning ${doc.uri.scheme} document failed: ${error instanceof Error ? error.message : String(error)}`));
      }, delayMs),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.cache.delete(key);
    this.versions.delete(key);
    this.diagnostics.delete(uri);
  }

  private target(doc: vscode.TextDocument): DocumentTarget | undefined {
    if (!SCHEMES.has(doc.uri.scheme)) return undefined;
    let fileUri = doc.uri;
    let languageId: string | undefined;
    let fileName: string | undefined;
    if (doc.uri.scheme === 'vscode-notebook-cell') {
      // Every cell language; the notebook's path decides the folder and `ignorePaths`.
      const notebook = vscode.workspace.notebookDocuments.find((nb) => nb.uri.path === doc.uri.path);
      fileUri = notebook?.uri ?? doc.uri.with({ scheme: 'file', fragment: '' });
      languageId = doc.languageId;
    } else if (SCANNED_LANGUAGE_IDS.has(doc.languageId)) {
      languageId = doc.languageId;
      fileName = doc.uri.path;
    } else if (SCANNED_FILE_NAME.test(doc.uri.path)) {
      fileName = doc.uri.path;
    } else return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(fileUri);
    const relativePath = folder ? vscode.workspace.asRelativePath(fileUri, false) : fileUri.path;
    return { folder, relativePath, languageId, fileName };
  }

  private async scan(doc: vscode.TextDocument): Promise<DocumentFindings | undefined> {
    const target = this.target(doc);
    if (!target) return undefined;
    const settings = readDetectionSettings({ uri: doc.uri, languageId: doc.languageId });
    const version = doc.version;
    if (!settings.enabled) return { uri: doc.uri, version, findings: [], settings };
    const { config } = await this.configs.get(target.folder);
    const detector = loadDetector();
    if (config.ignorePaths.length && detector.matchesAnyGlob(target.relativePath, config.ignorePaths)) return { uri: doc.uri, version, findings: [], settings };
    if (doc.isClosed || doc.version !== version) return this.findings(doc); // changed while the configuration was read
    const started = performance.now();
    const raw = detector.detect(doc.getText(), { languageId: target.languageId, fileName: target.fileName, config: { ...config, ignorePaths: [] } });
    const findings = raw.map((f) => toEditorFinding(f, config.scope, detector.maskSecret(f.secret)));
    this.timings.push(performance.now() - started);
    if (this.timings.length > 1000) this.timings.splice(0, this.timings.length - 1000);
    return { uri: doc.uri, version, findings, settings };
  }

  private toDiagnostics(result: DocumentFindings): vscode.Diagnostic[] {
    const severity = toDiagnosticSeverity(result.settings.severity);
    if (severity === undefined) return [];
    return result.findings.map((f) => {
      const d = new vscode.Diagnostic(f.range, vscode.l10n.t('{0} hardcoded: {1}. Move it into a Databricks secret scope.', f.title, f.masked), severity);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = f.ruleId;
      return d;
    });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.cache.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function toEditorFinding(f: Finding, configScope: string, masked: string): EditorFinding {
  return {
    ruleId: f.ruleId,
    title: f.title,
    language: f.language,
    suggestedKey: f.suggestedKey,
    range: toRange(f.range),
    ...(f.replacement ? { replacement: { range: toRange(f.replacement.range), text: f.replacement.text } } : {}),
    configScope,
    masked,
    raw: f,
  };
}

/** A finding's identity in command arguments: where its value starts and its rule (never the value). */
export interface FindingRef {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
  readonly ruleId: string;
}

export function refOf(uri: vscode.Uri, f: EditorFinding): FindingRef {
  return { uri: uri.toString(), line: f.range.start.line, character: f.range.start.character, ruleId: f.ruleId };
}

/** The finding a reference points at, in the document's current findings. */
export function findByRef(result: DocumentFindings | undefined, ref: FindingRef): EditorFinding | undefined {
  return result?.findings.find((f) => f.ruleId === ref.ruleId && f.range.start.line === ref.line && f.range.start.character === ref.character);
}

/** True for a well-formed FindingRef (command arguments come from anywhere). */
export function isFindingRef(value: unknown): value is FindingRef {
  const v = value as Partial<FindingRef> | undefined;
  return typeof v === 'object' && v !== null && typeof v.uri === 'string' && typeof v.ruleId === 'string' && Number.isInteger(v.line) && Number.isInteger(v.character);
}
