import { commandTarget } from '../pick/target';
import { pickWorkspace } from '../pick/workspacePicker';
import type { CommandDeps } from './commandDeps';
import { putSecretFlow, type PutResult } from './putSecret';

/**
 * Update Secret Value (key node): the masked value box (or a file / the clipboard) for an existing key, with no key
 * question. Without a key (not from a key node) it falls back to Put Secret, which confirms overwriting.
 */
export async function updateSecretFlow(deps: CommandDeps, arg?: unknown): Promise<PutResult | undefined> {
  const target = commandTarget(arg);
  if (target.scope === undefined || target.key === undefined) {
    const workspace = await pickWorkspace(deps, arg);
    if (!workspace) return undefined;
    return putSecretFlow(deps, { workspaceId: workspace.id, scope: target.scope });
  }
  return putSecretFlow(deps, arg, { update: true });
}

