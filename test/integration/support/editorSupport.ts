/**
 * Helpers for the editor-feature tests: fixture files written into the test workspace folder at run time (the fake
 * credentials are built here, so no credential-shaped literal sits in the sources), the providers as VS Code calls
 * them, a scripted answerer for the move's questions, and reading a secret back from the emulator.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MoveItem, MovePrompter, ScopeChoice } from '../../../src/host/editor/prompter';
import type { Workspace } from '../../../src/host/workspaces/workspace';
import { ADMIN_TOKEN, emulatorUrl } from './emulatorAdmin';

/** A fake Databricks token of the real shape (`dapi` + 32 hex). */
export const FAKE_PAT = `dapi${'0123456789abcdef'.split('').reverse().join('')}${'0123456789abcdef'}`;
/** A fake password of realistic shape. */
export const FAKE_PASSWORD = ['Kx9', 'rT4', '!mQ', '2vL'].join('');

/** Source of our diagnostics. */
export const SOURCE = 'Databricks Secrets';

/** The first workspace folder (the driver opens a fresh one per run). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration run has no workspace folder open');
  return folder.uri;
}

/** Writes `text` to `relative` under the workspace folder and returns its URI. */
export async function writeFixture(relative: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Writes a fixture and opens it in an editor. */
export async function openFixture(relative: string, text: string): Promise<vscode.TextEditor> {
  const uri = await writeFixture(relative, text);
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** Polls `read` until `done` holds (or fails with `describe`'s text after `timeoutMs`). */
export async function waitFor<T>(read: () => T | Promise<T>, done: (value: T) => boolean, describe: (value: T) => string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) assert.fail(describe(value));
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

/** Our diagnostics on a document. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Waits until the document has `count` of our diagnostics. */
export function waitForDiagnostics(uri: vscode.Uri, count: number): Promise<vscode.Diagnostic[]> {
  return waitFor(() => ourDiagnostics(uri), (d) => d.length === count, (d) => `expected ${count} diagnostic(s) on ${uri.path}, found ${d.length}: ${d.map((x) => x.message).join(' | ')}`);
}

/** The CodeLenses VS Code gets for a document (what the editor shows). */
export async function codeLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((l) => l.command?.command.startsWith('databricksSecrets.'));
}

/** The code actions VS Code gets for a range (what the light bulb shows). */
export async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
  return actions.filter((a) => a.command?.command.startsWith('databricksSecrets.'));
}

/** Runs a lens's or action's command as a click would. */
export function runCommandOf(item: { command?: vscode.Command }): Thenable<unknown> {
  assert.ok(item.command, 'no command');
  return vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
}

/** The lens "Move to Databricks Secret" on `line` (0-based). */
export async function moveLensOn(uri: vscode.Uri, line: number): Promise<vscode.CodeLens> {
  const lenses = await codeLenses(uri);
  const lens = lenses.find((l) => l.range.start.line === line && l.command?.command === 'databricksSecrets.editor.moveToSecret');
  assert.ok(lens, `no Move lens on line ${line + 1}; lenses: ${lenses.map((l) => `${l.range.start.line + 1}:${l.command?.title}`).join(', ')}`);
  return lens;
}

/** What the scripted prompter answers; every question it is asked is recorded. */
export interface Answers {
  workspace?: (workspaces: readonly Workspace[]) => Workspace | undefined;
  scope?: ScopeChoice | ((offered: readonly string[]) => ScopeChoice | undefined);
  key?: string | ((suggested: string, existing: ReadonlySet<string>) => string | undefined);
  overwrite?: boolean;
  findings?: (items: readonly MoveItem[]) => number[] | undefined;
}

/** Answers the move's questions from `answers`, the way a person would in the quick picks. */
export class ScriptedPrompter implements MovePrompter {
  readonly asked: string[] = [];
  offeredScopes: readonly string[] = [];
  offeredWorkspaces: readonly Workspace[] = [];
  suggestedKey?: string;
  existingKeys?: ReadonlySet<string>;
  items: readonly MoveItem[] = [];

  constructor(private readonly answers: Answers) {}

  async pickWorkspace(workspaces: readonly Workspace[]): Promise<Workspace | undefined> {
    this.asked.push('workspace');
    this.offeredWorkspaces = workspaces;
    return this.answers.workspace ? this.answers.workspace(workspaces) : workspaces[0];
  }

  async pickScope(_workspace: Workspace, scopes: readonly string[]): Promise<ScopeChoice | undefined> {
    this.asked.push('scope');
    this.offeredScopes = scopes;
    const a = this.answers.scope;
    return typeof a === 'function' ? a(scopes) : a;
  }

  async pickKey(_scope: string, suggested: string, existing: ReadonlySet<string>, pattern: RegExp): Promise<string | undefined> {
    this.asked.push('key');
    this.suggestedKey = suggested;
    this.existingKeys = existing;
    const a = this.answers.key;
    const key = a === undefined ? suggested : typeof a === 'function' ? a(suggested, existing) : a;
    if (key !== undefined) assert.match(key, pattern, 'the scripted key must pass the input box validation');
    return key;
  }

  async confirmOverwrite(): Promise<boolean> {
    this.asked.push('overwrite');
    return this.answers.overwrite ?? false;
  }

  async pickFindings(items: readonly MoveItem[]): Promise<number[] | undefined> {
    this.asked.push('findings');
    this.items = items;
    return this.answers.findings ? this.answers.findings(items) : items.map((_, i) => i);
  }
}

/** A secret's value as the emulator holds it (admin token), or undefined when the key does not exist. */
export async function emulatorSecret(scope: string, key: string): Promise<string | undefined> {
  const url = new URL('/api/2.0/secrets/get', emulatorUrl());
  url.searchParams.set('scope', scope);
  url.searchParams.set('key', key);
  const response = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (response.status === 404) return undefined;
  const body = (await response.json()) as { value?: string; error_code?: string };
  if (body.error_code === 'RESOURCE_DOES_NOT_EXIST') return undefined;
  assert.equal(response.status, 200, `get ${scope}/${key} answered ${response.status}`);
  return Buffer.from(body.value ?? '', 'base64').toString('utf8');
}

/** Saves dirty documents (so closing asks nothing) and closes every editor. */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && !doc.isUntitled) await doc.save();
  for (const nb of vscode.workspace.notebookDocuments) if (nb.isDirty && !nb.isUntitled) await nb.save();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
