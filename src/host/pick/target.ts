/**
 * What a command was invoked on, read from its first argument: a tree node (workspace, scope or secret), a
 * workspace id (error actions, links), or a plain object `{ workspaceId, scope, key }` (other commands, tests).
 * Never carries a secret value.
 */
export interface CommandTarget {
  readonly workspaceId?: string;
  readonly scope?: string;
  /** True when the scope is known to be Azure Key Vault-backed (read-only). */
  readonly keyVault?: boolean;
  readonly key?: string;
}

interface NodeLike {
  kind?: unknown;
  workspace?: { id?: unknown };
  scope?: { name?: unknown; backend_type?: unknown };
  secret?: { key?: unknown };
  parent?: NodeLike;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads a command's first argument as a {@link CommandTarget}; anything else is an empty target. */
export function commandTarget(arg: unknown): CommandTarget {
  if (typeof arg === 'string') return { workspaceId: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const node = arg as NodeLike & { workspaceId?: unknown; key?: unknown };
  switch (node.kind) {
    case 'workspace':
      return { workspaceId: text(node.workspace?.id) };
    case 'scope':
      return {
        workspaceId: text(node.workspace?.id),
        scope: text(node.scope?.name),
        keyVault: node.scope?.backend_type === 'AZURE_KEYVAULT',
      };
    case 'secret':
      return {
        workspaceId: text(node.workspace?.id),
        scope: text(node.parent?.scope?.name),
        keyVault: node.parent?.scope?.backend_type === 'AZURE_KEYVAULT',
        key: text(node.secret?.key),
      };
    default:
      return {
        workspaceId: text(node.workspaceId) ?? text(node.workspace?.id),
        scope: typeof node.scope === 'string' ? text(node.scope) : text(node.scope?.name),
        key: text(node.key),
      };
  }
}
