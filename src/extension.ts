import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { registerManagePermissions } from './host/acl/managePermissions';
import { ClientPool } from './host/clients/clientPool';
import { registerAddWorkspace } from './host/commands/addWorkspace';
import type { CommandDeps } from './host/commands/commandDeps';
import { EXPLORER_VIEW_ID } from './host/commands/ids';
import { registerRefresh } from './host/commands/refresh';
import { registerSecretCommands } from './host/commands/registerSecretCommands';
import { registerRemoveWorkspace } from './host/commands/removeWorkspace';
import { registerSetToken } from './host/commands/setToken';
import { registerShowLog } from './host/commands/showLog';
import { registerImportProfiles } from './host/commands/importProfiles';
import { registerSignOut } from './host/commands/signOut';
import { registerContextKeys } from './host/contextKeys';
import { registerEditorFeatures } from './host/editor/register';
import { createLog } from './host/log';
import type { DatabricksSecretsTestApi } from './host/testApi';
import { loadCommands } from './host/lazyCommands';
import { ExplorerModel } from './host/tree/explorerModel';
import { ExplorerTreeProvider } from './host/tree/explorerProvider';
import { ExplorerReveal } from './host/tree/reveal';
import { registerReferences } from './host/references/registerReferences';
import { ExplorerDragAndDrop, registerSecretReferenceDrop } from './host/tree/dragAndDrop';
import { SwitchablePrompts } from './host/pick/prompts';
import { RecentPicks } from './host/pick/recent';
import { WorkspaceStore } from './host/workspaces/workspaceStore';

/**
 * Wires the services together and registers views and commands. Does no network I/O: the API client is
 * loaded and created on the first expand.
 */
export function activate(context: vscode.ExtensionContext): DatabricksSecretsTestApi | undefined {
  const started = performance.now();
  const log = createLog();
  const store = new WorkspaceStore(context.secrets);
  const clients = new ClientPool(store, log);
  const model = new ExplorerModel(store, clients, { log });
  const explorer = new ExplorerTreeProvider(model);
  context.subscriptions.push(log, store, clients, model, explorer);

  const treeView = vscode.window.createTreeView(EXPLORER_VIEW_ID, {
    treeDataProvider: explorer,
    showCollapseAll: true,
    canSelectMany: true,
    dragAndDropController: new ExplorerDragAndDrop(),
  });
  context.subscriptions.push(treeView, registerContextKeys(store), registerSecretReferenceDrop());

  const prompts = new SwitchablePrompts();
  const recent = new RecentPicks(context.globalState);
  const deps: CommandDeps = { log, store, model, clients, prompts, recent, tree: new ExplorerReveal(explorer, treeView) };
  context.subscriptions.push(
    ...registerSecretCommands(deps),
    registerAddWorkspace(deps),
    registerRemoveWorkspace(deps),
    registerSetToken(deps),
    registerRefresh(deps),
    registerShowLog(deps),
    registerSignOut(deps),
    registerImportProfiles(deps),
  );
  const references = registerReferences(deps, context.workspaceState);
  const aclPanels = registerManagePermissions({ ...deps, clients, extensionUri: context.extensionUri });
  const editor = registerEditorFeatures(deps);
  context.subscriptions.push(references.disposable, aclPanels, editor);

  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (${store.list().length} workspace(s) configured)`);
  return context.extensionMode === vscode.ExtensionMode.Test
    ? {
        explorer,
        model,
        workspaces: store,
        clients,
        deps,
        prompts,
        commands: loadCommands,
        globalState: context.globalState,
        globalStorageUri: context.globalStorageUri,
        references: references.features,
        aclPanels,
        editor: editor.testHooks,
      }
    : undefined;
}

export function deactivate(): void {}

// For the lazily loaded commands bundle only (see src/host/shared.ts); VS Code uses activate/deactivate.
export * from './host/shared';
