import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { findUsages, notebookCellSources } from '../../core/references';
import { commandTarget } from '../pick/target';

/** Files that can hold references: code, notebooks, Spark/cluster configuration, bundles. */
const FILES = '**/*.{py,scala,sc,r,R,sql,ipynb,json,yml,yaml,conf,properties,cfg,ini,env,sh,tf}';
const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** One reference found in the open folders. */
export interface FoundUsage {
  readonly uri: vscode.Uri;
  readonly line: number;
  readonly character: number;
  readonly preview: string;
  /** For a Jupyter notebook: the cell's index (line and character are inside that cell). */
  readonly cell?: number;
}

/**
 * The references to `scope` (and `key`, when given) in the open folders: files matched by {@link FILES}, minus
 * `files.exclude` and what git ignores (`git check-ignore`; without git, nothing more is excluded).
 */
export async function findUsagesInFolders(scope: string, key: string | undefined, token?: vscode.CancellationToken): Promise<FoundUsage[]> {
  const files = await vscode.workspace.findFiles(FILES, undefined, MAX_FILES, token);
  const kept = await withoutGitIgnored(files);
  const found: FoundUsage[] = [];
  for (const uri of kept) {
    if (token?.isCancellationRequested) break;
    let bytes: Uint8Array;
    try {
      if ((await vscode.workspace.fs.stat(uri)).size > MAX_FILE_BYTES) continue;
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      continue;
    }
    const text = new TextDecoder().decode(bytes);
    if (!text.includes('secret')) continue;
    if (uri.path.endsWith('.ipynb')) {
      notebookCellSources(text)?.forEach((source, cell) => found.push(...findUsages(source, scope, key).map((u) => ({ uri, cell, ...u }))));
    } else {
      found.push(...findUsages(text, scope, key).map((u) => ({ uri, ...u })));
    }
  }
  return found;
}

/** Drops files git ignores, per workspace folder, asking git itself (its exact rules, nested repositories included). */
async function withoutGitIgnored(files: vscode.Uri[]): Promise<vscode.Uri[]> {
  const byFolder = new Map<string, vscode.Uri[]>();
  for (const uri of files) {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || uri.scheme !== 'file') continue;
    const list = byFolder.get(folder.uri.fsPath) ?? [];
    list.push(uri);
    byFolder.set(folder.uri.fsPath, list);
  }
  const kept: vscode.Uri[] = [];
  for (const [folder, uris] of byFolder) {
    const ignored = await gitIgnored(folder, uris.map((u) => u.fsPath));
    kept.push(...uris.filter((u) => !ignored.has(u.fsPath)));
  }
  return kept;
}

function gitIgnored(folder: string, paths: string[]): Promise<Set<string>> {
  return new Promise((resolve) => {
    const child = spawn('git', ['-C', folder, 'check-ignore', '--stdin', '-z'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.on('error', () => resolve(new Set())); // no git: nothing more is excluded
    child.on('close', () => resolve(new Set(out.split('\0').filter(Boolean).map((p) => (p.startsWith('/') ? p : `${folder}/${p}`)))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(paths.join('\0'));
  });
}

/** Find Usages on a scope or key node: a QuickPick of every reference found; choosing one opens it. */
export async function findUsagesCommand(arg: unknown): Promise<void> {
  {
    const target = commandTarget(arg);
    if (target.scope === undefined) return;
    const what = target.key !== undefined ? `${target.scope}/${target.key}` : target.scope;
    const usages = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding usages of {0}…', what), cancellable: true },
      (_progress, token) => findUsagesInFolders(target.scope as string, target.key, token),
    );
    if (usages.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No references to {0} in the open folders.', what));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      usages.map((usage) => ({
        label: usage.preview,
        description: `${vscode.workspace.asRelativePath(usage.uri)}${usage.cell !== undefined ? ` · ${vscode.l10n.t('cell {0}', usage.cell + 1)}` : ''}:${usage.line + 1}`,
        usage,
      })),
      { placeHolder: vscode.l10n.t('{0} references to {1} in the open folders', usages.length, what), matchOnDescription: true },
    );
    if (picked) await openUsage(picked.usage);
  }
}

async function openUsage(usage: FoundUsage): Promise<void> {
  const position = new vscode.Position(usage.line, usage.character);
  if (usage.cell === undefined) {
    await vscode.window.showTextDocument(usage.uri, { selection: new vscode.Range(position, position) });
    return;
  }
  const notebook = await vscode.workspace.openNotebookDocument(usage.uri);
  if (usage.cell >= notebook.cellCount) return;
  const cell = notebook.cellAt(usage.cell); // cells in the file's order, as notebookCellSources counts them
  await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(cell.index, cell.index + 1)] });
  await vscode.window.showTextDocument(cell.document, { selection: new vscode.Range(position, position) });
}
