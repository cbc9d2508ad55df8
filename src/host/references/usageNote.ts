import * as vscode from 'vscode';
import { findUsagesInFolders, type FoundUsage } from './findUsages';

/** How long a delete's confirmation waits for the search of the open folders before it is shown without it. */
const SEARCH_BUDGET_MS = 3000;

/**
 * One sentence for a delete's confirmation: how many references to the scope (or to any of `keys` in it) the open
 * folders hold, with the first place, so people see what the delete would break. Undefined when no folder is open,
 * nothing refers to it, or the search takes longer than its budget.
 */
export async function usageNote(targets: ReadonlyArray<{ scope: string; key?: string }>, budgetMs = SEARCH_BUDGET_MS): Promise<string | undefined> {
  if (!vscode.workspace.workspaceFolders?.length || targets.length === 0) return undefined;
  const source = new vscode.CancellationTokenSource();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), budgetMs)));
  try {
    const search = (async (): Promise<FoundUsage[]> => {
      const found: FoundUsage[] = [];
      for (const { scope, key } of targets) found.push(...(await findUsagesInFolders(scope, key, source.token)));
      return found;
    })();
    const usages = await Promise.race([search, timeout]);
    if (!usages || usages.length === 0) return undefined;
    const first = usages[0] as FoundUsage;
    const where = `${vscode.workspace.asRelativePath(first.uri)}${first.cell !== undefined ? ` (${vscode.l10n.t('cell {0}', first.cell + 1)})` : ''}:${first.line + 1}`;
    return usages.length === 1
      ? vscode.l10n.t('1 reference in the open folders will break: {0}.', where)
      : vscode.l10n.t('{0} references in the open folders will break, the first in {1}.', usages.length, where);
  } catch {
    return undefined; // the note is a courtesy: a failed search must not stop the delete
  } finally {
    clearTimeout(timer);
    source.cancel();
    source.dispose();
  }
}
