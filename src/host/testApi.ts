import type { AclPanelsForTests } from './acl/managePermissions';
import type { ClientSource } from './clients/clientPool';
import type { CommandDeps } from './commands/commandDeps';
import type { SwitchablePrompts } from './pick/prompts';
import type { ReferenceFeatures } from './references/referenceFeatures';
import type { CommandsModule } from './lazyCommands';
import type { EditorTestHooks } from './editor/register';
import type { ExplorerModel } from './tree/explorerModel';
import type { ExplorerTreeProvider } from './tree/explorerProvider';
import type { WorkspaceStore } from './workspaces/workspaceStore';

/**
 * What activate() returns when VS Code runs the extension for its integration tests (ExtensionMode.Test) —
 * and only then. It gives the tests the live explorer and workspace list; it has no way to read a token.
 */
export interface DatabricksSecretsTestApi {
  readonly explorer: ExplorerTreeProvider;
  readonly model: ExplorerModel;
  readonly workspaces: Pick<WorkspaceStore, 'list' | 'get' | 'add' | 'remove' | 'setToken' | 'hasToken' | 'onDidChange' | 'signOut' | 'setOAuthCredentials'>;
  readonly clients: ClientSource;
  /** What the commands use (flows can be run directly with other prompts: `{ ...deps, prompts }`). */
  readonly deps: CommandDeps;
  /** The prompts the registered commands ask through; `use()` swaps in scripted answers for a test. */
  readonly prompts: Pick<SwitchablePrompts, 'use'>;
  /** The secret and scope command flows, as the extension loads them (the same module instances it uses). */
  commands(): CommandsModule;
  /** The extension's globalState, to check nothing sensitive is kept there. */
  readonly globalState: Pick<import('vscode').Memento, 'keys' | 'get'>;
  /** Where VS Code keeps this extension's global storage (inside the profile folder the leak test searches). */
  readonly globalStorageUri: import('vscode').Uri;
  /** Secret references as a language feature: the workspace chooser and the diagnostics. */
  references(): ReferenceFeatures;
  /** Opens and finds ACL editor panels, to drive them through their message protocol. */
  readonly aclPanels: AclPanelsForTests;
  /** The editor features: their findings service, and a way to answer the move's questions. */
  readonly editor: EditorTestHooks;
}
