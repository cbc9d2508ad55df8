import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { PickOptions, Prompts } from '../../../src/host/pick/prompts';

/** One question the code under test asked. */
export type Question =
  | { readonly kind: 'pick'; readonly items: readonly vscode.QuickPickItem[]; readonly options: PickOptions }
  | { readonly kind: 'pickMany'; readonly items: readonly vscode.QuickPickItem[]; readonly options: PickOptions }
  | { readonly kind: 'input'; readonly options: vscode.InputBoxOptions }
  | { readonly kind: 'confirm'; readonly message: string; readonly detail: string; readonly action: string }
  | { readonly kind: 'openFile'; readonly options: vscode.OpenDialogOptions };

/** Answers one question; returns what the person would have answered (undefined: cancelled). */
export type Answer = (question: Question) => unknown;

/**
 * Prompts answered from a script, in order. Fails the test when the code asks more questions than scripted or a
 * question of another kind. Records every question, status message and progress title.
 */
export class ScriptedPrompts implements Prompts {
  readonly asked: Question[] = [];
  readonly statuses: string[] = [];
  readonly progressTitles: string[] = [];
  /** When set, progress is cancelled as soon as the task starts (the person pressed Cancel). */
  cancelProgress = false;

  constructor(private readonly answers: Answer[]) {}

  /** Answers not used yet. */
  get remaining(): number {
    return this.answers.length;
  }

  private next(question: Question): unknown {
    this.asked.push(question);
    const answer = this.answers.shift();
    assert.ok(answer, `unexpected ${question.kind} question: ${describe(question)}`);
    return answer(question);
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined> {
    return this.next({ kind: 'pick', items, options }) as T | undefined;
  }
  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<readonly T[] | undefined> {
    return this.next({ kind: 'pickMany', items, options }) as T[] | undefined;
  }
  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return this.next({ kind: 'input', options }) as string | undefined;
  }
  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    return this.next({ kind: 'confirm', message, detail, action }) === true;
  }
  async openFile(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    return this.next({ kind: 'openFile', options }) as vscode.Uri | undefined;
  }
  status(message: string): void {
    this.statuses.push(message);
  }
  async progress<T>(title: string, task: (signal: AbortSignal, report: (message: string, increment?: number) => void) => Promise<T>): Promise<T> {
    this.progressTitles.push(title);
    const controller = new AbortController();
    const running = task(controller.signal, () => undefined);
    if (this.cancelProgress) controller.abort();
    return running;
  }
}

function describe(question: Question): string {
  switch (question.kind) {
    case 'pick':
    case 'pickMany':
      return `${question.options.title ?? question.options.placeHolder ?? ''} [${question.items.map((i) => i.label).join(', ')}]`;
    case 'input':
      return `${question.options.title ?? ''} ${question.options.prompt ?? ''}`;
    case 'confirm':
      return question.message;
    case 'openFile':
      return question.options.title ?? '';
  }
}

/** Picks the item whose label is `label` (fails when absent). */
export function pickLabel(label: string | RegExp): Answer {
  return (q) => {
    assert.ok(q.kind === 'pick', `expected a pick, got ${q.kind}`);
    const item = q.items.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label)));
    assert.ok(item, `no item ${String(label)} among ${q.items.map((i) => i.label).join(' | ')}`);
    return item;
  };
}

/** Ticks the items whose labels are listed. */
export function pickLabels(labels: readonly string[]): Answer {
  return (q) => {
    assert.ok(q.kind === 'pickMany', `expected a multi-pick, got ${q.kind}`);
    return q.items.filter((i) => labels.includes(i.label));
  };
}

/** Types `text` into an input box, after checking the box's own validation accepts it (an Error message fails). */
export function type(text: string): Answer {
  return (q) => {
    assert.ok(q.kind === 'input', `expected an input box, got ${q.kind}`);
    const verdict = q.options.validateInput?.(text);
    const message = typeof verdict === 'string' ? verdict : verdict && 'severity' in verdict && verdict.severity === 3 ? verdict.message : undefined;
    assert.equal(message, undefined, `the input box refused ${text.length > 40 ? `${text.length} characters` : text}`);
    return text;
  };
}

/** Answers a confirmation (true: the action button). */
export function confirm(yes: boolean): Answer {
  return (q) => {
    assert.ok(q.kind === 'confirm', `expected a confirmation, got ${q.kind}`);
    return yes;
  };
}

/** Cancels whatever is asked. */
export const cancel: Answer = () => undefined;
