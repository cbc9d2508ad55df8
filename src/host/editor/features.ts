/**
 * Entry point of the lazily loaded editor bundle (`dist/editor.js`, see esbuild.mjs and `lazyEditor.ts`): the
 * detector and everything the editor features do with it. `register.ts`, in the activation bundle, registers thin
 * providers and commands that load this on first use (or right after activation, to scan the open documents).
 */
import type * as vscode from 'vscode';
import type { CommandHandler } from '../commands/runCommand';
import type { ClientSource } from '../clients/clientPool';
import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceStore } from '../workspaces/workspaceStore';
import { FindingCodeActionProvider } from './codeActions';
import { FindingCodeLensProvider } from './codeLens';
import { DetectorConfigs } from './detectorConfig';
import { affectsDetectionSettings } from './editorSettings';
import { FindingsService } from './findings';
import { EditorCommandIds } from './ids';
import { ignoreFindingHandler } from './ignoreFinding';
import { moveAllHandler } from './moveAll';
import { moveSecretHandler } from './moveSecret';
import { vscodePrompter, type MovePrompter } from './prompter';
import { scanWorkspaceHandler } from './scanWorkspace';

export * from './engine';

/** What the editor features need from activate(). */
export interface EditorDeps {
  readonly log: vscode.LogOutputChannel;
  readonly store: Pick<WorkspaceStore, 'list'>;
  readonly clients: ClientSource;
  readonly state: vscode.Memento;
  /** Called after secrets were stored in a scope (the explorer refreshes it). */
  readonly stored?: (workspace: Workspace, scope: string) => void;
  /** Wraps a failure with its workspace (the activation bundle's WorkspaceOperationError). */
  readonly operationError: (workspace: Workspace, cause: unknown) => Error;
}

/** What the integration tests and the benchmark reach of the editor features (only in ExtensionMode.Test). */
export interface EditorTestHooks {
  readonly findings: FindingsService;
  /** The code action provider itself (VS Code's executeCodeActionProvider drops the actions' diagnostics). */
  readonly codeActions: FindingCodeActionProvider;
  /** Answers the move's questions with `prompter` instead of quick picks; undefined restores the quick picks. */
  setPrompter(prompter: MovePrompter | undefined): void;
}

/** The loaded editor features. */
export interface EditorFeatures extends vscode.Disposable {
  readonly codeLens: FindingCodeLensProvider;
  readonly codeActions: FindingCodeActionProvider;
  readonly commands: Readonly<Record<string, CommandHandler>>;
  readonly testHooks: EditorTestHooks;
  configurationChanged(event: vscode.ConfigurationChangeEvent): void;
}

/** Creates the findings service (which starts scanning the open documents), the providers and the command bodies. */
export function createEditorFeatures(deps: EditorDeps): EditorFeatures {
  const configs = new DetectorConfigs(deps.log);
  const findings = new FindingsService(configs, deps.log);
  const codeLens = new FindingCodeLensProvider(findings);
  const codeActions = new FindingCodeActionProvider(findings);
  let prompter: MovePrompter = vscodePrompter;
  const moveDeps = { ...deps, findings, prompter: () => prompter };
  return {
    codeLens,
    codeActions,
    commands: {
      [EditorCommandIds.move]: moveSecretHandler(moveDeps),
      [EditorCommandIds.moveAll]: moveAllHandler(moveDeps),
      [EditorCommandIds.ignore]: ignoreFindingHandler(findings),
      [EditorCommandIds.scanWorkspace]: scanWorkspaceHandler(deps.log, findings, configs),
    },
    testHooks: { findings, codeActions, setPrompter: (p) => void (prompter = p ?? vscodePrompter) },
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
