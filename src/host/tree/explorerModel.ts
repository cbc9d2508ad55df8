import * as vscode from 'vscode';
import type { CallOptions, Scope, SecretMetadata, SecretsClient } from '../../core/api';
import type { ClientSource } from '../clients/clientPool';
import { errorLogDetail } from '../errors/describeError';
import { ListingTimeoutError } from '../errors/hostErrors';
import { LISTING_DEADLINE_MS } from '../settings';
import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceChange } from '../workspaces/workspaceStore';

/** The outcome of one listing: the items, or the error that stopped it (shown as a message node). */
export type Listing<T> = { readonly ok: true; readonly items: readonly T[] } | { readonly ok: false; readonly error: unknown };

/** The workspace list the model shows (the WorkspaceStore, or a fixed list in tests). */
export interface WorkspaceList {
  list(): Workspace[];
  readonly onDidChange: vscode.Event<WorkspaceChange>;
}

/**
 * What changed: everything (no workspace), one workspace's scope list, or one scope's secrets. The tree updates
 * only the node concerned.
 */
export interface ModelChange {
  readonly workspaceId?: string;
  readonly scope?: string;
}

/** Options of the model; the defaults are what the extension uses. */
export interface ExplorerModelOptions {
  /** A listing gives up (with a "not answering" error) after this long, waiting and retries included. */
  readonly deadlineMs?: number;
  readonly log?: Pick<vscode.LogOutputChannel, 'warn' | 'debug'>;
}

interface CacheEntry {
  readonly workspaceId: string;
  readonly scope?: string;
  readonly listing: Promise<Listing<unknown>>;
  readonly controller: AbortController;
}

/**
 * The explorer's data: workspaces, their scopes and each scope's secret metadata, loaded on first request and
 * cached (results and failures alike) until refreshed. Knows nothing about tree items.
 */
export class ExplorerModel implements vscode.Disposable {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly changed = new vscode.EventEmitter<ModelChange>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private readonly deadlineMs: number;

  /** Fires when anything shown may have changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly workspaceList: WorkspaceList,
    private readonly clients: ClientSource,
    private readonly options: ExplorerModelOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? LISTING_DEADLINE_MS;
    this.subscriptions.push(
      workspaceList.onDidChange((change) => (change.kind === 'token' ? this.refresh(change.workspaceId) : this.pruneAndNotify())),
    );
  }

  /** The workspaces to show, in order. */
  workspaces(): Workspace[] {
    return this.workspaceList.list();
  }

  /** The scopes of a workspace (cached). */
  scopes(workspace: Workspace): Promise<Listing<Scope>> {
    return this.load(workspace, undefined, (client, call) => client.listScopes(call));
  }

  /** The secret metadata (keys and update times, never values) of a scope (cached). */
  secrets(workspace: Workspace, scope: string): Promise<Listing<SecretMetadata>> {
    return this.load(workspace, scope, (client, call) => client.listSecrets(scope, call));
  }

  /**
   * Forgets cached listings and notifies listeners: everything, one workspace (with its scopes' secrets),
   * or one scope's secrets. Listings in flight for what is forgotten are cancelled.
   */
  refresh(workspaceId?: string, scope?: string): void {
    for (const [key, entry] of this.cache) {
      const matches =
        workspaceId === undefined || (entry.workspaceId === workspaceId && (scope === undefined || entry.scope === scope));
      if (matches) this.drop(key, entry);
    }
    this.changed.fire({ workspaceId, scope });
  }

  /**
   * Forgets only the scope list of a workspace (after a scope was created or deleted): the secrets already listed
   * for its other scopes stay cached. The listing of a deleted scope is dropped with it.
   */
  refreshScopeList(workspaceId: string, deletedScope?: string): void {
    for (const [key, entry] of this.cache) {
      if (entry.workspaceId === workspaceId && (entry.scope === undefined || entry.scope === deletedScope)) this.drop(key, entry);
    }
    this.changed.fire({ workspaceId });
  }

  dispose(): void {
    for (const [key, entry] of this.cache) this.drop(key, entry);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private pruneAndNotify(): void {
    const current = new Set(this.workspaces().map((w) => cacheKey(w)));
    for (const [key, entry] of this.cache) {
      if (![...current].some((prefix) => key.startsWith(prefix))) this.drop(key, entry);
    }
    this.changed.fire({});
  }

  private drop(key: string, entry: CacheEntry): void {
    this.cache.delete(key);
    entry.controller.abort();
  }

  private load<T>(
    workspace: Workspace,
    scope: string | undefined,
    fetch: (client: SecretsClient, call: CallOptions) => Promise<T[]>,
  ): Promise<Listing<T>> {
    const key = cacheKey(workspace, scope);
    const cached = this.cache.get(key);
    if (cached) return cached.listing as Promise<Listing<T>>;
    const controller = new AbortController();
    const listing = this.fetchWithDeadline(workspace, scope, fetch, controller.signal, () => controller.abort());
    this.cache.set(key, { workspaceId: workspace.id, scope, listing, controller });
    return listing;
  }

  /**
   * Runs one listing. The client gets a deadline a little shorter than ours so that its own error (with the
   * precise cause) normally wins; our guard still ends the listing at `deadlineMs` whatever happens, so a
   * listing can never spin for ever.
   */
  private async fetchWithDeadline<T>(
    workspace: Workspace,
    scope: string | undefined,
    fetch: (client: SecretsClient, call: CallOptions) => Promise<T[]>,
    signal: AbortSignal,
    abort: () => void,
  ): Promise<Listing<T>> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new ListingTimeoutError(this.deadlineMs));
        abort();
      }, this.deadlineMs);
    });
    const clientDeadlineMs = Math.max(1, this.deadlineMs - Math.min(1000, this.deadlineMs / 10));
    const what = scope === undefined ? `scopes of ${workspace.host}` : `secrets of scope ${scope} in ${workspace.host}`;
    try {
      const items = await Promise.race([
        this.clients.use(workspace, (client) => fetch(client, { signal, deadlineMs: clientDeadlineMs })),
        guard,
      ]);
      this.options.log?.debug(`listed ${items.length} ${what}`);
      return { ok: true, items };
    } catch (error) {
      if (!signal.aborted || error instanceof ListingTimeoutError) {
        this.options.log?.warn(`listing ${what} failed: ${errorLogDetail(error)}`);
      }
      return { ok: false, error };
    } finally {
      clearTimeout(timer);
    }
  }
}

function cacheKey(workspace: Workspace, scope?: string): string {
  const base = `${workspace.id}\u0000${workspace.host}\u0000`;
  return scope === undefined ? base : `${base}${scope}`;
}
