import type { ClientSource } from './clients/clientPool';
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
  readonly workspaces: Pick<WorkspaceStore, 'list' | 'get' | 'add' | 'remove' | 'setToken' | 'hasToken' | 'onDidChange'>;
  readonly clients: ClientSource;
  /** The editor features: their findings service, and a way to answer the move's questions. */
  readonly editor: EditorTestHooks;
}
