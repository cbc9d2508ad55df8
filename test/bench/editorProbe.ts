/**
 * Loaded inside the VS Code extension host as `extensionTestsPath` by editor.ts (`npm run bench:editor`): measures
 * how fast the editor features follow edits, on a 5,000-line Python file and a 200-cell Jupyter notebook, and writes
 * the figures as JSON to the file named by DBSECRETS_BENCH_RESULT. Prints and asserts nothing itself.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { activateForTests } from '../integration/support/extensionApi';

/** One series of timings in milliseconds. */
export interface Series {
  readonly samples: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** What the probe measured. */
export interface EditorBenchResult {
  /** Opening the 5,000-line file until its diagnostics are in the Problems panel (includes loading the detector if first). */
  openToDiagnosticsMs?: number;
  /** Findings in the big file. */
  pythonFindings?: number;
  /** After an edit: CodeLens request (scan of the new version) + diagnostics update, on the 5,000-line file. */
  python?: Series;
  /** The scan alone (detector over the document text), from the findings service's own timings. */
  pythonScan?: Series;
  /** The same on one cell of the 200-cell notebook (each cell is its own document). */
  notebook?: Series;
  /** Opening the 200-cell notebook until every cell with a credential has its diagnostic. */
  notebookOpenToDiagnosticsMs?: number;
  /** Edit to diagnostics as a person sees it (includes the debounce), on the big file. */
  typingToDiagnostics?: Series;
  error?: string;
}

function series(values: readonly number[]): Series {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { samples: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

/** Fake credentials built at run time. */
const PAT = `dapi${'0123456789abcdef'.repeat(2)}`;
const PASSWORD = ['Kx9', 'rT4', '!mQ', '2vL'].join('');

/** A 5,000-line Python file: ordinary code with a credential every 250 lines. */
function bigPython(): string {
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) {
    if (i % 250 === 10) lines.push(`token_${i} = "${PAT}"`);
    else if (i % 250 === 20) lines.push(`password = "${PASSWORD}${i}"`);
    else if (i % 10 === 0) lines.push(`def step_${i}(df, spark):`);
    else if (i % 7 === 0) lines.push(`    df = df.withColumn("c${i}", F.col("amount") * ${i})  # scale column ${i}`);
    else lines.push(`    rows_${i} = spark.read.format("delta").load("/mnt/raw/orders/${i}").filter("id > ${i}")`);
  }
  return lines.join('\n') + '\n';
}

/** A 200-cell notebook of 12-line cells, a credential in every tenth cell. */
function bigNotebook(): string {
  const cells = [];
  for (let c = 0; c < 200; c++) {
    const source: string[] = [];
    for (let l = 0; l < 12; l++) source.push(l === 5 && c % 10 === 0 ? `token = "${PAT}"\n` : `df_${c}_${l} = spark.table("sales.orders_${l}").where("region = 'EU'")\n`);
    cells.push({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
  }
  return JSON.stringify({ cells, metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

function ourDiagnostics(uri: vscode.Uri): number {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Databricks Secrets').length;
}

async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for diagnostics');
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Waits for the next diagnostics change on `uri` and returns when it happened. */
function nextDiagnostics(uri: vscode.Uri): Promise<number> {
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) {
        sub.dispose();
        resolve(performance.now());
      }
    });
  });
}

export async function run(): Promise<void> {
  const file = process.env.DBSECRETS_BENCH_RESULT;
  const result: { -readonly [K in keyof EditorBenchResult]: EditorBenchResult[K] } = {};
  try {
    const api = await activateForTests();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) throw new Error('no workspace folder');
    const runs = Number(process.env.DBSECRETS_BENCH_EDITS) || 100;

    // 1. Open the 5,000-line file until its diagnostics show.
    const pyUri = vscode.Uri.joinPath(root, 'bench_5000_lines.py');
    await vscode.workspace.fs.writeFile(pyUri, new TextEncoder().encode(bigPython()));
    const openStarted = performance.now();
    const shown = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(pyUri));
    await until(() => ourDiagnostics(pyUri) > 0);
    result.openToDiagnosticsMs = performance.now() - openStarted;
    result.pythonFindings = ourDiagnostics(pyUri);

    // 2. Edits: each one, then the CodeLens request (a scan of the new version) and the diagnostics update.
    const findings = api.editor.findings;
    const measureEdits = async (document: vscode.TextDocument, line: number): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        // Type a character at the start of the line, then delete it: every edit is a new version to scan. (A
        // WorkspaceEdit, so notebook cells, which have no text editor of their own here, are edited the same way.)
        const edit = new vscode.WorkspaceEdit();
        if (i % 2 === 0) edit.insert(document.uri, new vscode.Position(line, 0), 'x');
        else edit.delete(document.uri, new vscode.Range(line, 0, line, 1));
        await vscode.workspace.applyEdit(edit);
        const started = performance.now();
        await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri);
        await findings.update(document);
        times.push(performance.now() - started);
      }
      return times;
    };
    findings.timings.length = 0;
    result.python = series(await measureEdits(shown.document, 2500));
    result.pythonScan = series(findings.timings);

    // 3. As a person sees it: a keystroke until the Problems panel changed (debounce included).
    const typing: number[] = [];
    for (let i = 0; i < Math.min(runs, 30); i++) {
      const changed = nextDiagnostics(pyUri);
      const started = performance.now();
      await shown.edit((b) => b.insert(new vscode.Position(2600, 0), '#'));
      typing.push((await changed) - started);
    }
    result.typingToDiagnostics = series(typing);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    // 4. The 200-cell notebook: open until its flagged cells have diagnostics, then edits in one cell.
    const nbUri = vscode.Uri.joinPath(root, 'bench_200_cells.ipynb');
    await vscode.workspace.fs.writeFile(nbUri, new TextEncoder().encode(bigNotebook()));
    const nbStarted = performance.now();
    const notebook = await vscode.workspace.openNotebookDocument(nbUri);
    await vscode.window.showNotebookDocument(notebook);
    const flagged = notebook.getCells().filter((c) => c.index % 10 === 0);
    await until(() => flagged.every((c) => ourDiagnostics(c.document.uri) > 0));
    result.notebookOpenToDiagnosticsMs = performance.now() - nbStarted;
    result.notebook = series(await measureEdits(notebook.cellAt(100).document, 5));
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  if (file) {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(result));
    fs.renameSync(`${file}.tmp`, file);
  }
}
