import * as vscode from 'vscode';

/** Options of a single- or multi-select QuickPick. */
export interface PickOptions {
  readonly title?: string;
  readonly placeHolder?: string;
  readonly ignoreFocusOut?: boolean;
  readonly matchOnDescription?: boolean;
}

/**
 * Every question the secret and scope commands ask, in one interface so tests can answer them without any UI
 * (see `scriptedPrompts` in the integration tests), as `AddWorkspacePrompts` does for Add Workspace.
 * Each question answers `undefined` (or `false`) when the person cancels.
 */
export interface Prompts {
  /** A QuickPick with one answer. */
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined>;
  /** A QuickPick with check boxes; items with `picked: true` start ticked. */
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<readonly T[] | undefined>;
  /** An input box; `validateInput` runs on every keystroke (an Error-severity message blocks Enter). */
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A modal warning with one action button (plus Cancel); true when the person chose the action. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A file open dialog for one file. */
  openFile(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined>;
  /** A short status-bar confirmation (never holds a secret value). */
  status(message: string): void;
  /**
   * Runs `task` under a cancellable progress notification; cancelling aborts `signal` (and so the request in flight).
   * `report` adds a line (and optionally a share of the bar, in percent).
   */
  progress<T>(title: string, task: (signal: AbortSignal, report: (message: string, increment?: number) => void) => Promise<T>): Promise<T>;
}

/** How long a status-bar confirmation stays. */
export const STATUS_MESSAGE_MS = 5000;

/** The real UI: QuickPicks, input boxes, modal dialogs and the status bar. */
export const windowPrompts: Prompts = {
  pick: async (items, options) => vscode.window.showQuickPick([...items], { ...options }),
  pickMany: async (items, options) => vscode.window.showQuickPick([...items], { ...options, canPickMany: true }),
  input: async (options) => vscode.window.showInputBox(options),
  confirm: async (message, detail, action) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
  openFile: async (options) => (await vscode.window.showOpenDialog({ ...options, canSelectMany: false }))?.[0],
  status: (message) => void vscode.window.setStatusBarMessage(message, STATUS_MESSAGE_MS),
  progress: (title, task) =>
    Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          return await task(controller.signal, (message, increment) => progress.report({ message, increment }));
        } finally {
          subscription.dispose();
        }
      }),
    ),
};

/**
 * Prompts whose implementation can be swapped while the extension runs: the extension uses {@link windowPrompts};
 * integration tests swap in scripted answers (through the test API only) to drive the registered commands.
 */
export class SwitchablePrompts implements Prompts {
  private current: Prompts = windowPrompts;

  /** Uses `prompts` until the returned disposable is disposed. */
  use(prompts: Prompts): vscode.Disposable {
    this.current = prompts;
    return new vscode.Disposable(() => {
      if (this.current === prompts) this.current = windowPrompts;
    });
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined> {
    return this.current.pick(items, options);
  }
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<readonly T[] | undefined> {
    return this.current.pickMany(items, options);
  }
  input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return this.current.input(options);
  }
  confirm(message: string, detail: string, action: string): Promise<boolean> {
    return this.current.confirm(message, detail, action);
  }
  openFile(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    return this.current.openFile(options);
  }
  status(message: string): void {
    this.current.status(message);
  }
  progress<T>(title: string, task: (signal: AbortSignal, report: (message: string, increment?: number) => void) => Promise<T>): Promise<T> {
    return this.current.progress(title, task);
  }
}
