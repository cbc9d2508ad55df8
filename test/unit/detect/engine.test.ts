import { strict as assert } from 'node:assert';
import { detectBytes } from '../../../src/core/detect/scan';
import { DetectionCache, detect, maskSecret, parseConfig, SECRET_KEY_PATTERN, suggestKey, type Finding } from '../../../src/core/detect';
import { FakeSecrets } from '../../fixtures/detect/fake-secrets';

const g = new FakeSecrets(7);
const PAT = g.databricksPat();
const PW = g.password();
const AZ = g.azureStorageKey();

/** The text a range covers (single-line ranges). */
function covered(text: string, f: Finding): string {
  const lines = text.split('\n');
  assert.equal(f.range.start.line, f.range.end.line, 'single-line range');
  return lines[f.range.start.line].slice(f.range.start.character, f.range.end.character);
}

function offsetOf(text: string, p: { line: number; character: number }): number {
  return text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

function only(findings: Finding[]): Finding {
  assert.equal(findings.length, 1, `expected one finding, got ${findings.map((f) => f.ruleId).join(', ') || 'none'}`);
  return findings[0];
}

describe('detect: ranges cover only the secret', () => {
  it('a Databricks token in an assignment', () => {
    const text = `import os\nDATABRICKS_TOKEN = "${PAT}"\n`;
    const f = only(detect(text, { fileName: 'a.py' }));
    assert.equal(f.ruleId, 'databricks-pat');
    assert.equal(covered(text, f), PAT);
    assert.equal(f.secret, PAT);
    assert.equal(f.context, 'assignment');
    assert.equal(f.suggestedKey, 'databricks-token');
    assert.equal(f.severity, 'critical');
  });

  it('just the password of a URL and of a JDBC string', () => {
    const text = `uri = "postgresql://etl:${PW}@pg.internal:5432/db"\njdbc = "jdbc:sqlserver://sql1.database.windows.net:1433;database=d;user=u;password=${PW};encrypt=true"\n`;
    const fs = detect(text, { fileName: 'a.py' });
    assert.deepEqual(fs.map((f) => f.ruleId), ['url-password', 'jdbc-password']);
    for (const f of fs) assert.equal(covered(text, f), PW);
    assert.equal(fs[0].context, 'url');
    assert.equal(fs[1].suggestedKey, 'sql1-password');
  });

  it('just the password of a Kafka JAAS string (plain or escaped quotes) and of an Oracle thin URL', () => {
    const jaas = 'org.apache.kafka.common.security.plain.PlainLoginModule required';
    const text = [
      `.option("kafka.sasl.jaas.config", '${jaas} username="svc-orders" password="${PW}";')`,
      `conf = {"kafka.sasl.jaas.config": "${jaas} username=\\"etl\\" password=\\"${PW}\\";"}`,
      `jaas = f'${jaas} username="{user}" password="{password}";'`,
      `eh = '${jaas} username="$ConnectionString" password="$EVENTHUB_CONN";'`,
      `url = "jdbc:oracle:thin:loader/${PW}@//ora-prod.internal:1521/ORCL"`,
      'ok = "jdbc:oracle:thin:@//ora-prod.internal:1521/ORCL"',
    ].join('\n');
    const fs = detect(text, { fileName: 'a.py' });
    assert.deepEqual(fs.map((f) => [f.range.start.line, f.ruleId, f.suggestedKey]), [
      [0, 'kafka-jaas-password', 'svc-orders-password'],
      [1, 'kafka-jaas-password', 'etl-password'],
      [4, 'jdbc-password', 'ora-prod-password'],
    ]);
    for (const f of fs) assert.equal(covered(text, f), PW);
    // The rest of the JAAS string is kept around the lookup.
    assert.equal(fs[1].replacement?.text, `"${jaas} username=\\"etl\\" password=\\"" + dbutils.secrets.get(scope="my-scope", key="etl-password") + "\\";"`);
  });

  it('the password of HTTP basic auth (auth=(user, pw), HTTPBasicAuth) and of cx_Oracle.connect("user/pw@dsn")', () => {
    const text = [
      `r = requests.get(url, auth=("svc-etl", "${PW}"))`,
      `r = requests.get(url, auth=HTTPBasicAuth("svc-etl", "${PW}"))`,
      `conn = cx_Oracle.connect("scott/${PW}@ora-prod.internal:1521/ORCL")`,
      'r = requests.get(url, auth=(user, password))',
      'r = requests.get(url, auth=("svc-etl", dbutils.secrets.get(scope="s", key="k")))',
      `pair = ("svc-etl", "${PW}")`,
    ].join('\n');
    const fs = detect(text, { fileName: 'a.py' });
    assert.deepEqual(fs.map((f) => [f.range.start.line, f.ruleId, f.suggestedKey]), [
      [0, 'generic-password', 'svc-etl-password'],
      [1, 'generic-password', 'svc-etl-password'],
      [2, 'jdbc-password', 'ora-prod-password'],
    ]);
    for (const f of fs) assert.equal(covered(text, f), PW);
    const r = only(detect(`resp <- GET(url, authenticate("svc-etl", "${PW}"))`, { languageId: 'r' }));
    assert.deepEqual([r.ruleId, r.suggestedKey, covered(`resp <- GET(url, authenticate("svc-etl", "${PW}"))`, r)], ['generic-password', 'svc-etl-password', PW]);
  });

  it('a keyword-stuffed line (every rule runs once) does not shift the lines after it', () => {
    const text = `${'password token secret '.repeat(40)}= "x"\n\npassword = "${PW}"\n`;
    const f = only(detect(text, { fileName: 'a.py' }));
    assert.equal(f.range.start.line, 2);
    assert.equal(covered(text, f), PW);
  });

  it('a PEM block spans lines from BEGIN to END', () => {
    const body = g.pemBody(5);
    const text = ['KEY = """-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----', '"""'].join('\n');
    const f = only(detect(text, { fileName: 'k.py' }));
    assert.equal(f.ruleId, 'private-key');
    assert.deepEqual(f.range, { start: { line: 0, character: 9 }, end: { line: 6, character: 29 } });
  });
});

describe('detect: context kinds and suggested keys', () => {
  const cases: Array<[string, string, string, string]> = [
    ['python', `conn = connect(host="h", password="${PW}")`, 'keyword-argument', 'password'],
    ['python', `cfg = {"sfPassword": "${PW}"}`, 'dict-entry', 'sf-password'],
    ['python', `spark.conf.set("fs.azure.account.key.lake1.dfs.core.windows.net", "${AZ}")`, 'spark-conf', 'lake1-account-key'],
    ['python', `df = spark.read.format("jdbc").option("password", "${PW}").load()`, 'jdbc-option', 'password'],
    ['python', `os.environ["PG_PASSWORD"] = "${PW}"`, 'environment', 'pg-password'],
    ['scala', `val dbPassword: String = "${PW}"`, 'assignment', 'db-password'],
    ['r', `db_password <- "${PW}"`, 'assignment', 'db-password'],
    ['sql', `CREATE USER loader IDENTIFIED BY '${PW}'`, 'assignment', 'loader-password'],
    ['sql', `OPTIONS (user 'u', password '${PW}')`, 'jdbc-option', 'password'],
    ['python', `print("${PAT}")`, 'bare-literal', 'databricks-token'],
  ];
  for (const [languageId, line, context, key] of cases) {
    it(`${languageId}: ${context} → key ${key}`, () => {
      const f = only(detect(line, { languageId }));
      assert.equal(f.context, context);
      assert.equal(f.suggestedKey, key);
      assert.match(f.suggestedKey, SECRET_KEY_PATTERN);
    });
  }

  it('suggested keys always match the Secrets API key pattern', () => {
    for (const name of ['', '!!!', 'a'.repeat(500), 'self.apiToken', 'os.environ["X"]', 'fs.s3a.secret.key', 'ünïcødé_tøken', '--']) {
      assert.match(suggestKey(name, 'fallback'), SECRET_KEY_PATTERN, name);
    }
    assert.equal(suggestKey('self.apiToken', 'x'), 'api-token');
    assert.equal(suggestKey('fs.s3a.secret.key', 'x'), 's3a-secret-key');
    assert.equal(suggestKey('spark.hadoop.fs.azure.account.key.lake1.dfs.core.windows.net', 'x'), 'lake1-account-key');
  });
});

describe('detect: replacement text per language', () => {
  it('Python, Scala and R read the secret with dbutils; the scope comes from the configuration', () => {
    for (const [languageId, line] of [['python', `token = "${PAT}"`], ['scala', `val token = "${PAT}"`], ['r', `token <- "${PAT}"`]]) {
      const f = only(detect(line, { languageId, config: { scope: 'prod' } }));
      assert.equal(f.replacement?.text, 'dbutils.secrets.get(scope="prod", key="databricks-token")', languageId);
      assert.equal(line.slice(f.replacement!.range.start.character, f.replacement!.range.end.character), `"${PAT}"`);
    }
  });

  it('SQL uses secret(), Spark configuration files {{secrets/scope/key}}', () => {
    assert.equal(only(detect(`CREATE USER u IDENTIFIED BY '${PW}'`, { languageId: 'sql' })).replacement?.text, "secret('my-scope', 'u-password')");
    const conf = only(detect(`spark.hadoop.fs.azure.account.key.lake1.dfs.core.windows.net ${AZ}`, { fileName: 'spark-defaults.conf' }));
    assert.equal(conf.ruleId, 'azure-storage-account-key');
    assert.equal(conf.replacement, undefined, 'an unquoted conf value has no literal to replace');
  });

  it('a secret inside a longer literal keeps the rest of the literal', () => {
    const line = `url = "jdbc:postgresql://pg1:5432/db?user=u&password=${PW}&ssl=true"`;
    const f = only(detect(line, { languageId: 'python' }));
    assert.equal(f.replacement?.text, `"jdbc:postgresql://pg1:5432/db?user=u&password=" + dbutils.secrets.get(scope="my-scope", key="pg1-password") + "&ssl=true"`);
    const r = only(detect(line.replace('url =', 'url <-'), { languageId: 'r' }));
    assert.match(r.replacement!.text, /^paste0\("jdbc:.*password=", dbutils\.secrets\.get\(.*\), "&ssl=true"\)$/);
  });

  it('a literal holding two secrets: each replacement replaces both, so neither quotes the other', () => {
    const gh = g.githubPat();
    const line = `remote = "https://etl:${PW}@git.internal/r.git?access_token=${gh}"`;
    const found = detect(line, { languageId: 'python' });
    assert.deepEqual(found.map((f) => f.ruleId), ['url-password', 'github-token']);
    const joint = '"https://etl:" + dbutils.secrets.get(scope="my-scope", key="git-password") + "@git.internal/r.git?access_token=" + dbutils.secrets.get(scope="my-scope", key="github-token")';
    for (const f of found) {
      assert.equal(f.replacement?.text, joint, f.ruleId);
      assert.equal(line.slice(f.replacement!.range.start.character, f.replacement!.range.end.character), line.slice(9));
    }
  });

  it('no replacement or key quotes a secret: not a second secret, an overlapping one, or the secret itself', () => {
    const pw = 'Xq7#Lm2@Vb9Kp4Tz';
    const cases: Array<[string, string]> = [
      ['python', `url = "jdbc:sqlserver://srv.database.windows.net:1433;database=db;user=etl@srv;password=${pw};encrypt=true"`],
      ['python', 'conn = "Driver={ODBC};Server=x;Uid=sa;Pwd=Kx82@Mqz7Lw4;"'],
      ['python', `u = "jdbc:oracle:thin:scott/${PW}@//orahost:1521/svc"`],
      ['python', `u = "https://${PAT}@dbc.host/x;password=${PW}"`],
      ['sql', `SELECT * FROM t WHERE c = 'postgres://a:${PW}@h/db?password=${pw}'`],
    ];
    for (const [languageId, line] of cases) {
      const found = detect(line, { languageId });
      assert.ok(found.length > 0, line);
      for (const f of found) {
        for (const other of found) {
          const shown = [f.replacement?.text ?? '', f.suggestedKey].join(' ').toLowerCase();
          for (let i = 0; i + 5 <= other.secret.length; i++) {
            assert.ok(!shown.includes(other.secret.slice(i, i + 5).toLowerCase()), `${f.ruleId} on ${line}: shows "${other.secret.slice(i, i + 5)}" (of ${other.ruleId}) in ${shown}`);
          }
        }
      }
    }
    const key = (line: string): string[] => detect(line, { languageId: 'python' }).filter((f) => f.ruleId === 'jdbc-password').map((f) => f.suggestedKey);
    assert.deepEqual(key(cases[0][1]), ['srv-password'], 'the host before the password names the key');
    assert.deepEqual(key(cases[2][1]), ['orahost-password'], 'the host after an Oracle password names the key');
  });

  it('.env files get no replacement (no way to read a secret there)', () => {
    const f = only(detect(`DATABRICKS_TOKEN=${PAT}\n`, { fileName: '.env' }));
    assert.equal(f.context, 'environment');
    assert.equal(f.replacement, undefined);
  });
});

describe('detect: Databricks source notebooks', () => {
  it('scans %sql magic cells as SQL, with columns in the raw file', () => {
    const text = ['# Databricks notebook source', 'x = 1', '', '# COMMAND ----------', '', '# MAGIC %sql', `# MAGIC CREATE USER u IDENTIFIED BY '${PW}'`].join('\n');
    const f = only(detect(text, { fileName: 'nb.py' }));
    assert.equal(f.language, 'sql');
    assert.equal(f.range.start.line, 6);
    assert.equal(covered(text, f), PW);
    assert.match(f.replacement!.text, /^secret\('my-scope', 'u-password'\)$/);
  });

  it('a Scala notebook with a %python cell', () => {
    const text = ['// Databricks notebook source', `val password = "${PW}"`, '// COMMAND ----------', '// MAGIC %python', `// MAGIC token = "${PAT}"`].join('\n');
    const fs = detect(text, { fileName: 'nb.scala' });
    assert.deepEqual(fs.map((f) => [f.language, f.ruleId, f.range.start.line]), [['scala', 'generic-password', 1], ['python', 'databricks-pat', 4]]);
    assert.equal(covered(text, fs[1]), PAT);
  });
});

describe('detect: Jupyter notebooks', () => {
  const nb = JSON.stringify({
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Title\n'] },
      { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: ['import os\n', `headers = {"Authorization": "Bearer ${PAT}"}\n`, `pw = "x"\n`] },
      { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: `%sql\nCREATE USER u IDENTIFIED BY '${PW}'` },
    ],
    metadata: { kernelspec: { language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1);

  it('reports cell index, in-cell position and the raw-file position of each secret', () => {
    const fs = detect(nb, { fileName: 'n.ipynb' });
    assert.deepEqual(fs.map((f) => [f.ruleId, f.cell?.index, f.language]), [['databricks-pat', 1, 'python'], ['generic-password', 2, 'sql']]);
    const [pat, pw] = fs;
    assert.deepEqual(pat.cell?.range.start, { line: 1, character: 36 });
    // The raw range points into the JSON text, where quotes are escaped.
    assert.equal(covered(nb, pat), PAT);
    assert.equal(covered(nb, pw), PW);
    assert.equal(pw.cell?.replacementText, "secret('my-scope', 'u-password')");
  });

  it('the raw-file replacement is JSON-escaped so it can be applied to the file as text', () => {
    const text = JSON.stringify({ cells: [{ cell_type: 'code', source: [`token = "${PAT}"`] }], metadata: {} }, null, 1);
    const f = only(detect(text, { fileName: 'n.ipynb' }));
    const lines = text.split('\n');
    const r = f.replacement!.range;
    const edited = lines[r.start.line].slice(0, r.start.character) + f.replacement!.text + lines[r.start.line].slice(r.end.character);
    lines[r.start.line] = edited;
    const after = JSON.parse(lines.join('\n')) as { cells: Array<{ source: string[] }> };
    assert.equal(after.cells[0].source[0], 'token = dbutils.secrets.get(scope="my-scope", key="databricks-token")');
  });

  it('raw positions hold across escapes, \\u sequences, outputs repeating the line, string sources and odd items', () => {
    const line = `token = "${PAT}"  # caf\u00e9 \u2603\n`;
    const cells = [
      { cell_type: 'code', outputs: [{ text: [line] }], metadata: { tags: ['a"b', '{[', 7, null] }, source: ['x = 1\n', 42, line] },
      { cell_type: 'markdown', source: 'plain' },
      null,
      { cell_type: 'code', source: `db_password = "${PW}"` },
    ];
    // Escape every non-ASCII character as \uXXXX, as some notebook writers do.
    const text = JSON.stringify({ metadata: {}, cells }, null, 2).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const fs = detect(text, { fileName: 'n.ipynb' });
    assert.deepEqual(fs.map((f) => [f.ruleId, f.cell?.index, f.cell?.range.start.line]), [['databricks-pat', 0, 1], ['generic-password', 3, 0]]);
    assert.equal(covered(text, fs[0]), PAT);
    assert.equal(covered(text, fs[1]), PW);
    // The finding points into the source, not into the output that repeats the same line earlier in the file.
    assert.ok(text.indexOf(PAT) < text.lastIndexOf(PAT));
    assert.equal(offsetOf(text, fs[0].range.start), text.lastIndexOf(PAT));
  });

  it('an invalid notebook is scanned as plain JSON text instead of throwing', () => {
    const f = only(detect(`{"cells": [ "token": "${PAT}"`, { fileName: 'broken.ipynb' }));
    assert.equal(f.ruleId, 'databricks-pat');
  });
});

describe('detect: false-positive control and configuration', () => {
  it('a line that only reads a secret is not reported; anything else on it still is', () => {
    const lookups = [
      'api_key = dbutils.secrets.get(scope="etl-prod", key="pricing-api-key")',
      `db_password = dbutils.secrets.get('jdbc', '${PW}')  # rotated monthly`,
      'val token = dbutils.secrets.get(scope = "s", key = "token")  // from the scope',
      'password <- dbutils.secrets.get(scope = "s", key = "pw")',
    ];
    for (const [i, l] of lookups.entries()) assert.deepEqual(detect(l, { languageId: i === 2 ? 'scala' : i === 3 ? 'r' : 'python' }), [], l);
    const mixed = [
      `x = dbutils.secrets.get("s", "k"); password = "${PW}"`,
      `x = dbutils.secrets.get("s", "k")  # token = "${PAT}"`,
    ];
    for (const l of mixed) assert.equal(detect(l, { languageId: 'python' }).length, 1, l);
  });

  it('suppression comments', () => {
    assert.equal(detect(`token = "${PAT}"  # dbsecrets: ignore`, { languageId: 'python' }).length, 0);
    assert.equal(detect(`# dbsecrets: ignore-next-line\ntoken = "${PAT}"\ntoken2 = "${PAT}"`, { languageId: 'python' }).length, 1);
  });

  it('ignoreValues, ignorePatterns, disabledRules and ignorePaths', () => {
    const line = `password = "${PW}"\ntoken = "${PAT}"`;
    assert.equal(detect(line, { languageId: 'python' }).length, 2);
    assert.deepEqual(detect(line, { languageId: 'python', config: { ignoreValues: [PW] } }).map((f) => f.ruleId), ['databricks-pat']);
    assert.deepEqual(detect(line, { languageId: 'python', config: { ignorePatterns: ['^dapi'] } }).map((f) => f.ruleId), ['generic-password']);
    assert.deepEqual(detect(line, { languageId: 'python', config: { disabledRules: ['generic-password'] } }).map((f) => f.ruleId), ['databricks-pat']);
    assert.equal(detect(line, { fileName: 'test/fixtures/x.py', config: { ignorePaths: ['test/fixtures/**'] } }).length, 0);
  });

  it('lookups, placeholders, templates, identifier names and sequences are not reported', () => {
    const text = [
      'password = os.environ["DB_PASSWORD"]',
      'token = dbutils.secrets.get(scope="s", key="token")',
      'password = getpass("Password: ")',
      'api_key = "<your-api-key>"',
      'password = "${DB_PASSWORD}"',
      'token = f"{a}{b}"',
      'token_url = "https://login.example.net/oauth2/token"',
      'max_tokens = "4096"',
      'client_id = "6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"',
      'secret = "abcdefghijklmnop"',
      'password = "aaaaaaaaaaaa"',
      '# e.g. password = "Zq9!rT4#kL2m"',
    ].join('\n');
    assert.deepEqual(detect(text, { languageId: 'python' }).map((f) => `${f.range.start.line}:${f.ruleId}`), []);
  });

  it('parseConfig names the field and the rule of a bad value', () => {
    assert.throws(() => parseConfig({ scope: 'bad scope!' }), /scope: a scope name is 1-128 characters/);
    assert.throws(() => parseConfig({ ignorePatterns: ['('] }), /ignorePatterns\.0: must be a valid JavaScript regular expression/);
    assert.throws(() => parseConfig({ colour: 'red' }), /colour: unknown field/);
    assert.throws(() => parseConfig({ maxFileBytes: -1 }), /maxFileBytes: must be a positive whole number/);
    assert.equal(parseConfig({ scope: 'prod' }).scope, 'prod');
  });
});

describe('maskSecret and DetectionCache', () => {
  it('never shows more than the first 4 characters', () => {
    assert.equal(maskSecret(PAT), `dapi… (${PAT.length} chars)`);
    for (const s of ['', 'a', 'abcd', 'abcdefgh', PW]) {
      const m = maskSecret(s);
      assert.ok(!s || s.length <= 4 || !m.includes(s.slice(0, 5)), m);
    }
  });

  it('rescans only when the version changes', () => {
    const cache = new DetectionCache(2);
    let reads = 0;
    const text = (): string => {
      reads++;
      return `token = "${PAT}"`;
    };
    const opts = { languageId: 'python' };
    const a = cache.get('file:///a.py', 1, text, opts);
    const b = cache.get('file:///a.py', 1, text, opts);
    assert.equal(a, b);
    assert.equal(reads, 1);
    cache.get('file:///a.py', 2, text, opts);
    assert.equal(reads, 2);
  });
});

describe('detect: credential names', () => {
  it('splits names into words, the same however many other names were seen in between (bounded memo)', async () => {
    const { nameWords, classifyName } = await import('../../../src/core/detect/filters');
    assert.deepEqual(nameWords('dbPassword'), ['db', 'password']);
    assert.deepEqual(nameWords('fs.s3a.SECRET_KEY'), ['fs', 's3a', 'secret', 'key']);
    for (let i = 0; i < 10_000; i++) assert.deepEqual(nameWords(`name${i}Token`), [`name${i}`, 'token']);
    assert.deepEqual(nameWords('dbPassword'), ['db', 'password']);
    assert.deepEqual(nameWords('HTTPServerToken'), ['http', 'server', 'token']);
    assert.equal(classifyName('dbPassword'), 'password');
    assert.equal(classifyName('token_url'), undefined);
  });
});

describe('detect: defects found by review (issue 16)', () => {
  const rules = (text: string, options: Parameters<typeof detect>[1]): string[] => detect(text, options).map((f) => `${f.range.start.line}:${f.ruleId}:${f.secret.length}`);

  it('an Azure SQL JDBC URL with user=name@server and no password is not a password in a URL', () => {
    const line = 'url = "jdbc:sqlserver://contoso-sql.database.windows.net:1433;database=salesdb;user=etl.svc@contoso.com;authentication=ActiveDirectoryMSI;encrypt=true"';
    assert.deepEqual(rules(line, { languageId: 'python' }), []);
    assert.deepEqual(rules(line.replace('authentication=ActiveDirectoryMSI', `password=${PW}`), { languageId: 'python' }), [`0:jdbc-password:${PW.length}`]);
    assert.deepEqual(rules(`u = "postgresql://etl:${PW}@pg1:5432/db"`, { languageId: 'python' }), [`0:url-password:${PW.length}`], 'a URL password is still found');
  });

  it('a .ipynb cell whose first line is a %sql / %%sql / %env magic: the rest of the line is scanned', () => {
    const nb = (...sources: string[]): string => JSON.stringify({ cells: sources.map((s) => ({ cell_type: 'code', metadata: {}, source: s.split(/(?<=\n)/) })), metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const cases: Array<[string, string]> = [
      ['%%sql mysql+pymysql://root:Vb4nM8qW2zRt@mysql-prod:3306/shop\nSELECT 1', 'url-password'],
      ["%sql CREATE USER etl IDENTIFIED BY 'Vb4nM8qW2zRt'", 'generic-password'],
      ['%env DB_PASSWORD=Kp9xQ2mZ7wLs', 'generic-password'],
      ['import os\n%env DB_PASSWORD=Kp9xQ2mZ7wLs', 'generic-password'],
    ];
    for (const [source, rule] of cases) {
      const text = nb('x = 1', source);
      const found = detect(text, { fileName: 'a.ipynb' });
      assert.deepEqual(found.map((f) => f.ruleId), [rule], source);
      assert.equal(found[0].secret, /Vb4n/.test(source) ? 'Vb4nM8qW2zRt' : 'Kp9xQ2mZ7wLs');
      assert.deepEqual(detectBytes(Buffer.from(text), 'latin1', { fileName: 'a.ipynb' }) ?? found, found, 'the bytes path agrees');
    }
  });

  it("'#' inside an unquoted .env or shell value is part of the value (a comment needs a space before it)", () => {
    assert.deepEqual(rules('DB_PASSWORD=Ab#9xK2mQ7vLp\nSMTP_PASSWORD=Abc123!xyz#S # the relay\n', { fileName: '.env' }), ['0:generic-password:13', '1:generic-password:12']);
    assert.deepEqual(rules('export PGPASSWORD=Zx#4tR8nW2qY\n', { fileName: 'run.sh' }), ['0:generic-password:12']);
    assert.deepEqual(rules('DB_PASSWORD= # set in CI\n', { fileName: '.env' }), []);
  });

  it('an 88-character Azure storage key right after "=" is found', () => {
    for (const [text, options] of [
      [`spark.sql("SET fs.azure.account.key.acct.dfs.core.windows.net=${AZ}")`, { languageId: 'python' }],
      [`u = "https://acct.blob.core.windows.net/c?key=${AZ}"`, { languageId: 'python' }],
      [`STORAGE=${AZ}\n`, { fileName: '.env' }],
    ] as const) {
      assert.deepEqual(detect(text, options).map((f) => [f.ruleId, f.secret]), [['azure-storage-account-key', AZ]], text.slice(0, 40));
    }
  });

  it('names ending in a digit, .databrickscfg and .envrc files, a BOM before the first line, the AWS example secret', () => {
    assert.deepEqual(rules(`password1 = "${PW}"\ntoken2 = "${g.token(32)}"\napiKey2 = "${g.token(32)}"\n`, { fileName: 'a.py' }), [`0:generic-password:${PW.length}`, '1:generic-secret:32', '2:generic-secret:32']);
    assert.deepEqual(rules(`PASSWORD2=${PW}\n`, { fileName: '.env' }), [`0:generic-password:${PW.length}`]);
    assert.deepEqual(rules(`[DEFAULT]\nhost = https://x.cloud.databricks.com\npassword = ${PW}\nazure_client_secret = ${g.token(34)}\n`, { fileName: '/home/u/.databrickscfg' }), [`2:generic-password:${PW.length}`, '3:generic-secret:34']);
    assert.deepEqual(rules(`export DB_PASSWORD=${PW}\n`, { fileName: 'proj/.envrc' }), [`0:generic-password:${PW.length}`]);
    assert.deepEqual(rules(`\uFEFFpassword = "${PW}"\n`, { fileName: 'a.py' }), [`0:generic-password:${PW.length}`]);
    const fromBytes = detectBytes(Buffer.from(`\uFEFFpassword = "${PW}"\n`), 'utf8', { fileName: 'a.py' });
    assert.ok(fromBytes === undefined || fromBytes.length === 1, 'the bytes path finds it too, or leaves the file to detect()');
    assert.deepEqual(rules('aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\naws_access_key_id = "AKIAIOSFODNN7EXAMPLE"\n', { fileName: 'a.py' }), []);
  });
});
