import type * as vscode from 'vscode';

const KEY = 'databricksSecrets.recentPicks';

interface Stored {
  workspaceId?: string;
  referenceFormat?: string;
}

/**
 * Remembers the last workspace used and the last secret-reference format copied, so pickers offer them first.
 * Kept in globalState: ids and format names only, never a scope's content, a value or a token.
 */
export class RecentPicks {
  constructor(private readonly memento: vscode.Memento) {}

  private read(): Stored {
    const stored = this.memento.get<Stored>(KEY);
    return typeof stored === 'object' && stored !== null ? stored : {};
  }

  /** Id of the workspace last used by a command, if any. */
  get workspaceId(): string | undefined {
    return this.read().workspaceId;
  }

  /** The reference format last copied (`python`, `sql`…), if any. */
  get referenceFormat(): string | undefined {
    return this.read().referenceFormat;
  }

  async useWorkspace(workspaceId: string): Promise<void> {
    if (this.read().workspaceId !== workspaceId) await this.memento.update(KEY, { ...this.read(), workspaceId });
  }

  async useReferenceFormat(format: string): Promise<void> {
    if (this.read().referenceFormat !== format) await this.memento.update(KEY, { ...this.read(), referenceFormat: format });
  }
}
