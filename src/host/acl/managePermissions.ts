import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ClientSource } from '../clients/clientPool';
import type { CommandDeps } from '../commands/commandDeps';
import { registerCommand } from '../commands/runCommand';
import { describeError, errorLogDetail } from '../errors/describeError';
import { isApiError } from '../lazyApi';
import type { Workspace } from '../workspaces/workspace';
import type { AclPanelDeps, AclPanelHandle, AclPanelManager, AclPanelsModule } from './aclDeps';
import { ACL_PANEL_VIEW_TYPE, MANAGE_PERMISSIONS_COMMAND } from './aclIds';
import { loadCommands } from '../lazyCommands';

/** What "Manage Permissions" needs beyond the common command dependencies. */
export interface ManagePermissionsDeps extends CommandDeps {
  readonly clients: ClientSource;
  readonly extensionUri: vscode.Uri;
}

/** Opens ACL panels from tests (only through the test API). */
export interface AclPanelsForTests {
  /** Opens (or reveals) a scope's panel, as the command does. */
  open(workspaceId: string, scope: string): Promise<AclPanelHandle>;
  /** The open panel of a scope, if any. */
  find(workspaceId: string, scope: string): Promise<AclPanelHandle | undefined>;
}

/**
 * Registers "Manage Permissions" (scope node's context menu, or the Command Palette with a scope picker) and the
 * serializer that restores open ACL panels after a window reload. The panels' code is its own bundle
 * (`dist/aclPanels.js`), loaded the first time a panel opens.
 */
export function registerManagePermissions(deps: ManagePermissionsDeps): vscode.Disposable & AclPanelsForTests {
  let manager: AclPanelManager | undefined;
  const panels = (): AclPanelManager => (manager ??= loadAclPanels().createAclPanels(panelDeps(deps)));
  const workspaceOf = (id: string): Workspace => {
    const workspace = deps.store.get(id);
    if (!workspace) throw new Error(vscode.l10n.t('The workspace {0} is no longer configured.', id));
    return workspace;
  };

  const command = registerCommand(deps.log, MANAGE_PERMISSIONS_COMMAND, async (arg?: unknown) => {
    const target = scopeTarget(arg) ?? (await pickTarget(deps));
    if (!target) return;
    panels().open(workspaceOf(target.workspaceId), target.scope);
  });

  const serializer = vscode.window.registerWebviewPanelSerializer(ACL_PANEL_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      const saved = savedTarget(state);
      if (!saved || !deps.store.get(saved.workspaceId)) {
        panel.dispose(); // nothing to show: the state is unusable or the workspace is gone
        return;
      }
      panels().revive(panel, saved.workspaceId, saved.scope);
    },
  });

  return {
    dispose: () => {
      manager?.dispose();
      command.dispose();
      serializer.dispose();
    },
    open: async (workspaceId, scope) => panels().open(workspaceOf(workspaceId), scope),
    find: async (workspaceId, scope) => manager?.find(workspaceId, scope),
  };
}

/** A scope from the command's argument: a scope tree node (anything with `kind: 'scope'`, its workspace and scope). */
function scopeTarget(arg: unknown): { workspaceId: string; scope: string } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { kind?: unknown; workspace?: { id?: unknown }; scope?: { name?: unknown } };
  if (node.kind !== 'scope' || typeof node.workspace?.id !== 'string' || typeof node.scope?.name !== 'string') return undefined;
  return { workspaceId: node.workspace.id, scope: node.scope.name };
}

/** The workspace id and scope a restored panel's webview state names, when it is well formed. */
function savedTarget(state: unknown): { workspaceId: string; scope: string } | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { workspaceId, scope } = state as { workspaceId?: unknown; scope?: unknown };
  if (typeof workspaceId !== 'string' || typeof scope !== 'string' || !workspaceId || !/^[A-Za-z0-9_.-]{1,128}$/.test(scope)) return undefined;
  return { workspaceId, scope };
}

function panelDeps(deps: ManagePermissionsDeps): AclPanelDeps {
  return {
    extensionUri: deps.extensionUri,
    log: deps.log,
    clients: deps.clients,
    model: deps.model,
    workspace: (id) => deps.store.get(id),
    describe: (error, workspace) => {
      const view = describeError(error, workspace);
      return view.headline === view.detail ? view.detail : `${view.headline}. ${view.detail}`;
    },
    logDetail: errorLogDetail,
    isPermissionError: (error) => isApiError(error) && error.kind === 'permission',
  };
}

/** The panel bundle built next to the extension bundle (see esbuild.mjs); from tsc output, the module itself. */
const BUNDLED_PANELS = join(__dirname, 'aclPanels.js');

function loadAclPanels(): AclPanelsModule {
  // createRequire keeps esbuild from inlining the panels into the extension bundle.
  const load = createRequire(__filename);
  return (existsSync(BUNDLED_PANELS) ? load(BUNDLED_PANELS) : load('./aclPanels')) as AclPanelsModule;
}

/** From the Command Palette: the workspace and scope with the shared pickers (last used first, one workspace: no question). */
async function pickTarget(deps: CommandDeps): Promise<{ workspaceId: string; scope: string } | undefined> {
  const pickers = loadCommands();
  const workspace = await pickers.pickWorkspace(deps, undefined, { placeHolder: vscode.l10n.t('Workspace whose scope permissions to manage') });
  if (!workspace) return undefined;
  const scope = await pickers.pickScope(deps, workspace, { placeHolder: vscode.l10n.t('Scope whose permissions to manage'), allowCreate: false });
  return scope ? { workspaceId: workspace.id, scope: scope.name } : undefined;
}
