import * as vscode from 'vscode';
import type { AclItem } from '../../core/api';
import { planOperations, sameAcls, sortEntries, type AclChange, type AclEntry, type AclOperation, type AclOperationResult } from '../../shared/acl';
import { parseMessage, WebviewToHost, type HostToWebviewMessage, type WebviewToHostMessage } from '../../shared/aclProtocol';
import type { AclPanelDeps, AclPanelHandle } from './aclDeps';
import { aclPanelHtml, aclResourceRoots, newNonce } from './aclHtml';

/** Most API calls of one Save in flight at once (the client pool limits the workspace as a whole too). */
const SAVE_CONCURRENCY = 4;

/**
 * The host side of one scope's ACL panel: answers the webview's `ready` with the scope and its ACLs, lists again
 * on `refresh`, and applies a `save` as the fewest put/delete calls after checking nobody changed the ACLs since
 * the webview's listing. Every incoming message is validated; a bad one is logged and ignored. Operations run one
 * at a time, in the order the messages came.
 */
export class AclPanel implements AclPanelHandle, vscode.Disposable {
  private ready = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly posted = new vscode.EventEmitter<unknown>();
  private readonly subscriptions: vscode.Disposable[] = [this.posted];
  readonly onDidPost = this.posted.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly workspaceId: string,
    readonly scope: string,
    private readonly deps: AclPanelDeps,
  ) {
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: aclResourceRoots(deps.extensionUri) };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'databricks-secrets.svg');
    webview.html = aclPanelHtml(webview, deps.extensionUri, newNonce(), panel.title);
    this.subscriptions.push(
      webview.onDidReceiveMessage((raw: unknown) => this.handleMessage(raw)),
      // Refresh of the explorer (or another command's ACL change) lists the ACLs again.
      deps.model.onDidChange(() => this.ready && this.enqueue(() => this.load())),
    );
  }

  /** Validates and handles one message from the webview; resolves when its work is done. */
  handleMessage(raw: unknown): Promise<void> {
    const parsed = parseMessage(WebviewToHost, raw);
    if (!parsed.ok) {
      this.deps.log.warn(`ACL panel of scope ${this.scope}: ignored an invalid message (${parsed.problem})`);
      return Promise.resolve();
    }
    return this.enqueue(() => this.handle(parsed.message));
  }

  /** Lists the ACLs again (e.g. after another command changed them). */
  reload(): Promise<void> {
    return this.ready ? this.enqueue(() => this.load()) : Promise.resolve();
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch((error: unknown) =>
      this.deps.log.error(`ACL panel of scope ${this.scope}: ${this.deps.logDetail(error)}`),
    );
    return this.queue;
  }

  private async handle(message: WebviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const workspace = this.deps.workspace(this.workspaceId);
        const keyVault = workspace ? await this.isKeyVault() : false;
        this.post({
          type: 'context',
          workspaceId: this.workspaceId,
          scope: this.scope,
          workspace: workspace?.name ?? this.workspaceId,
          keyVault,
        });
        return this.load();
      }
      case 'refresh':
        return this.load();
      case 'save':
        return this.save(message.loaded, message.changes, message.force);
    }
  }

  private async isKeyVault(): Promise<boolean> {
    const workspace = this.deps.workspace(this.workspaceId);
    if (!workspace) return false;
    const listing = await this.deps.model.scopes(workspace);
    return listing.ok && listing.items.some((s) => s.name === this.scope && s.backend_type === 'AZURE_KEYVAULT');
  }

  /** Lists the ACLs and posts them, or why they could not be listed. */
  private async load(): Promise<void> {
    this.post({ type: 'busy', what: 'loading' });
    const listing = await this.list();
    if (listing.ok) this.post({ type: 'acls', entries: listing.entries });
    else this.post({ type: 'listFailed', noManage: listing.noManage, message: listing.message });
  }

  private async list(): Promise<{ ok: true; entries: AclEntry[] } | { ok: false; noManage: boolean; message: string }> {
    const workspace = this.deps.workspace(this.workspaceId);
    if (!workspace) {
      return { ok: false, noManage: false, message: vscode.l10n.t('The workspace of this panel is no longer configured.') };
    }
    try {
      const items = await this.deps.clients.use(workspace, (client) => client.listAcls(this.scope));
      return { ok: true, entries: sortEntries(items.map(toEntry)) };
    } catch (error) {
      this.deps.log.warn(`listing the ACLs of scope ${this.scope} in ${workspace.host} failed: ${this.deps.logDetail(error)}`);
      const noManage = this.deps.isPermissionError(error);
      const message = noManage
        ? vscode.l10n.t('You need MANAGE permission on scope {0} to see or change who may use it. Ask a workspace admin or someone with MANAGE on the scope.', this.scope)
        : this.deps.describe(error, workspace);
      return { ok: false, noManage, message };
    }
  }

  /**
   * Applies staged changes: lists again; if the ACLs differ from what the person edited (and they did not choose
   * to save anyway) posts the fresh listing as a conflict; otherwise makes the fewest calls against the fresh
   * listing and posts each call's result with the listing after them.
   */
  private async save(loaded: readonly AclEntry[], changes: readonly AclChange[], force: boolean): Promise<void> {
    const workspace = this.deps.workspace(this.workspaceId);
    this.post({ type: 'busy', what: 'saving' });
    const before = await this.list();
    if (!workspace || !before.ok) {
      this.post({ type: 'saveFailed', message: before.ok ? '' : before.message });
      return;
    }
    if (!force && !sameAcls(loaded, before.entries)) {
      this.deps.log.info(`ACLs of scope ${this.scope} changed since the panel listed them; asking before saving`);
      this.post({ type: 'conflict', current: before.entries });
      return;
    }
    const operations = planOperations(before.entries, changes);
    const results = await this.run(operations);
    const failed = results.filter((r) => !r.ok).length;
    this.deps.log.info(`saved ACLs of scope ${this.scope} in ${workspace.host}: ${operations.length} call(s), ${failed} failed`);
    const after = await this.list();
    this.post({ type: 'saved', results, ...(after.ok ? { entries: after.entries } : {}) });
  }

  private async run(operations: readonly AclOperation[]): Promise<AclOperationResult[]> {
    const workspace = this.deps.workspace(this.workspaceId);
    const results: AclOperationResult[] = new Array(operations.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < operations.length) {
        const i = next++;
        const operation = operations[i];
        try {
          if (!workspace) throw new Error(vscode.l10n.t('The workspace of this panel is no longer configured.'));
          await this.deps.clients.use(workspace, (client) =>
            operation.op === 'put'
              ? client.putAcl(this.scope, operation.principal, operation.permission)
              : client.deleteAcl(this.scope, operation.principal),
          );
          results[i] = { principal: operation.principal, ok: true };
        } catch (error) {
          this.deps.log.warn(`${operation.op} ACL of ${operation.principal} on scope ${this.scope} failed: ${this.deps.logDetail(error)}`);
          results[i] = { principal: operation.principal, ok: false, error: workspace ? this.deps.describe(error, workspace) : String(error) };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SAVE_CONCURRENCY, operations.length) }, worker));
    return results;
  }

  /**
   * Posts to the webview once it said `ready`. While the panel is hidden its page is gone and VS Code drops the
   * message; shown again, the page restores its state and says `ready` again, and gets the scope listed afresh.
   */
  private post(message: HostToWebviewMessage): void {
    if (!this.ready) return;
    this.posted.fire(message);
    void this.panel.webview.postMessage(message);
  }
}

function toEntry(item: AclItem): AclEntry {
  return { principal: item.principal, permission: item.permission };
}
