import * as vscode from 'vscode';
import type { SecretsClient } from '../../core/api';
import type { ClientSource } from '../clients/clientPool';
import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceStore } from '../workspaces/workspaceStore';
import type { EditorFinding, FindingsService } from './findings';
import { LAST_SCOPE_STATE, LAST_WORKSPACE_STATE } from './ids';
import type { MovePrompter } from './prompter';

/** What the move commands use; built once in `registerEditorFeatures`. */
export interface MoveDeps {
  readonly log: vscode.LogOutputChannel;
  readonly store: Pick<WorkspaceStore, 'list'>;
  readonly clients: ClientSource;
  /** globalState: the last workspace and scope (names only). */
  readonly state: vscode.Memento;
  readonly findings: FindingsService;
  /** The prompter in use (the integration tests swap in a scripted one). */
  readonly prompter: () => MovePrompter;
  /** Called after secrets were stored (the explorer refreshes that scope). */
  readonly stored?: (workspace: Workspace, scope: string) => void;
  /** Wraps a failure with its workspace (the extension bundle's WorkspaceOperationError, so its messages apply). */
  readonly operationError: (workspace: Workspace, cause: unknown) => Error;
}

/** Where the secrets go: a workspace, a Databricks-backed scope, and the keys it already holds. */
export interface Destination {
  readonly workspace: Workspace;
  readonly scope: string;
  /** The scope's keys (empty when they could not be listed, e.g. without READ). */
  readonly existing: ReadonlySet<string>;
}

/** Runs a client call for a workspace; failures carry the workspace so the message names its host and fix. */
export async function callWorkspace<T>(deps: MoveDeps, workspace: Workspace, call: (client: SecretsClient) => Promise<T>): Promise<T> {
  try {
    return await deps.clients.use(workspace, call);
  } catch (error) {
    throw deps.operationError(workspace, error);
  }
}

/** Runs `task` under a cancellable notification; cancelling aborts the request. */
export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      return task(abort.signal).finally(() => subscription.dispose());
    }),
  );
}

function lastUsedFirst<T>(items: readonly T[], first: ReadonlyArray<T | undefined>): T[] {
  const head = first.filter((x, i): x is T => x !== undefined && items.includes(x) && first.indexOf(x) === i);
  return [...head, ...items.filter((x) => !head.includes(x))];
}

/**
 * Asks for the workspace (the last used first; with only one, no question), the Databricks-backed scope (the last
 * configuration file's `scope` and the last used first; "Create new scope…" creates one) and lists the scope's keys.
 * Undefined when the person cancels.
 */
export async function chooseDestination(deps: MoveDeps, configScope: string): Promise<Destination | undefined> {
  const workspaces = deps.store.list().filter((w) => !w.problem);
  if (workspaces.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No workspace to store the secret in: add one with "Databricks Secrets: Add Workspace".'));
    return undefined;
  }
  const lastId = deps.state.get<string>(LAST_WORKSPACE_STATE);
  const ordered = lastUsedFirst(workspaces, [workspaces.find((w) => w.id === lastId)]);
  const workspace = ordered.length === 1 ? ordered[0] : await deps.prompter().pickWorkspace(ordered);
  if (!workspace) return undefined;

  const scopes = await withCancellableProgress(vscode.l10n.t('Listing the scopes of {0}…', workspace.name), (signal) =>
    callWorkspace(deps, workspace, (client) => client.listScopes({ signal })),
  );
  const names = scopes.filter((s) => s.backend_type === 'DATABRICKS').map((s) => s.name).sort((a, b) => a.localeCompare(b));
  const lastScopes = deps.state.get<Record<string, string>>(LAST_SCOPE_STATE) ?? {};
  const choice = await deps.prompter().pickScope(workspace, lastUsedFirst(names, [configScope, lastScopes[workspace.id]]));
  if (!choice) return undefined;

  let existing: ReadonlySet<string> = new Set();
  if (choice.create) {
    await withCancellableProgress(vscode.l10n.t('Creating scope {0}…', choice.scope), (signal) =>
      callWorkspace(deps, workspace, (client) => client.createScope(choice.scope, { signal })),
    );
    deps.log.info(`created scope ${choice.scope} in ${workspace.host}`);
  } else {
    try {
      const keys = await callWorkspace(deps, workspace, (client) => client.listSecrets(choice.scope));
      existing = new Set(keys.map((k) => k.key));
    } catch (error) {
      // Without READ the keys cannot be listed; the put says whether WRITE is allowed.
      deps.log.info(`could not list the keys of ${choice.scope} to check for existing ones: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await deps.state.update(LAST_WORKSPACE_STATE, workspace.id);
  await deps.state.update(LAST_SCOPE_STATE, { ...lastScopes, [workspace.id]: choice.scope });
  return { workspace, scope: choice.scope, existing };
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
 * value was being stored, each literal is looked up again by its value; undefined (nothing edited) when one is gone.
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
