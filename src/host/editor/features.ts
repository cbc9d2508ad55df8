/**
 * Entry point of the lazily loaded editor bundle (`dist/editor.js`, see esbuild.mjs and `lazyEditor.ts`): the
 * detector and everything the editor features do with it. `register.ts`, in the activation bundle, registers thin
 * providers and commands that load this on first use (or right after activation, to scan the open documents).
 */
import type * as vscode from 'vscode';
import type { CommandDeps } from '../commands/commandDeps';
import type { CommandHandler } from '../commands/runCommand';
import { FindingCodeActionProvider } from './codeActions';
import { FindingCodeLensProvider } from './codeLens';
import { DetectorConfigs } from './detectorConfig';
import { affectsDetectionSettings } from './editorSettings';
import { FindingsService } from './findings';
import { EditorCommandIds } from './ids';
import { ignoreFindingHandler } from './ignoreFinding';
import { moveAllHandler } from './moveAll';
import { moveSecretHandler } from './moveSecret';
import { scanWorkspaceHandler } from './scanWorkspace';


/** What the integration tests and the benchmark reach of the editor features (only in ExtensionMode.Test). */
export interface EditorTestHooks {
  readonly findings: FindingsService;
  /** The code action provider itself (VS Code's executeCodeActionProvider drops the actions' diagnostics). */
  readonly codeActions: FindingCodeActionProvider;
}

/** The loaded editor features. */
export interface EditorFeatures extends vscode.Disposable {
  readonly codeLens: FindingCodeLensProvider;
  readonly codeActions: FindingCodeActionProvider;
  readonly commands: Readonly<Record<string, CommandHandler>>;
  readonly testHooks: EditorTestHooks;
  configurationChanged(event: vscode.ConfigurationChangeEvent): void;
}

/**
 * Creates the findings service (which starts scanning the open documents), the providers and the command bodies.
 * The move asks its questions with the secret commands' shared pickers, through `deps.prompts`.
 */
export function createEditorFeatures(deps: CommandDeps): EditorFeatures {
  const configs = new DetectorConfigs(deps.log);
  const findings = new FindingsService(configs, deps.log);
  const codeLens = new FindingCodeLensProvider(findings);
  const codeActions = new FindingCodeActionProvider(findings);
  const moveDeps = { ...deps, findings };
  return {
    codeLens,
    codeActions,
    commands: {
      [EditorCommandIds.move]: moveSecretHandler(moveDeps),
      [EditorCommandIds.moveAll]: moveAllHandler(moveDeps),
      [EditorCommandIds.ignore]: ignoreFindingHandler(findings),
      [EditorCommandIds.scanWorkspace]: scanWorkspaceHandler(deps.log, findings, configs),
    },
    testHooks: { findings, codeActions },
    configurationChanged(event) {
      if (event.affectsConfiguration('databricksSecrets.detection.configFile')) configs.reset();
      else if (affectsDetectionSettings(event)) findings.rescanAll();
    },
    dispose() {
      codeLens.dispose();
      findings.dispose();
      configs.dispose();
    },
  };
}
