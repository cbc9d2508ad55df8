import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detect } from '../../../src/core/detect';
import { FileScanner } from '../../../src/core/detect/fileScan';
import { detectBytes } from '../../../src/core/detect/scan';
import { FakeSecrets } from '../../fixtures/detect/fake-secrets';

/** Lines of code with a credential now and then, magic cells (some long) and cell separators. */
function bigNotebook(g: FakeSecrets, comment: string | undefined, lines: number, extra: (i: number) => string | undefined = () => undefined): string {
  const out: string[] = comment ? [`${comment} Databricks notebook source`] : [];
  const c = comment ?? '#';
  for (let i = 1; i < lines; i++) {
    const e = extra(i);
    if (e !== undefined) out.push(e);
    else if (i % 37 === 0) out.push(`password = "${g.password()}"`);
    else if (i % 53 === 0) out.push(`token = "${g.databricksPat()}"`);
    else if (comment && i % 400 < 120 && i % 400 >= 100) {
      // a long magic cell: a %sql or %python command, then lines, some with credentials
      out.push(i % 400 === 100 ? `${c} MAGIC %${i % 800 === 100 ? 'sql' : 'python'}` : i % 7 === 0 ? `${c} MAGIC CREATE USER etl IDENTIFIED BY '${g.password()}';` : `${c} MAGIC x = "${g.alnum(6)}"  # api_key = "${g.alnum(30)}"`);
    } else if (i % 90 === 0) out.push('', `${c} COMMAND ----------`, '');
    else out.push(`df_${i} = spark.read.table("sales.orders_${i}")  # token_count ${i}`);
  }
  return out.join('\n') + '\n';
}

describe('FileScanner (files read once, scanned from the bytes)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dbsecrets-filescan-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[string, string, (g: FakeSecrets) => string]> = [
    ['a Python Databricks notebook with long magic cells', 'nb.py', (g) => bigNotebook(g, '#', 30000)],
    ['a Scala notebook', 'nb.scala', (g) => bigNotebook(g, '//', 20000)],
    ['a SQL notebook', 'nb.sql', (g) => bigNotebook(g, '--', 20000)],
    ['a plain script', 'plain.py', (g) => bigNotebook(g, undefined, 30000)],
    ['CRLF line ends', 'crlf.py', (g) => bigNotebook(g, '#', 20000).replace(/\n/g, '\r\n')],
    ['UTF-8 text (multi-byte characters)', 'utf8.py', (g) => bigNotebook(g, '#', 20000, (i) => (i % 11 === 0 ? `s = "héllo wörld ✓ ${i}"  # naïve` : undefined))],
    ['long runs of magic lines', 'magic.py', (g) => bigNotebook(g, '#', 30000, (i) => (i % 5000 < 1000 ? undefined : i % 5000 === 1000 ? '# MAGIC %python' : i % 41 === 0 ? `# MAGIC db_password = "${g.password()}"` : `# MAGIC y = "${g.alnum(4)}"`))],
    ['a PEM block (scanned whole)', 'pem.py', (g) => bigNotebook(g, '#', 20000, (i) => (i === 9000 ? `key = """-----BEGIN PRIVATE KEY-----\n${g.alnum(64)}\n${g.alnum(64)}\n-----END PRIVATE KEY-----"""` : undefined))],
  ];
  for (const [title, name, make] of cases) {
    it(`finds exactly what detect() finds on the whole text: ${title}`, () => {
      const text = make(new FakeSecrets(name.length * 7919));
      assert.ok(Buffer.byteLength(text) > 300 * 1024, 'the file must be big');
      writeFileSync(join(dir, name), text);
      const whole = detect(text, { fileName: join(dir, name) });
      assert.ok(whole.length > 100, 'the case must have findings');
      const r = new FileScanner().scan(join(dir, name));
      assert.equal(r.kind, 'ok');
      assert.deepEqual(r.kind === 'ok' ? r.findings : [], whole);
      // The bytes path itself (FileScanner falls back to the whole text when it declines, as for PEM blocks).
      const fromBytes = detectBytes(Buffer.from(text), 'utf8', { fileName: join(dir, name) });
      if (name === 'pem.py') assert.equal(fromBytes, undefined);
      else assert.deepEqual(fromBytes, whole);
    });
  }

  const small: Array<[string, string]> = [
    ['edge.py', `# Databricks notebook source\n# MAGICAL = "${'x'}"\n# MAGIC %sql\n# MAGIC\n# MAGIC CREATE USER u IDENTIFIED BY 'Zq8!mW3vR7tY'\nx = 1\n# MAGIC token = "${'dapi' + '0123456789abcdef'.repeat(2)}"`],
    ['stuffed.py', `${'password token secret '.repeat(40)}= "Zq8!mW3vR7tY2kLp"\npassword = "Hq3!zLw8Rt5v"\n`],
    ['suppressed.py', `password = "Zq8!mW3vR7tY2kLp"  # dbsecrets: ignore\npassword = "Hq3!zLw8Rt5v"\n`],
    ['next-line.py', `x = 1\n# dbsecrets: ignore-next-line\npassword = "Zq8!mW3vR7tY2kLp"\npassword = "Hq3!zLw8Rt5v"\n`],
    ['keys.py', 'key = "Zq8mW3vR7tY2kLpZq8mW3"\napi_key = "Zq8mW3vR7tY2kLpZq8mW3"\nx.key = "Zq8mW3vR7tY2kLpZq8mW3"\n-key = "Zq8mW3vR7tY2kLpZq8mW3"\n'],
    ['first-line.sql', "CREATE USER u IDENTIFIED BY 'Zq8!mW3vR7tY';"],
  ];
  it('finds exactly what detect() finds on small files and edge cases (magic-like lines, keyword-stuffed lines)', () => {
    for (const [name, text] of small) {
      writeFileSync(join(dir, name), text);
      const r = new FileScanner().scan(join(dir, name));
      const whole = detect(text, { fileName: join(dir, name) });
      assert.ok(whole.length > 0, `${name} must have findings`);
      assert.deepEqual(r.kind === 'ok' ? r.findings : r, whole, name);
      assert.deepEqual(detectBytes(Buffer.from(text), 'latin1', { fileName: join(dir, name) }), whole, name);
    }
  });

  it('finds exactly what detect() finds on every file of the labelled corpus', () => {
    const root = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'detect');
    const labels = JSON.parse(readFileSync(join(root, 'labels.json'), 'utf8')) as { files: Record<string, unknown> };
    const s = new FileScanner();
    for (const file of Object.keys(labels.files)) {
      const r = s.scan(join(root, file));
      assert.deepEqual(r.kind === 'ok' ? r.findings : r, detect(readFileSync(join(root, file), 'utf8'), { fileName: join(root, file) }), file);
    }
  });

  it('scanning from the bytes equals detect() on random notebooks and scripts (differential fuzz)', () => {
    const g = new FakeSecrets(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(g.next() * xs.length)];
    const pieces = [
      () => `password = "${g.password()}"`, () => `token = '${g.databricksPat()}'`, () => 'api_key = dbutils.secrets.get(scope="s", key="k")',
      () => '# MAGIC %sql', () => '# MAGIC', () => `# MAGIC CREATE USER u IDENTIFIED BY '${g.password()}'`, () => '# MAGICAL x', () => '# COMMAND ----------',
      () => '# dbsecrets: ignore-next-line', () => `x = "${g.password()}"  # dbsecrets: ignore`, () => 'key_cols = ["a"]', () => 'x.key = "abc"',
      () => `url = "jdbc:postgresql://h:5432/db?user=u&password=${g.password()}"`, () => `${'pass token '.repeat(40)}= "${g.password()}"`,
      () => 'naïve = "héllo ✓"', () => '', () => '   ', () => `s = "unterminated ${g.alnum(8)}`, () => `secret_key = "${g.token(40)}"`,
    ];
    for (let round = 0; round < 150; round++) {
      const notebook = g.next() < 0.6;
      const lines = notebook ? ['# Databricks notebook source'] : [];
      const n = 1 + Math.floor(g.next() * 40);
      for (let i = 0; i < n; i++) lines.push(pick(pieces)());
      const eol = g.next() < 0.2 ? '\r\n' : '\n';
      const text = lines.join(eol) + (g.next() < 0.5 ? eol : '');
      const name = pick(['a.py', 'b.scala', 'c.sql', 'd.r', '.env']);
      const fromBytes = detectBytes(Buffer.from(text, 'utf8'), 'utf8', { fileName: name });
      assert.deepEqual(fromBytes, detect(text, { fileName: name }), `round ${round}: ${JSON.stringify(text)}`);
    }
  });

  it('reads Jupyter notebooks from the bytes with the same findings as detect(), or declines', () => {
    const g = new FakeSecrets(77);
    const pw = g.password();
    const pat = g.databricksPat();
    const nb = (cells: unknown[], indent = 1): string => JSON.stringify({ cells, metadata: { kernelspec: { language: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, indent);
    const code = (source: unknown, extra: object = {}): object => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source, ...extra });
    const accepted: Array<[string, string]> = [
      ['lines, escaped quotes, a repeated line in outputs', nb([
        { cell_type: 'markdown', metadata: {}, source: ['# Title\n', `token = "${pat}"\n`] },
        code(['import os\n', `headers = {"Authorization": "Bearer ${pat}"}\n`, `db_password = "${pw}"`], { outputs: [{ text: [`db_password = "${pw}"`] }] }),
      ])],
      ['magic cells, markers, CRLF, odd items, another language', JSON.stringify({
        cells: [
          code(['%sql\n', `CREATE USER u IDENTIFIED BY '${pw}'\n`]),
          code(['# dbsecrets: ignore-next-line\n', `password = "${pw}"\n`, `db_password = "${pw}"\r\n`, `url = "postgresql://etl:${pw}@pg:5432/db"`]),
          code([]),
          null,
          code(['x = 1\n', 7, `secret_token = "${g.token(40)}"\n`, 'y = 2\nz = 3']),
        ],
        metadata: { kernelspec: { language: 'scala' } },
      }, null, 2)],
      ['compact JSON on one line', nb([code(['x = 1\n', `db_password = "${pw}"\n`]), code([`token = "${pat}"`])], 0)],
      ['no keyword at all', nb([code(['x = 1\n', 'print(x)'])])],
    ];
    for (const [title, text] of accepted) {
      const whole = detect(text, { fileName: 'n.ipynb' });
      assert.deepEqual(detectBytes(Buffer.from(text), 'latin1', { fileName: 'n.ipynb' }), whole, title);
    }
    assert.ok(detect(accepted[1][1], { fileName: 'n.ipynb' }).length >= 4, 'the magic/marker case must have findings');
    const declined: Array<[string, string]> = [
      ['a source string holding several lines', nb([code(`x = 1\npassword = "${pw}"\n`)])],
      ['a line continued in the next string', nb([code(['password = ', `"${pw}"\n`])])],
      ['a PEM block', nb([code(['key = """-----BEGIN PRIVATE KEY-----\n', `${g.alnum(64)}\n`, '-----END PRIVATE KEY-----"""\n'])])],
      ['a \\u escape that hides a keyword', nb([code([`db_pass\u0077ord = "${pw}"`])]).replace('db_password', 'db_pass\\u0077ord')],
      ['a \\/ escape', nb([code([`url = "postgresql://etl:${pw}@pg:5432/db"`])]).replace('://', ':\\/\\/')],
      ['a \\u escape that hides the only keyword', nb([code([`password = "${pw}"`])]).replace('password', '\\u0070assword')],
      ['a \\u escape in the structure of the notebook', nb([code([`db_password = "${pw}"`])]).replace('"source"', '"sour\\u0063e"')],
      ['not JSON', `{"cells": [ "token": "${pat}"`],
      ['an escape JSON does not have', nb([code([`token = "${pat}"`])]).replace('token', 't\\qoken')],
      ['a \\u escape that is not one (in the metadata)', nb([code([`token = "${pat}"`])]).replace('"kernelspec": {', '"x": "\\uZZZZ", "kernelspec": {')],
      ['a \\u escape that is not one (in a key)', nb([code([`token = "${pat}"`])]).replace('"source"', '"sour\\uZZZZce"')],
      ['a trailing comma', nb([code([`token = "${pat}"`])]).replace(']\n  }', '],\n  }')],
    ];
    for (const [title, text] of declined) {
      assert.equal(detectBytes(Buffer.from(text), 'latin1', { fileName: 'n.ipynb' }), undefined, title);
      writeFileSync(join(dir, 'd.ipynb'), text);
      const r = new FileScanner().scan(join(dir, 'd.ipynb'));
      const whole = detect(text, { fileName: join(dir, 'd.ipynb') });
      assert.ok(whole.length > 0, `${title}: the case must have findings`);
      assert.deepEqual(r.kind === 'ok' ? r.findings : r, whole, title);
    }
  });

  it('reading notebooks from the bytes equals detect() on random notebooks (differential fuzz)', () => {
    const g = new FakeSecrets(4711);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(g.next() * xs.length)];
    const lines = [
      () => `password = "${g.password()}"`, () => `token = '${g.databricksPat()}'`, () => 'api_key = dbutils.secrets.get(scope="s", key="k")',
      () => '%sql', () => `CREATE USER u IDENTIFIED BY '${g.password()}'`, () => '# dbsecrets: ignore-next-line',
      () => `x = "${g.password()}"  # dbsecrets: ignore`, () => 'key_cols = ["a"]', () => `headers = {"Authorization": "Bearer ${g.databricksPat()}"}`,
      () => `url = "jdbc:postgresql://h:5432/db?user=u&password=${g.password()}"`, () => `${'pass token '.repeat(40)}= "${g.password()}"`,
      () => 'tab\there = 1', () => '', () => `secret_key = "${g.token(40)}"`, () => 'print("done")',
    ];
    let accepted = 0;
    for (let round = 0; round < 120; round++) {
      const cells: unknown[] = [];
      const n = 1 + Math.floor(g.next() * 6);
      for (let c = 0; c < n; c++) {
        const m = Math.floor(g.next() * 6);
        const src: string[] = [];
        for (let i = 0; i < m; i++) src.push(pick(lines)() + (i < m - 1 ? (g.next() < 0.1 ? '\r\n' : '\n') : ''));
        const kind = pick(['code', 'code', 'code', 'markdown', 'raw']);
        cells.push({ cell_type: kind, metadata: g.next() < 0.3 ? { tags: ['a', { b: [1, null, true] }] } : {}, source: g.next() < 0.1 ? src.join('') : src, ...(kind === 'code' ? { outputs: g.next() < 0.3 ? [{ text: src }] : [], execution_count: null } : {}) });
      }
      const text = JSON.stringify({ cells, metadata: { kernelspec: { language: pick(['python', 'scala', 'r', 'sql']) } }, nbformat: 4 }, null, pick([0, 1, 2]));
      const fromBytes = detectBytes(Buffer.from(text), 'latin1', { fileName: 'n.ipynb' });
      if (fromBytes === undefined) continue;
      accepted++;
      assert.deepEqual(fromBytes, detect(text, { fileName: 'n.ipynb' }), `round ${round}: ${text}`);
    }
    assert.ok(accepted > 60, `the bytes path must take most rounds (took ${accepted})`);
  });

  it('reports binaries, files over maxFileBytes and unreadable paths', () => {
    writeFileSync(join(dir, 'b.bin'), Buffer.from([1, 0, 2]));
    const s = new FileScanner();
    assert.equal(s.scan(join(dir, 'b.bin')).kind, 'binary');
    writeFileSync(join(dir, 'big.py'), 'x = 1\n'.repeat(10));
    assert.deepEqual(new FileScanner({ maxFileBytes: 59 }).scan(join(dir, 'big.py')), { kind: 'too-large' });
    assert.equal(new FileScanner({ maxFileBytes: 60 }).scan(join(dir, 'big.py')).kind, 'ok');
    const missing = s.scan(join(dir, 'missing.py'));
    assert.deepEqual(missing, { kind: 'error', message: 'ENOENT' });
  });

  it('reads files of any size into its reused buffer (small after big, big after small)', () => {
    const g = new FakeSecrets(3);
    const small = `token = "${g.databricksPat()}"\n`;
    const big = bigNotebook(g, undefined, 40000);
    writeFileSync(join(dir, 'small.py'), small);
    writeFileSync(join(dir, 'big.py'), big);
    const s = new FileScanner();
    for (const [f, text] of [['small.py', small], ['big.py', big], ['small.py', small]] as const) {
      const r = s.scan(join(dir, f));
      assert.deepEqual(r.kind === 'ok' ? r.findings : r, detect(text, { fileName: join(dir, f) }));
    }
  });
});
