import * as vscode from 'vscode';
import type { Workspace } from '../workspaces/workspace';

/** A scope choice: an existing Databricks-backed scope, or a new one to create first. */
export interface ScopeChoice {
  readonly scope: string;
  readonly create: boolean;
}

/** One finding offered in Move All's list. */
export interface MoveItem {
  readonly label: string;
  readonly detail: string;
}

/**
 * The questions the move asks. The default asks with quick picks and input boxes; the integration tests answer
 * through a scripted one (see the test API), so the flow around them runs as it does for a person.
 */
export interface MovePrompter {
  /** Only called with two or more workspaces, the last used first. */
  pickWorkspace(workspaces: readonly Workspace[]): Promise<Workspace | undefined>;
  /** `scopes` are the Databricks-backed scopes, the likeliest first. */
  pickScope(workspace: Workspace, scopes: readonly string[]): Promise<ScopeChoice | undefined>;
  /** The key, prefilled with `suggested`; `existing` are the scope's keys (empty when they could not be listed). */
  pickKey(scope: string, suggested: string, existing: ReadonlySet<string>, pattern: RegExp): Promise<string | undefined>;
  /** Asked when keys already exist in the scope: true to overwrite them. */
  confirmOverwrite(scope: string, keys: readonly string[]): Promise<boolean>;
  /** Move All: which of the findings to move (indexes into `items`), all chosen at first. */
  pickFindings(items: readonly MoveItem[]): Promise<number[] | undefined>;
}

const SCOPE_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** Asks with VS Code's quick picks and input boxes. */
export const vscodePrompter: MovePrompter = {
  async pickWorkspace(workspaces) {
    const picked = await vscode.window.showQuickPick(
      workspaces.map((workspace) => ({ label: workspace.name, description: workspace.host, workspace })),
      { title: vscode.l10n.t('Move to Databricks Secret (1/3)'), placeHolder: vscode.l10n.t('Workspace to store the secret in'), ignoreFocusOut: true },
    );
    return picked?.workspace;
  },

  async pickScope(workspace, scopes) {
    const create = { label: vscode.l10n.t('$(add) Create new scope…'), alwaysShow: true, scope: undefined as string | undefined };
    const items = [...scopes.map((scope) => ({ label: scope, alwaysShow: false, scope: scope as string | undefined })), create];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Move to Databricks Secret (2/3)'),
      placeHolder: vscode.l10n.t('Secret scope in {0} (Databricks-backed scopes only)', workspace.name),
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.scope !== undefined) return { scope: picked.scope, create: false };
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Create new scope'),
      prompt: vscode.l10n.t('Name of the new Databricks-backed scope'),
      ignoreFocusOut: true,
      validateInput: (value) =>
        !SCOPE_NAME.test(value)
          ? vscode.l10n.t('1–128 letters, digits, "_", "." or "-"')
          : scopes.includes(value)
            ? vscode.l10n.t('Scope {0} already exists: pick it from the list instead', value)
            : undefined,
    });
    return name === undefined ? undefined : { scope: name, create: true };
  },

  async pickKey(scope, suggested, existing, pattern) {
    return vscode.window.showInputBox({
      title: vscode.l10n.t('Move to Databricks Secret (3/3)'),
      prompt: vscode.l10n.t('Key in scope {0}', scope),
      value: suggested,
      valueSelection: [0, suggested.length],
      ignoreFocusOut: true,
      validateInput: (value) => {
        if (!pattern.test(value)) return vscode.l10n.t('1–128 letters, digits, "_", "." or "-"');
        if (existing.has(value)) {
          return { message: vscode.l10n.t('Key {0} already exists in {1}: you will be asked before it is overwritten', value, scope), severity: vscode.InputBoxValidationSeverity.Warning };
        }
        return undefined;
      },
    });
  },

  async confirmOverwrite(scope, keys) {
    const overwrite = vscode.l10n.t('Overwrite');
    const answer = await vscode.window.showWarningMessage(
      keys.length === 1
        ? vscode.l10n.t('Key {0} already exists in scope {1}. Overwrite its value?', keys[0], scope)
        : vscode.l10n.t('Keys {0} already exist in scope {1}. Overwrite their values?', keys.join(', '), scope),
      { modal: true },
      overwrite,
    );
    return answer === overwrite;
  },

  async pickFindings(items) {
    const picked = await vscode.window.showQuickPick(
      items.map((item, index) => ({ ...item, index, picked: true })),
      { title: vscode.l10n.t('Move All in This File'), placeHolder: vscode.l10n.t('Each credential and the text that replaces it: untick any to leave'), canPickMany: true, ignoreFocusOut: true },
    );
    return picked?.map((p) => p.index);
  },
};
