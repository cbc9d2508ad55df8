import type * as vscode from 'vscode';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { registerCommand } from './runCommand';

/**
 * Registers "Databricks Secrets: Refresh": the whole explorer (view title, palette), one workspace (its node or
 * its id) or one scope (its node).
 */
export function registerRefresh({ log, model }: CommandDeps): vscode.Disposable {
  return registerCommand(log, CommandIds.refresh, (arg?: unknown) => {
    if (typeof arg === 'string') return model.refresh(arg);
    if (typeof arg === 'object' && arg !== null && 'kind' in arg) {
      const node = arg as { kind: string; workspace?: { id: string }; scope?: { name: string } };
      if (node.kind === 'workspace' && node.workspace) return model.refresh(node.workspace.id);
      if (node.kind === 'scope' && node.workspace && node.scope) return model.refresh(node.workspace.id, node.scope.name);
    }
    model.refresh();
  });
}
