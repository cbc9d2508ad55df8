import * as vscode from 'vscode';
import type { SecretsClient } from '../../core/api';
import { WorkspaceConfigError } from '../errors/hostErrors';
import { loadApi } from '../lazyApi';
import { toApiLogger } from '../log';
import { affectsConnectionSettings, readConnectionSettings } from '../settings';
import { Limiter } from '../util/limiter';
import type { Workspace } from '../workspaces/workspace';
import type { WorkspaceStore } from '../workspaces/workspaceStore';

interface PoolEntry {
  readonly host: string;
  readonly client: Promise<SecretsClient>;
  readonly limiter: Limiter;
}

/** Anything that can run a call against a workspace's client (the explorer model depends only on this). */
export interface ClientSource {
  /** Runs `call` with the workspace's client, within the per-workspace concurrency limit. */
  use<T>(workspace: Workspace, call: (client: SecretsClient) => Promise<T>): Promise<T>;
}

/**
 * One SecretsClient per workspace, created on first use (the client module itself is loaded lazily too).
 * Clients are rebuilt when the connection settings change and closed on dispose.
 */
export class ClientPool implements ClientSource, vscode.Disposable {
  private readonly entries = new Map<string, PoolEntry>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: Pick<WorkspaceStore, 'clientAuth' | 'list' | 'onDidChange'>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsConnectionSettings(event)) this.closeAll();
      }),
      store.onDidChange((change) => change.kind === 'list' && this.forgetRemoved()),
      // Changed or deleted credentials (Sign Out, another window): OAuth/CLI clients cache tokens, so rebuild.
      store.onDidChange((change) => change.kind === 'token' && this.forget(change.workspaceId)),
    );
  }

  use<T>(workspace: Workspace, call: (client: SecretsClient) => Promise<T>): Promise<T> {
    const entry = this.entry(workspace);
    return entry.limiter.run(async () => call(await entry.client));
  }

  /** Closes and forgets the client of one workspace (or all), e.g. after the workspace was removed. */
  forget(workspaceId?: string): void {
    if (workspaceId === undefined) return this.closeAll();
    const entry = this.entries.get(workspaceId);
    this.entries.delete(workspaceId);
    if (entry) void this.close(entry);
  }

  /** Closes the clients of workspaces that are no longer configured (or whose host changed). */
  private forgetRemoved(): void {
    const current = new Map(this.store.list().map((w) => [w.id, w.host]));
    for (const [id, entry] of [...this.entries]) {
      if (current.get(id) !== entry.host) this.forget(id);
    }
  }

  dispose(): void {
    this.closeAll();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private entry(workspace: Workspace): PoolEntry {
    const existing = this.entries.get(workspace.id);
    if (existing && existing.host === workspace.host) return existing;
    if (existing) this.forget(workspace.id);
    const settings = readConnectionSettings();
    const entry: PoolEntry = {
      host: workspace.host,
      limiter: new Limiter(settings.maxConcurrentRequests),
      client: this.create(workspace, settings.requestTimeoutMs),
    };
    entry.client.catch(() => this.entries.get(workspace.id) === entry && this.entries.delete(workspace.id));
    this.entries.set(workspace.id, entry);
    return entry;
  }

  private async create(workspace: Workspace, timeoutMs: number): Promise<SecretsClient> {
    if (workspace.problem) throw new WorkspaceConfigError(workspace.problem);
    const { SecretsClient } = await loadApi();
    this.log.debug(`creating client for ${workspace.host} (${workspace.source})`);
    return new SecretsClient({
      host: workspace.host,
      ...(await this.store.clientAuth(workspace)),
      timeoutMs,
      logger: toApiLogger(this.log),
    });
  }

  private closeAll(): void {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const entry of entries) void this.close(entry);
  }

  private async close(entry: PoolEntry): Promise<void> {
    try {
      await (await entry.client).close();
    } catch {
      // A client that failed to build has nothing to close.
    }
  }
}
