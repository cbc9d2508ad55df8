import * as vscode from 'vscode';
import { WorkspaceOperationError } from '../errors/hostErrors';
import { loadApi } from '../lazyApi';
import { pickScope } from '../pick/scopePicker';
import { commandTarget } from '../pick/target';
import { pickWorkspace } from '../pick/workspacePicker';
import type { CommandDeps } from './commandDeps';
import { parseDotenv, type EnvEntry } from './dotenv';
import { CommandIds } from './ids';
import { explainOperation, OperationError } from './operationError';
import { isKeyVault, refuseKeyVault } from './putSecret';
import { MAX_SECRET_BYTES } from './secretValue';

/** The per-key outcome of an import. */
export interface ImportReport {
  readonly scope: string;
  readonly stored: readonly string[];
  readonly failed: ReadonlyArray<{ readonly key: string; readonly reason: string }>;
  /** Ticked keys not sent because the person cancelled. */
  readonly notSent: readonly string[];
}

/** True for `.env`, `.env.local`, `prod.env`… */
export function isDotenvPath(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? '';
  return /^\.env(\..+)?$/.test(base) || /\.env$/.test(base);
}

/** The file to import: a Uri argument (explorer context menu), the active `.env` editor, or a file dialog. */
async function envText(deps: CommandDeps, arg: unknown): Promise<{ name: string; text: string } | undefined> {
  if (arg instanceof vscode.Uri) {
    return { name: arg.path.split('/').pop() ?? arg.path, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(arg)) };
  }
  const document = vscode.window.activeTextEditor?.document;
  if (document && (document.languageId === 'dotenv' || isDotenvPath(document.uri.path))) {
    return { name: document.uri.path.split('/').pop() ?? '.env', text: document.getText() };
  }
  const uri = await deps.prompts.openFile({ title: vscode.l10n.t('Import .env File into Scope'), openLabel: vscode.l10n.t('Import'), filters: { [vscode.l10n.t('Environment files')]: ['env'], [vscode.l10n.t('All files')]: ['*'] } });
  if (!uri) return undefined;
  return { name: uri.path.split('/').pop() ?? uri.path, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
}

/**
 * Import .env File into Scope: reads the file, asks for the workspace and a Databricks-backed scope, previews
 * the keys (names mapped to valid key names; values never shown; existing keys flagged; untick to skip), then
 * puts them with cancellable progress and reports each key's outcome.
 */
export async function importEnvFlow(deps: CommandDeps, arg?: unknown, fileArg?: unknown): Promise<ImportReport | undefined> {
  const file = await envText(deps, arg instanceof vscode.Uri ? arg : fileArg);
  if (!file) return undefined;
  const target = arg instanceof vscode.Uri ? {} : commandTarget(arg);
  const workspace = await pickWorkspace(deps, arg instanceof vscode.Uri ? undefined : arg, { placeHolder: vscode.l10n.t('Workspace to import {0} into', file.name) });
  if (!workspace) return undefined;
  try {
    let entries = parseDotenv(file.text);
    if (entries.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} holds no KEY=value lines to import.', file.name));
      return undefined;
    }
    let scope = target.scope;
    if (scope !== undefined) {
      if (await isKeyVault(deps, workspace, target)) refuseKeyVault(workspace, scope);
    } else {
      scope = (await pickScope(deps, workspace, { databricksOnly: true, placeHolder: vscode.l10n.t('Scope to import {0} into', file.name) }))?.name;
      if (scope === undefined) return undefined;
    }
    const listing = await deps.model.secrets(workspace, scope);
    const existing = new Set(listing.ok ? listing.items.map((s) => s.key) : []);
    const api = await loadApi();
    const all = entries;
    // The items carry an index, never the entry: values stay out of anything handed to the UI.
    const items = entries.map((entry, index) => {
      const size = Buffer.byteLength(entry.value, 'utf8');
      const problem = size > MAX_SECRET_BYTES ? vscode.l10n.t('value over 128 KB: cannot be stored') : entry.value === '' ? vscode.l10n.t('empty value') : undefined;
      const notes = [
        entry.name !== entry.key ? vscode.l10n.t('from {0}', entry.name) : undefined,
        existing.has(entry.key) ? vscode.l10n.t('exists: will be overwritten') : undefined,
        problem,
      ].filter(Boolean);
      return { label: entry.key, description: notes.join(' · '), detail: vscode.l10n.t('line {0}', entry.line), picked: problem === undefined, index };
    });
    const picked = await deps.prompts.pickMany(items, {
      title: vscode.l10n.t('Import {0} into scope {1}', file.name, scope),
      placeHolder: vscode.l10n.t('Untick the keys to leave out (values are not shown)'),
      ignoreFocusOut: true,
    });
    if (!picked || picked.length === 0) return undefined;
    entries = picked.map((p) => all[p.index]);
    for (const entry of entries) api.validateKeyName(entry.key);

    const inScope = scope;
    const stored: string[] = [];
    const failed: Array<{ key: string; reason: string }> = [];
    const notSent: string[] = [];
    let firstError: unknown;
    await deps.prompts.progress(vscode.l10n.t('Importing {0} keys into scope {1}…', entries.length, scope), async (signal, report) => {
      for (const entry of entries as EnvEntry[]) {
        if (signal.aborted) {
          notSent.push(entry.key);
          continue;
        }
        try {
          await deps.clients.use(workspace, (client) => client.putSecret(inScope, entry.key, entry.value, { signal }));
          stored.push(entry.key);
        } catch (error) {
          const view = explainOperation(error, { workspace, scope: inScope, key: entry.key, need: 'WRITE', operation: 'put' });
          if (view.cancelled) notSent.push(entry.key);
          else {
            failed.push({ key: entry.key, reason: view.headline });
            firstError ??= error;
          }
        }
        report(entry.key, 100 / entries.length);
      }
    });
    entries = [];
    deps.log.info(`imported ${stored.length} of ${picked.length} keys of ${file.name} into scope ${scope} of ${workspace.host}`);
    deps.model.refresh(workspace.id, scope);
    deps.prompts.status(vscode.l10n.t('$(check) Imported {0} of {1} keys into scope {2}', stored.length, picked.length, scope));
    const result: ImportReport = { scope, stored, failed, notSent };
    if (failed.length > 0 || notSent.length > 0) {
      const parts = [
        ...failed.map((f) => `${f.key}: ${f.reason}`),
        ...(notSent.length > 0 ? [vscode.l10n.t('not sent (cancelled): {0}', notSent.join(', '))] : []),
      ];
      const headline = vscode.l10n.t('Imported {0} of {1} keys into scope {2}', stored.length, picked.length, scope);
      if (failed.length > 0) {
        const first = explainOperation(firstError, { workspace, scope, need: 'WRITE', operation: 'put' });
        throw new OperationError({ headline, detail: parts.join('; '), actions: first.actions }, workspace, undefined, firstError);
      }
      void vscode.window.showWarningMessage(`${headline}. ${parts.join('; ')}`);
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0} keys into scope {1}.', stored.length, scope));
    }
    return result;
  } catch (error) {
    throw error instanceof OperationError ? error : new WorkspaceOperationError(workspace, error);
  }
}

