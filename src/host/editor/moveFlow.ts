import * as vscode from 'vscode';
import type { SecretsClient } from '../../core/api';
import type { CommandDeps } from '../commands/commandDeps';
import { WorkspaceOperationError } from '../errors/hostErrors';
import { loadCommands } from '../lazyCommands';
import type { Workspace } from '../workspaces/workspace';
import type { EditorFinding, FindingsService } from './findings';

/** What the move commands use: the command dependencies (pickers ask through `prompts`) and the findings. */
export interface MoveDeps extends CommandDeps {
  readonly findings: FindingsService;
}

/** Where the secrets go: a workspace and a Databricks-backed scope. */
export interface Destination {
  readonly workspace: Workspace;
  readonly scope: string;
}

/** Runs a client call for a workspace; failures carry the workspace so the message names its host and fix. */
export async function callWorkspace<T>(deps: MoveDeps, workspace: Workspace, call: (client: SecretsClient) => Promise<T>): Promise<T> {
  try {
    return await deps.clients.use(workspace, call);
  } catch (error) {
    throw new WorkspaceOperationError(workspace, error);
  }
}

/**
 * Asks for the workspace (the last used first; with only one, no question) and the Databricks-backed scope (with
 * "Create new scope…"), with the shared pickers of the secret commands. Undefined when the person cancels.
 */
export async function chooseDestination(deps: MoveDeps, title: string): Promise<Destination | undefined> {
  const pickers = loadCommands();
  const workspace = await pickers.pickWorkspace(deps, undefined, { placeHolder: vscode.l10n.t('Workspace to store the secret in'), filter: (w) => !w.problem });
  if (!workspace) return undefined;
  const scope = await pickers.pickScope(deps, workspace, {
    databricksOnly: true,
    title,
    placeHolder: vscode.l10n.t('Secret scope in {0} (Databricks-backed scopes only)', workspace.name),
  });
  return scope ? { workspace, scope: scope.name } : undefined;
}

/** One literal to replace once its value is stored. */
export interface PendingReplacement {
  readonly finding: EditorFinding;
  /** The literal's text when the move started (to find it again if the document changed meanwhile). */
  readonly literal: string;
  readonly text: string;
}

/**
 * Replaces the literals in one WorkspaceEdit (one undo restores them all). When the document changed while the
 * value was being stored, each literal is looked up again by its value; false (nothing edited) when one is gone.
 */
export async function replaceLiterals(deps: MoveDeps, document: vscode.TextDocument, pending: readonly PendingReplacement[]): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  let current: readonly EditorFinding[] | undefined;
  for (const p of pending) {
    let range = p.finding.replacement!.range;
    if (document.getText(range) !== p.literal) {
      current ??= (await deps.findings.findings(document))?.findings ?? [];
      const again = current
        .filter((f) => f.ruleId === p.finding.ruleId && f.raw.secret === p.finding.raw.secret && f.replacement && document.getText(f.replacement.range) === p.literal)
        .sort((a, b) => Math.abs(a.range.start.line - p.finding.range.start.line) - Math.abs(b.range.start.line - p.finding.range.start.line))[0];
      if (!again) return false;
      range = again.replacement!.range;
    }
    edit.replace(document.uri, range, p.text);
  }
  return vscode.workspace.applyEdit(edit);
}
