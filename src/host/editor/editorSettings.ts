import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../settings';

/** How findings are shown in the Problems panel, or not at all. */
export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The detection settings that apply to one document (language-specific values win, e.g. `"[sql]": {...}`). */
export interface DetectionSettings {
  /** `databricksSecrets.detection.enabled`; overridable per language. */
  readonly enabled: boolean;
  /** `databricksSecrets.detection.severity`; overridable per language. */
  readonly severity: DiagnosticLevel;
  /** `databricksSecrets.detection.codeLens`; overridable per language. */
  readonly codeLens: boolean;
  /** `databricksSecrets.detection.configFile`: the scanner's JSON configuration, relative to the workspace folder. */
  readonly configFile: string;
}

const LEVELS: readonly DiagnosticLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Reads the detection settings for a document (its folder and its language). */
export function readDetectionSettings(scope?: { uri: vscode.Uri; languageId: string }): DetectionSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const severity = config.get<string>('detection.severity');
  const configFile = config.get<string>('detection.configFile');
  return {
    enabled: config.get<boolean>('detection.enabled') !== false,
    severity: LEVELS.includes(severity as DiagnosticLevel) ? (severity as DiagnosticLevel) : 'warning',
    codeLens: config.get<boolean>('detection.codeLens') !== false,
    configFile: typeof configFile === 'string' ? configFile.trim() : '.databricks-secrets.json',
  };
}

/** True when a configuration change touches the detection settings. */
export function affectsDetectionSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SETTINGS_SECTION}.detection`);
}

/** The VS Code severity for a level (undefined for `off`). */
export function toDiagnosticSeverity(level: DiagnosticLevel): vscode.DiagnosticSeverity | undefined {
  switch (level) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    case 'information': return vscode.DiagnosticSeverity.Information;
    case 'hint': return vscode.DiagnosticSeverity.Hint;
    default: return undefined;
  }
}
