import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DatabricksSecretsTestApi } from '../../src/host/testApi';
import { createKeyVaultScope, createScope, deleteScope, emulatorUrl, putSecret, uniqueName } from './support/emulatorAdmin';
import {
  closeAllEditors,
  codeActions,
  codeLenses,
  emulatorSecret,
  FAKE_PASSWORD,
  FAKE_PAT,
  moveLensOn,
  openFixture,
  ourDiagnostics,
  moveAnswers,
  offered,
  runCommandOf,
  SOURCE,
  waitFor,
  waitForDiagnostics,
  writeFixture,
} from './support/editorSupport';
import { activateForTests } from './support/extensionApi';
import { confirm, pickLabel, ScriptedPrompts, type, type Answer } from './support/scriptedPrompts';

const MOVE = 'databricksSecrets.editor.moveToSecret';
const IGNORE = 'databricksSecrets.editor.ignoreFinding';

/** Flagging and moving hardcoded credentials in editors, against the emulator the driver started. */
describe('editor: hardcoded credentials', () => {
  let api: DatabricksSecretsTestApi;
  const scope = uniqueName('it-editor');
  const vaultScope = uniqueName('it-editor-kv');
  const created: string[] = [scope, vaultScope];
  let file = 0;
  let answering: vscode.Disposable | undefined;
  /** Answers the next questions from `answers` (the shared pickers ask through the extension's prompts). */
  const answer = (answers: Answer[]): ScriptedPrompts => {
    answering?.dispose();
    const prompts = new ScriptedPrompts(answers);
    answering = api.prompts.use(prompts);
    return prompts;
  };
  /** A fresh file name per test, so no test sees another's document. */
  const fresh = (ext: string): string => `it-editor/f${++file}-${Date.now().toString(36)}.${ext}`;

  before(async () => {
    api = await activateForTests();
    await createScope(scope);
    await createKeyVaultScope(vaultScope);
    api.model.refresh();
  });

  afterEach(async () => {
    answering?.dispose();
    answering = undefined;
    await closeAllEditors();
  });

  after(async () => {
    for (const name of created) await deleteScope(name).catch(() => undefined);
  });

  it('keeps the detector out of the activation bundle (dist/editor.js loads after activation)', async () => {
    const { readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = vscode.extensions.getExtension('databricks-secrets-dev.databricks-secrets')!.extensionPath;
    const activation = readFileSync(join(root, 'dist', 'extension.js'), 'utf8');
    assert.doesNotMatch(activation, /ignore-next-line|Aho|PlainLoginModule/, 'the detector stays in dist/editor.js');
    assert.ok(statSync(join(root, 'dist', 'editor.js')).isFile(), 'dist/editor.js is built with the extension');
  });

  it('flags a Python file: a diagnostic per finding (rule id, masked value), and two lenses above each', async () => {
    const text = ['import os', '', `token = "${FAKE_PAT}"`, `pg = "postgresql://svc:${FAKE_PASSWORD}@db.example.com:5432/orders"`, 'ok = os.environ["X"]', ''].join('\n');
    const { document } = await openFixture(fresh('py'), text);
    const diagnostics = await waitForDiagnostics(document.uri, 2);
    const [pat, url] = diagnostics.sort((a, b) => a.range.start.line - b.range.start.line);
    assert.equal(pat.code, 'databricks-pat');
    assert.equal(pat.source, SOURCE);
    assert.equal(pat.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([pat.range.start.line, pat.range.start.character, pat.range.end.character], [2, 9, 9 + FAKE_PAT.length]);
    assert.ok(pat.message.includes(`${FAKE_PAT.slice(0, 4)}… (${FAKE_PAT.length} chars)`), pat.message);
    assert.ok(!pat.message.includes(FAKE_PAT.slice(4, 12)), 'the message must not show more than the masked prefix');
    assert.equal(url.code, 'url-password');
    assert.equal(document.getText(url.range), FAKE_PASSWORD, 'the URL diagnostic covers the password only');

    const lenses = await codeLenses(document.uri);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [[2, 'Move to Databricks Secret'], [2, 'Ignore'], [3, 'Move to Databricks Secret'], [3, 'Ignore']],
    );
    for (const lens of lenses) assert.ok(!JSON.stringify(lens.command?.arguments).includes(FAKE_PAT), 'lens arguments never carry the value');
  });

  it('offers Move (preferred quick fix tied to the diagnostic) and Ignore on the finding', async () => {
    const { document } = await openFixture(fresh('py'), `token = "${FAKE_PAT}"\n`);
    const [diagnostic] = await waitForDiagnostics(document.uri, 1);
    const actions = await codeActions(document.uri, diagnostic.range);
    assert.deepEqual(actions.map((a) => a.title), ['Move to Databricks Secret', 'Ignore']);
    const [move, ignore] = actions;
    assert.equal(move.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(move.isPreferred, true);
    // VS Code's executeCodeActionProvider does not hand back an action's diagnostics: ask the provider itself with
    // the context VS Code builds (the diagnostics under the range).
    const direct = await api.editor.codeActions.provideCodeActions(document, diagnostic.range, {
      diagnostics: vscode.languages.getDiagnostics(document.uri),
      only: undefined,
      triggerKind: vscode.CodeActionTriggerKind.Invoke,
    });
    assert.deepEqual(direct.map((a) => [a.title, a.diagnostics?.map((d) => d.code)]), [['Move to Databricks Secret', ['databricks-pat']], ['Ignore', ['databricks-pat']]]);
    assert.equal(move.command?.command, MOVE);
    assert.equal(ignore.command?.command, IGNORE);
    assert.notEqual(ignore.isPreferred, true);
    assert.deepEqual(await codeActions(document.uri, new vscode.Range(1, 0, 1, 0)), [], 'nothing offered away from the finding');
  });

  it('moves a Python token: puts the value first, then one edit; one undo restores the literal', async () => {
    const editor = await openFixture(fresh('py'), `import os\ntoken = "${FAKE_PAT}"\nprint(token)\n`);
    const { document } = editor;
    const prompts = answer(moveAnswers(scope, 'it-token'));
    const moved = await runCommandOf(await moveLensOn(document.uri, 1));
    assert.equal(moved, true);
    assert.deepEqual(prompts.asked.map((q) => q.kind), ['pick', 'input'], 'one workspace configured: no workspace question');
    const scopes = offered(prompts.asked[0]);
    assert.ok(scopes.includes(scope) && !scopes.includes(vaultScope), `only Databricks-backed scopes are offered: ${scopes.join(', ')}`);
    const keyBox = prompts.asked[1];
    assert.ok(keyBox.kind === 'input');
    assert.equal(keyBox.options.value, 'databricks-token', 'the key is prefilled with the suggestion');
    assert.ok(keyBox.options.validateInput?.('bad key!'), 'the key box refuses an invalid name while typing');
    assert.equal(prompts.remaining, 0);
    assert.equal(await emulatorSecret(scope, 'it-token'), FAKE_PAT);
    assert.equal(document.getText(), `import os\ntoken = dbutils.secrets.get(scope="${scope}", key="it-token")\nprint(token)\n`);
    await waitForDiagnostics(document.uri, 0);

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), `import os\ntoken = "${FAKE_PAT}"\nprint(token)\n`, 'one undo restores the literal');
  });

  it('moves only the password out of a URL, a JDBC string and a Kafka JAAS string, keeping the rest byte for byte', async () => {
    const lines = [
      `pg = "postgresql://svc:${FAKE_PASSWORD}@db.example.com:5432/orders?ssl=true"`,
      `jdbc = "jdbc:sqlserver://sql.example.com:1433;database=sales;user=svc;password=${FAKE_PASSWORD}1;encrypt=true"`,
      `jaas = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="${FAKE_PASSWORD}2";'`,
    ];
    const { document } = await openFixture(fresh('py'), lines.join('\n') + '\n');
    const expected = [
      `pg = "postgresql://svc:" + dbutils.secrets.get(scope="${scope}", key="it-pg") + "@db.example.com:5432/orders?ssl=true"`,
      `jdbc = "jdbc:sqlserver://sql.example.com:1433;database=sales;user=svc;password=" + dbutils.secrets.get(scope="${scope}", key="it-jdbc") + ";encrypt=true"`,
      `jaas = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="' + dbutils.secrets.get(scope="${scope}", key="it-jaas") + '";'`,
    ];
    const keys = ['it-pg', 'it-jdbc', 'it-jaas'];
    const values = [FAKE_PASSWORD, `${FAKE_PASSWORD}1`, `${FAKE_PASSWORD}2`];
    for (let line = 0; line < 3; line++) {
      answer(moveAnswers(scope, keys[line]));
      assert.equal(await runCommandOf(await moveLensOn(document.uri, line)), true, `move on line ${line + 1}`);
      assert.equal(document.lineAt(line).text, expected[line]);
      assert.equal(await emulatorSecret(scope, keys[line]), values[line]);
    }
  });

  it('writes the Scala and SQL forms, and the SQL form inside a %sql cell of a Databricks source notebook', async () => {
    const scala = await openFixture(fresh('scala'), `val token = "${FAKE_PAT}"\n`);
    answer(moveAnswers(scope, 'it-scala'));
    assert.equal(await runCommandOf(await moveLensOn(scala.document.uri, 0)), true);
    assert.equal(scala.document.getText(), `val token = dbutils.secrets.get(scope="${scope}", key="it-scala")\n`);

    const sql = await openFixture(fresh('sql'), `CREATE USER svc IDENTIFIED BY '${FAKE_PASSWORD}';\n`);
    answer(moveAnswers(scope, 'it-sql'));
    assert.equal(await runCommandOf(await moveLensOn(sql.document.uri, 0)), true);
    assert.equal(sql.document.getText(), `CREATE USER svc IDENTIFIED BY secret('${scope}', 'it-sql');\n`);
    assert.equal(await emulatorSecret(scope, 'it-sql'), FAKE_PASSWORD);

    const notebook = ['# Databricks notebook source', 'x = 1', '', '# COMMAND ----------', '', '# MAGIC %sql', `# MAGIC CREATE USER svc IDENTIFIED BY '${FAKE_PASSWORD}3';`, ''].join('\n');
    const nb = await openFixture(fresh('py'), notebook);
    await waitForDiagnostics(nb.document.uri, 1);
    answer(moveAnswers(scope, 'it-magic-sql'));
    assert.equal(await runCommandOf(await moveLensOn(nb.document.uri, 6)), true);
    assert.equal(nb.document.lineAt(6).text, `# MAGIC CREATE USER svc IDENTIFIED BY secret('${scope}', 'it-magic-sql');`);
    assert.equal(await emulatorSecret(scope, 'it-magic-sql'), `${FAKE_PASSWORD}3`);
  });

  it('leaves the text unchanged when the put fails: a Key Vault scope, and a plain user without WRITE', async () => {
    const text = `token = "${FAKE_PAT}"\n`;
    const { document } = await openFixture(fresh('py'), text);
    // The picker offers Databricks-backed scopes only; a stale listing could still hand over a Key Vault scope.
    answer([() => ({ label: vaultScope, scope: { name: vaultScope, backend_type: 'DATABRICKS' } }), type('it-kv')]);
    assert.equal(await runCommandOf(await moveLensOn(document.uri, 0)), undefined, 'the command reports the failure');
    assert.equal(document.getText(), text);
    assert.equal(document.isDirty, false, 'not even an edit that was undone');

    const host = emulatorUrl().replace('127.0.0.1', 'localhost');
    const plain = await api.workspaces.add({ host, name: 'it plain user' }, 'dapi-local-user');
    try {
      const prompts = answer([pickLabel('it plain user'), pickLabel(scope), type('it-plain')]);
      assert.equal(await runCommandOf(await moveLensOn(document.uri, 0)), undefined);
      assert.ok(offered(prompts.asked[0]).length >= 2, 'two workspaces: the person picks one');
      assert.equal(document.getText(), text);
      assert.equal(await emulatorSecret(scope, 'it-plain'), undefined);
    } finally {
      await api.workspaces.remove(plain);
    }
  });

  it('asks before overwriting an existing key, and leaves everything alone when told no', async () => {
    await putSecret(scope, 'it-existing', 'old value');
    api.model.refresh();
    const text = `token = "${FAKE_PAT}"\n`;
    const { document } = await openFixture(fresh('py'), text);
    const prompts = answer([...moveAnswers(scope, 'it-existing'), confirm(false), () => undefined]);
    assert.equal(await runCommandOf(await moveLensOn(document.uri, 0)), false);
    assert.deepEqual(prompts.asked.map((q) => q.kind), ['pick', 'input', 'confirm', 'input'], 'saying no asks for another key; cancelling it stops');
    const keyBox = prompts.asked[1];
    assert.ok(keyBox.kind === 'input');
    const verdict = (await keyBox.options.validateInput?.('it-existing')) as vscode.InputBoxValidationMessage | undefined;
    assert.match(verdict?.message ?? '', /already exists/, 'the key box warns about an existing key while typing');
    assert.equal(await emulatorSecret(scope, 'it-existing'), 'old value');
    assert.equal(document.getText(), text);
  });

  it('creates a new scope from the scope question, then stores into it', async () => {
    const newScope = uniqueName('it-editor-new');
    created.push(newScope);
    const { document } = await openFixture(fresh('py'), `token = "${FAKE_PAT}"\n`);
    answer([pickLabel('Create new scope…'), type(newScope), pickLabel('Databricks'), pickLabel('Only me'), (q) => (assert.ok(q.kind === 'input'), q.options.value)]);
    assert.equal(await runCommandOf(await moveLensOn(document.uri, 0)), true);
    assert.equal(await emulatorSecret(newScope, 'databricks-token'), FAKE_PAT);
    assert.equal(document.getText(), `token = dbutils.secrets.get(scope="${newScope}", key="databricks-token")\n`);
  });

  it('Ignore inserts the suppression comment in the file\'s comment syntax and the finding goes away', async () => {
    const scala = await openFixture(fresh('scala'), `val token = "${FAKE_PAT}"\n`);
    await waitForDiagnostics(scala.document.uri, 1);
    const ignore = (await codeLenses(scala.document.uri)).find((l) => l.command?.command === IGNORE);
    assert.ok(ignore);
    await runCommandOf(ignore);
    assert.equal(scala.document.getText(), `val token = "${FAKE_PAT}" // dbsecrets: ignore\n`);
    await waitForDiagnostics(scala.document.uri, 0);
    assert.deepEqual(await codeLenses(scala.document.uri), []);

    const env = await openFixture(fresh('env').replace(/[^/]*$/, '.env'), `HOST=https://example.com\nDATABRICKS_TOKEN=${FAKE_PAT}\n`);
    await waitForDiagnostics(env.document.uri, 1);
    const lenses = await codeLenses(env.document.uri);
    assert.deepEqual(lenses.map((l) => l.command?.title), ['Ignore'], '.env has no secret reference: Ignore only');
    await runCommandOf(lenses[0]);
    assert.equal(env.document.getText(), `HOST=https://example.com\n# dbsecrets: ignore-next-line\nDATABRICKS_TOKEN=${FAKE_PAT}\n`);
    await waitForDiagnostics(env.document.uri, 0);
  });

  it('updates as the person types, and follows the settings (severity, CodeLens, per-language off switch)', async () => {
    const editor = await openFixture(fresh('py'), 'x = 1\n');
    const uri = editor.document.uri;
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), `token = "${FAKE_PAT}"\n`));
    await waitForDiagnostics(uri, 1);
    assert.equal((await codeLenses(uri)).length, 2);

    const config = vscode.workspace.getConfiguration('databricksSecrets');
    try {
      await config.update('detection.severity', 'error', vscode.ConfigurationTarget.Global);
      await waitFor(() => ourDiagnostics(uri), (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Error, () => 'severity did not become Error');
      await config.update('detection.severity', 'off', vscode.ConfigurationTarget.Global);
      await waitForDiagnostics(uri, 0);
      assert.equal((await codeLenses(uri)).length, 2, 'severity off keeps the lenses');
      await config.update('detection.codeLens', false, vscode.ConfigurationTarget.Global);
      await waitFor(() => codeLenses(uri), (l) => l.length === 0, (l) => `${l.length} lens(es) with codeLens off`);
      await config.update('detection.severity', undefined, vscode.ConfigurationTarget.Global);
      await config.update('detection.codeLens', undefined, vscode.ConfigurationTarget.Global);
      await waitForDiagnostics(uri, 1);

      const python = vscode.workspace.getConfiguration('databricksSecrets', { languageId: 'python' });
      await python.update('detection.enabled', false, vscode.ConfigurationTarget.Global, true);
      await waitForDiagnostics(uri, 0);
      assert.deepEqual(await codeLenses(uri), []);
      const sql = await openFixture(fresh('sql'), `CREATE USER svc IDENTIFIED BY '${FAKE_PASSWORD}';\n`);
      await waitForDiagnostics(sql.document.uri, 1); // other languages still scanned
    } finally {
      await config.update('detection.severity', undefined, vscode.ConfigurationTarget.Global);
      await config.update('detection.codeLens', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('databricksSecrets', { languageId: 'python' }).update('detection.enabled', undefined, vscode.ConfigurationTarget.Global, true);
    }
    await waitForDiagnostics(uri, 1);
  });

  it('honours the scanner configuration file (ignoreValues) and still moves what it flags', async () => {
    const { document } = await openFixture(fresh('py'), `token = "${FAKE_PAT}"\npassword = "${FAKE_PASSWORD}"\n`);
    await waitForDiagnostics(document.uri, 2);
    const configFile = await writeFixture('.databricks-secrets.json', JSON.stringify({ scope, ignoreValues: [FAKE_PASSWORD] }));
    try {
      await waitForDiagnostics(document.uri, 1);
      answer(moveAnswers(scope, 'it-config'));
      assert.equal(await runCommandOf(await moveLensOn(document.uri, 0)), true);
      assert.equal(document.lineAt(0).text, `token = dbutils.secrets.get(scope="${scope}", key="it-config")`);
    } finally {
      await vscode.workspace.fs.delete(configFile);
    }
    await waitForDiagnostics(document.uri, 1); // the password is flagged again without the file
  });

  it('Move All in This File: lists each replacement, stores every value, replaces them in one edit that one undo reverts', async () => {
    const lines = [`token = "${FAKE_PAT}"`, `pg = "postgresql://svc:${FAKE_PASSWORD}@db.example.com/orders"`, `again = "${FAKE_PAT}"`, 'x = 1'];
    const original = lines.join('\n') + '\n';
    const { document } = await openFixture(fresh('py'), original);
    await waitForDiagnostics(document.uri, 3);
    const moveAll = (await codeActions(document.uri, new vscode.Range(0, 10, 0, 10))).find((a) => a.command?.command === 'databricksSecrets.editor.moveAllInFile');
    assert.ok(moveAll, 'Move All is offered next to a finding when the file has several');

    const all = (q: Parameters<Answer>[0]) => (assert.ok(q.kind === 'pickMany'), q.items);
    answer([all, () => ({ label: vaultScope, scope: { name: vaultScope, backend_type: 'DATABRICKS' } })]);
    assert.equal(await runCommandOf(moveAll), undefined, 'a refused first put fails the command');
    assert.equal(document.getText(), original, 'nothing replaced when nothing was stored');

    const prompts = answer([all, pickLabel(scope)]);
    assert.equal(await runCommandOf(moveAll), 3);
    assert.deepEqual(prompts.asked.map((q) => q.kind), ['pickMany', 'pick']);
    const list = prompts.asked[0];
    assert.ok(list.kind === 'pickMany');
    assert.equal(list.items.length, 3);
    assert.ok(list.items.every((i) => i.picked === true), 'every finding starts ticked');
    assert.ok(list.items.every((i) => !i.label.includes(FAKE_PAT) && !(i.detail ?? '').includes(FAKE_PAT)), 'the list shows masked values only');
    assert.match(list.items[1].detail ?? '', /"postgresql:\/\/svc:" \+ dbutils\.secrets\.get\(scope="[^"]+", key="db-password"\) \+ "@db\.example\.com\/orders"/);
    assert.equal(
      document.getText(),
      [
        `token = dbutils.secrets.get(scope="${scope}", key="databricks-token")`,
        `pg = "postgresql://svc:" + dbutils.secrets.get(scope="${scope}", key="db-password") + "@db.example.com/orders"`,
        `again = dbutils.secrets.get(scope="${scope}", key="databricks-token")`,
        'x = 1',
        '',
      ].join('\n'),
      'the same value twice shares one key',
    );
    assert.equal(await emulatorSecret(scope, 'databricks-token'), FAKE_PAT);
    assert.equal(await emulatorSecret(scope, 'db-password'), FAKE_PASSWORD);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original, 'one undo restores every literal');
  });

  it('flags and moves in a Jupyter notebook cell in the notebook editor; the file keeps its outputs and metadata', async () => {
    const source = ['import os\n', `token = "${FAKE_PAT}"\n`, 'print(1)'];
    const json = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Orders'] },
        { cell_type: 'code', execution_count: 3, metadata: { tags: ['keep-me'] }, outputs: [{ output_type: 'stream', name: 'stdout', text: ['hello\n'] }], source },
      ],
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const uri = await writeFixture(fresh('ipynb'), JSON.stringify(json, null, 1) + '\n');
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(1).document;
    assert.equal(cell.uri.scheme, 'vscode-notebook-cell');
    const [diagnostic] = await waitForDiagnostics(cell.uri, 1);
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character], [1, 9], 'positions are in the cell');
    answer(moveAnswers(scope, 'it-notebook'));
    assert.equal(await runCommandOf(await moveLensOn(cell.uri, 1)), true);
    const moved = `import os\ntoken = dbutils.secrets.get(scope="${scope}", key="it-notebook")\nprint(1)`;
    await waitFor(() => notebook.cellAt(1).document.getText(), (t) => t === moved, (t) => `cell text after the move: ${JSON.stringify(t)}`);
    assert.equal(await emulatorSecret(scope, 'it-notebook'), FAKE_PAT);

    await notebook.save();
    const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as typeof json;
    assert.deepEqual(saved.cells[1].outputs, json.cells[1].outputs, 'outputs untouched');
    assert.deepEqual(saved.cells[1].metadata, json.cells[1].metadata, 'cell metadata untouched');
    // (VS Code's own ipynb serializer drops the execution count of an edited cell, as it does for any edit.)
    assert.deepEqual(saved.cells[0], json.cells[0]);
    assert.deepEqual(saved.metadata.kernelspec, json.metadata.kernelspec);
    assert.equal(saved.cells[1].source.join(''), `import os\ntoken = dbutils.secrets.get(scope="${scope}", key="it-notebook")\nprint(1)`);
  });

  it('Scan Workspace fills the Problems panel for files not open, honouring .gitignore', async () => {
    const dir = `it-scan-${Date.now().toString(36)}`;
    const flagged = await writeFixture(`${dir}/etl.py`, `token = "${FAKE_PAT}"\n`);
    const ignored = await writeFixture(`${dir}/build/etl.py`, `token = "${FAKE_PAT}"\n`);
    const env = await writeFixture(`${dir}/.env`, `DATABRICKS_TOKEN=${FAKE_PAT}\n`);
    await writeFixture(`${dir}/.gitignore`, 'build/\n');
    const summary = await vscode.commands.executeCommand<{ findings: number; cancelled: boolean }>('databricksSecrets.editor.scanWorkspace');
    assert.ok(summary && !summary.cancelled && summary.findings >= 2, `summary: ${JSON.stringify(summary)}`);
    const [d] = ourDiagnostics(flagged);
    assert.ok(d, 'etl.py is flagged');
    assert.equal(d.code, 'databricks-pat');
    assert.equal(ourDiagnostics(env).length, 1, 'hidden .env files are scanned');
    assert.deepEqual(ourDiagnostics(ignored), [], 'a git-ignored file is not scanned');
  });
});
