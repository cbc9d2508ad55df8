import type { Scope, SecretMetadata } from '../../core/api';
import type { ExplorerModel, Listing } from '../tree/explorerModel';
import type { Workspace } from '../workspaces/workspace';

/** How long completion, hover and diagnostics wait for a listing the explorer has not loaded yet. */
export const LOOKUP_TIMEOUT_MS = 3000;

/** What is known about the names a reference uses; `undefined` listings mean "not known" (failed, slow or absent). */
export interface ReferenceLookup {
  scopes(workspace: Workspace): Promise<readonly Scope[] | undefined>;
  secrets(workspace: Workspace, scope: string): Promise<readonly SecretMetadata[] | undefined>;
}

/**
 * Reads the explorer's cached listings (loading them on demand): a listing that failed or takes longer than
 * `timeoutMs` is "not known", so nothing is ever reported from a listing that did not succeed.
 */
export function modelLookup(model: Pick<ExplorerModel, 'scopes' | 'secrets'>, timeoutMs = LOOKUP_TIMEOUT_MS): ReferenceLookup {
  return {
    scopes: (workspace) => settled(model.scopes(workspace), timeoutMs),
    secrets: (workspace, scope) => settled(model.secrets(workspace, scope), timeoutMs),
  };
}

async function settled<T>(listing: Promise<Listing<T>>, timeoutMs: number): Promise<readonly T[] | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  try {
    const result = await Promise.race([listing, timeout]);
    return result?.ok ? result.items : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** The scope of `workspace` named `name`: Databricks scope names are case-insensitive. */
export function findScope(scopes: readonly Scope[], name: string): Scope | undefined {
  return scopes.find((s) => s.name === name) ?? scopes.find((s) => s.name.toLowerCase() === name.toLowerCase());
}
