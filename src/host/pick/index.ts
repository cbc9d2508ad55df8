/**
 * Shared pickers of the secret and scope commands (also used by the editor's "Move to Databricks Secret").
 *
 * - {@link pickWorkspace}: the workspace from a tree node / id / `{ workspaceId }`, or asked (last used first;
 *   no question when there is only one).
 * - {@link pickScope}: a scope of a workspace, optionally Databricks-backed only, with "Create new scope…".
 * - {@link askKeyName}: a key name validated while typing; an existing key is flagged and overwriting is confirmed.
 *
 * Every question goes through {@link Prompts} (`deps.prompts`), so tests answer them without UI. The
 * dependencies are the command dependencies (`CommandDeps`) every command gets.
 */
export { pickWorkspace, type WorkspacePickDeps, type WorkspacePickOptions } from './workspacePicker';
export { pickScope, type ScopePickOptions } from './scopePicker';
export { askKeyName, type KeyNameAnswer, type KeyNameOptions } from './keyNameInput';
export { windowPrompts, SwitchablePrompts, type Prompts, type PickOptions } from './prompts';
export { RecentPicks } from './recent';
export { commandTarget, type CommandTarget } from './target';
