/** The sample folder `npm run demo` opens: notebooks with a fake hardcoded credential for the CodeLens to find. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A fake Databricks personal access token (`dapi` + 32 hex), derived at run time so no credential-shaped literal sits in the source. */
export function fakePat(): string {
  return `dapi${createHash('sha256').update('databricks-secrets demo workspace').digest('hex').slice(0, 32)}`;
}

/** A fake JDBC password of realistic shape. */
export function fakePassword(): string {
  return `Kx9${createHash('sha256').update('demo jdbc password').digest('base64').slice(0, 13)}!`;
}

function pythonCells(): string[] {
  return [
    ['import requests', '', 'DATABRICKS_HOST = "https://adb-1234567890123456.7.azuredatabricks.net"', `token = "${fakePat()}"`].join('\n'),
    [
      'orders = (spark.read.format("jdbc")',
      '    .option("url", "jdbc:postgresql://orders-db.example.com:5432/orders")',
      '    .option("user", "svc_ingest")',
      `    .option("password", "${fakePassword()}")`,
      '    .option("dbtable", "public.orders")',
      '    .load())',
    ].join('\n'),
    [
      '# Already done right: read from a secret scope',
      'storage_key = dbutils.secrets.get(scope="data-platform", key="storage-account-key")',
    ].join('\n'),
  ];
}

/** A Databricks source-format notebook (`# Databricks notebook source`, cells split by `# COMMAND ----------`). */
function sourceNotebook(): string {
  return `# Databricks notebook source\n${pythonCells().join('\n\n# COMMAND ----------\n\n')}\n`;
}

/** The same cells as a Jupyter notebook. */
function jupyterNotebook(): string {
  const cells = pythonCells().map((code) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source: code.split('\n').map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line)),
  }));
  return `${JSON.stringify({ cells, metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

/** Creates the sample workspace in `folder` (leaves files a person already changed alone). */
export function writeDemoWorkspace(folder: string): void {
  const files: Record<string, string> = {
    'README.md':
      '# Demo workspace\n\nThe notebooks under `notebooks/` hold fake hardcoded credentials on purpose, for the\n' +
      'Databricks Secrets extension to find. Open the **Databricks Secrets** view in the activity bar to browse the\n' +
      'local emulator.\n',
    'notebooks/ingest_orders.py': sourceNotebook(),
    'notebooks/ingest_orders.ipynb': jupyterNotebook(),
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(folder, name);
    if (fs.existsSync(file)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
