import type { MessageNode } from './messageNode';
import type { ScopeNode } from './scopeNode';
import type { SecretNode } from './secretNode';
import type { WorkspaceNode } from './workspaceNode';

/** Every node of the secrets explorer; switch on `kind`. */
export type ExplorerNode = WorkspaceNode | ScopeNode | SecretNode | MessageNode;

export type { MessageNode, ScopeNode, SecretNode, WorkspaceNode };
