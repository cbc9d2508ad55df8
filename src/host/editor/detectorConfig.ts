import * as vscode from 'vscode';
import type { DetectorConfig } from './engine';
import { readDetectionSettings } from './editorSettings';
import { loadDetector } from './lazyDetect';

/** The scanner configuration of one workspace folder, and the problem with its file if it could not be used. */
export interface FolderConfig {
  readonly config: DetectorConfig;
  /** Set when the file exists but is not valid; the defaults are used instead. */
  readonly problem?: string;
}

/**
 * Reads the scanner's JSON configuration (`databricksSecrets.detection.configFile`, by default
 * `.databricks-secrets.json`, the same format as the command line's `--config FILE`) from each workspace folder,
 * once, and again when the file changes. Documents outside a folder use the defaults.
 */
export class DetectorConfigs implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<FolderConfig>>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly reported = new Set<string>();
  /** Fires when a folder's configuration file was created, changed or deleted. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The configuration for a document in `folder` (the defaults outside any folder). */
  get(folder: vscode.WorkspaceFolder | undefined): Promise<FolderConfig> {
    if (!folder) return Promise.resolve({ config: loadDetector().defaultConfig });
    const id = folder.uri.toString();
    let entry = this.cache.get(id);
    if (!entry) {
      entry = this.read(folder);
      this.cache.set(id, entry);
      this.watch(folder);
    }
    return entry;
  }

  /** Forgets every cached file (after the setting naming it changed). */
  reset(): void {
    this.cache.clear();
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
    this.changed.dispose();
  }

  private fileOf(folder: vscode.WorkspaceFolder): string {
    return readDetectionSettings({ uri: folder.uri, languageId: '' }).configFile;
  }

  private watch(folder: vscode.WorkspaceFolder): void {
    const name = this.fileOf(folder);
    if (!name) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
    const reload = (): void => {
      this.cache.delete(folder.uri.toString());
      this.changed.fire();
    };
    const subscriptions = [watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload)];
    this.watchers.set(folder.uri.toString(), vscode.Disposable.from(...subscriptions));
  }

  private async read(folder: vscode.WorkspaceFolder): Promise<FolderConfig> {
    const detector = loadDetector();
    const name = this.fileOf(folder);
    if (!name) return { config: detector.defaultConfig };
    const uri = vscode.Uri.joinPath(folder.uri, name);
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return { config: detector.defaultConfig }; // no configuration file: the defaults
    }
    try {
      return { config: detector.parseConfig(JSON.parse(text)) };
    } catch (error) {
      // Never quote the file: it may list values to ignore. The detector's ConfigError names only the field.
      const problem = error instanceof detector.ConfigError
        ? vscode.l10n.t('{0}: {1}. The default settings are used until it is fixed.', name, error.message)
        : vscode.l10n.t('{0} is not valid JSON. The default settings are used until it is fixed.', name);
      this.log.warn(`detector configuration ${uri.fsPath}: ${problem}`);
      if (!this.reported.has(uri.toString())) {
        this.reported.add(uri.toString());
        void vscode.window.showWarningMessage(problem);
      }
      return { config: detector.defaultConfig, problem };
    }
  }
}
