import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceStore } from '../workspaces/workspaceStore';
import { windowPrompts } from '../pick/prompts';
import { pickWorkspace } from '../pick/workspacePicker';

/**
 * The workspace a command was invoked for: a tree node (anything with a `workspace`), a workspace id (from an
 * error action or link), or — from the Command Palette — one the person picks. Undefined when they cancel.
 * Kept for the workspace commands; new commands use {@link pickWorkspace} (last used first, testable prompts).
 */
export function resolveWorkspace(
  store: WorkspaceStore,
  arg: unknown,
  placeHolder: string,
  filter: (workspace: Workspace) => boolean = () => true,
): Promise<Workspace | undefined> {
  return pickWorkspace({ store, prompts: windowPrompts }, arg, { placeHolder, filter });
}
