/**
 * Helpers for the editor-feature tests: fixture files written into the test workspace folder at run time (the fake
 * credentials are built here, so no credential-shaped literal sits in the sources), the providers as VS Code calls
 * them, scripted answers for the move's questions, and reading a secret back from the emulator.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ADMIN_TOKEN, emulatorUrl } from './emulatorAdmin';
import { pickLabel, type, type Answer, type Question } from './scriptedPrompts';

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

/** Accepts the key box as prefilled (the detector's suggestion), after its own validation. */
export const acceptSuggestedKey: Answer = (q) => {
  assert.ok(q.kind === 'input', `expected the key box, got ${q.kind}`);
  assert.ok(q.options.value, 'the key box is prefilled');
  return type(q.options.value)(q);
};

/** The answers of a move with one workspace configured: the scope from the list, then the key (or the suggestion). */
export function moveAnswers(scope: string, key?: string): Answer[] {
  return [pickLabel(scope), key === undefined ? acceptSuggestedKey : type(key)];
}

/** The labels a pick question offered. */
export function offered(question: Question | undefined): string[] {
  assert.ok(question && (question.kind === 'pick' || question.kind === 'pickMany'), `expected a pick, got ${question?.kind}`);
  return question.items.map((i) => i.label);
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
