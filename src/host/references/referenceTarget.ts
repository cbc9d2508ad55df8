import * as vscode from 'vscode';
import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceStore } from '../workspaces/workspaceStore';

const STATE_KEY = 'databricksSecrets.references.workspaceByFolder';

/**
 * Which workspace the secret references in a file are checked against: chosen per folder (kept in workspace state:
 * ids only), else the only or first configured workspace. A status-bar item shows it while an editor that can hold
 * references is active; clicking it changes it.
 */
export class ReferenceTarget implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly item = vscode.window.createStatusBarItem('databricksSecrets.references.workspace', vscode.StatusBarAlignment.Right, 90);
  private readonly subscriptions: vscode.Disposable[] = [this.changed, this.item];

  /** Fires when the chosen workspace of any folder, or the workspace list, changes. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: Pick<WorkspaceStore, 'list' | 'get' | 'onDidChange'>,
    private readonly state: vscode.Memento,
    private readonly selector: vscode.DocumentSelector,
    chooseCommand: string,
  ) {
    this.item.name = vscode.l10n.t('Databricks Secrets: references');
    this.item.command = chooseCommand;
    this.subscriptions.push(
      store.onDidChange(() => {
        this.changed.fire();
        this.updateItem();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateItem()),
    );
    this.updateItem();
  }

  /** The workspace references in `uri` are checked against; undefined when none is configured. */
  workspaceFor(uri: vscode.Uri): Workspace | undefined {
    const workspaces = this.store.list().filter((w) => w.problem === undefined);
    const chosenId = this.chosen()[folderKey(uri)];
    return (chosenId !== undefined ? workspaces.find((w) => w.id === chosenId) : undefined) ?? workspaces[0];
  }

  /** Asks which workspace the references of `uri`'s folder are checked against. */
  async choose(uri: vscode.Uri | undefined = vscode.window.activeTextEditor?.document.uri): Promise<void> {
    const workspaces = this.store.list().filter((w) => w.problem === undefined);
    if (workspaces.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No workspace to check references against: add one with "Databricks Secrets: Add Workspace".'));
      return;
    }
    const current = uri ? this.workspaceFor(uri) : undefined;
    const picked = await vscode.window.showQuickPick(
      workspaces.map((workspace) => ({
        label: workspace.name,
        description: workspace.host,
        detail: workspace.id === current?.id ? vscode.l10n.t('Checked against now') : undefined,
        workspace,
      })),
      { placeHolder: vscode.l10n.t('Check secret references in this folder against which workspace?') },
    );
    if (!picked) return;
    await this.set(uri, picked.workspace.id);
  }

  /** Remembers the workspace for `uri`'s folder (tests call this directly). */
  async set(uri: vscode.Uri | undefined, workspaceId: string): Promise<void> {
    await this.state.update(STATE_KEY, { ...this.chosen(), [uri ? folderKey(uri) : '']: workspaceId });
    this.changed.fire();
    this.updateItem();
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private chosen(): Record<string, string> {
    const value = this.state.get<unknown>(STATE_KEY);
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
  }

  private updateItem(): void {
    const document = vscode.window.activeTextEditor?.document;
    const workspace = document && vscode.languages.match(this.selector, document) > 0 ? this.workspaceFor(document.uri) : undefined;
    if (!workspace) {
      this.item.hide();
      return;
    }
    this.item.text = `$(key) ${workspace.name}`;
    this.item.tooltip = vscode.l10n.t('Secret references in this folder are checked against {0} ({1}). Click to change.', workspace.name, workspace.host);
    this.item.show();
  }
}

/** The folder a document belongs to (its workspace folder, else its own directory for loose files). */
function folderKey(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder) return folder.uri.toString();
  if (uri.scheme === 'vscode-notebook-cell') return uri.with({ fragment: '' }).toString();
  return vscode.Uri.joinPath(uri, '..').toString();
}
