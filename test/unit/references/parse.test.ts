import * as assert from 'node:assert/strict';
import { closestName, completionContextAt, findReferences, findUsages, notebookCellSources, type SecretReference } from '../../../src/core/references';

/** The scope and key values of every reference in `text` (undefined where the argument is not a literal). */
function pairs(text: string): Array<[string | undefined, string | undefined]> {
  return findReferences(text).map((r) => [r.scope?.value, r.key?.value]);
}

/** The text a reference argument covers (content inside the quotes). */
function content(text: string, ref: SecretReference, arg: 'scope' | 'key'): string {
  const a = ref[arg];
  assert.ok(a, `no ${arg}`);
  return text.slice(a.contentStart, a.contentEnd);
}

/** Splits `te|xt` into the text without the bar and the bar's offset. */
function cursor(marked: string): [string, number] {
  const at = marked.indexOf('|');
  return [marked.slice(0, at) + marked.slice(at + 1), at];
}

describe('secret reference parser', () => {
  it('reads Python keyword and positional calls', () => {
    assert.deepEqual(pairs('x = dbutils.secrets.get(scope="etl-prod", key="db-password")'), [['etl-prod', 'db-password']]);
    assert.deepEqual(pairs("x = dbutils.secrets.get('etl-prod', 'db-password')"), [['etl-prod', 'db-password']]);
    assert.deepEqual(pairs('x = dbutils.secrets.get(key="k", scope="s")'), [['s', 'k']]);
    assert.deepEqual(pairs('b = dbutils.secrets.getBytes(scope="s", key="k")'), [['s', 'k']]);
  });

  it('reads Scala and R spacing and line breaks inside the call', () => {
    assert.deepEqual(pairs('val p = dbutils.secrets.get(scope = "s", key = "k")'), [['s', 'k']]);
    assert.deepEqual(pairs('p <- dbutils.secrets.get(scope = "ops@team", key = "api-token")'), [['ops@team', 'api-token']]);
    assert.deepEqual(pairs('p = dbutils . secrets . get(\n    scope="s",\n    key="k",\n)'), [['s', 'k']]);
  });

  it('reads SQL secret() in any case, and not other functions ending in secret', () => {
    assert.deepEqual(pairs("SELECT secret('s', 'k'), SECRET(\"s2\", \"k2\")"), [['s', 'k'], ['s2', 'k2']]);
    assert.deepEqual(pairs("get_secret('a', 'b'); x.secret('c', 'd'); secret(col, 'e')"), []);
  });

  it('reads Spark configuration references', () => {
    const text = 'spark.hadoop.fs.azure.account.key {{secrets/data-platform/storage-key}}';
    const [ref] = findReferences(text);
    assert.ok(ref);
    assert.equal(ref.form, 'sparkconf');
    assert.deepEqual([ref.scope?.value, ref.key?.value, ref.complete], ['data-platform', 'storage-key', true]);
    assert.equal(content(text, ref, 'key'), 'storage-key');
  });

  it('gives no value to arguments that are not plain literals, so nothing unknown is reported', () => {
    assert.deepEqual(pairs('dbutils.secrets.get(scope=SCOPE, key=f"{env}-password")'), [[undefined, undefined]]);
    assert.deepEqual(pairs('dbutils.secrets.get(scope="s" + env, key=keys["db"])'), [[undefined, undefined]]);
    assert.deepEqual(pairs('dbutils.secrets.get(scope="s\\n", key=get_key("a", "b"))'), [[undefined, undefined]]);
    assert.deepEqual(pairs('dbutils.secrets.get(scope="""s""", key="k")'), [[undefined, 'k']]);
  });

  it('places argument ranges on the literal content', () => {
    const text = 'pw = dbutils.secrets.get( scope = "etl" ,key="db")';
    const [ref] = findReferences(text);
    assert.ok(ref);
    assert.equal(content(text, ref, 'scope'), 'etl');
    assert.equal(content(text, ref, 'key'), 'db');
    assert.equal(text.slice(ref.start, ref.end), 'dbutils.secrets.get( scope = "etl" ,key="db")');
    assert.equal(ref.complete, true);
  });

  it('tolerates unfinished calls and never throws on odd text', () => {
    const [ref] = findReferences('x = dbutils.secrets.get(scope="da');
    assert.ok(ref);
    assert.deepEqual([ref.scope?.value, ref.scope?.closed, ref.complete], ['da', false, false]);
    // What follows an unterminated string on later lines is other code, not the call's key.
    assert.deepEqual(pairs('x = dbutils.secrets.get(scope="da\nprint("x", key="y")'), [['da', undefined]]);
    for (const odd of ['dbutils.secrets.get(', 'secret(', '{{secrets/', 'dbutils.secrets.get(scope=', 'dbutils.secrets.get(((("', '']) {
      assert.doesNotThrow(() => findReferences(odd));
    }
  });

  it('finds several references in order', () => {
    const text = 'a = dbutils.secrets.get("s1", "k1")\nspark.conf.set("x", "{{secrets/s2/k2}}")\nq = "secret(\'s3\', \'k3\')"';
    assert.deepEqual(pairs(text), [['s1', 'k1'], ['s2', 'k2'], ['s3', 'k3']]);
  });
});

describe('completion context', () => {
  it('is the scope inside the scope literal, with what is typed so far', () => {
    const [text, at] = cursor('x = dbutils.secrets.get(scope="da|');
    assert.deepEqual(completionContextAt(text, at), {
      form: 'dbutils',
      argument: 'scope',
      prefix: 'da',
      replaceStart: text.indexOf('"') + 1,
      replaceEnd: at,
      scope: undefined,
    });
  });

  it('is the key, with the scope value, inside the key literal (positional and keyword)', () => {
    const [text, at] = cursor('x = dbutils.secrets.get(scope="etl", key="db-|pass")');
    const ctx = completionContextAt(text, at);
    assert.equal(ctx?.argument, 'key');
    assert.equal(ctx?.scope, 'etl');
    assert.equal(ctx?.prefix, 'db-');
    assert.equal(text.slice(ctx?.replaceStart, ctx?.replaceEnd), 'db-pass');
    const [text2, at2] = cursor("x = dbutils.secrets.get('etl', '|");
    assert.deepEqual([completionContextAt(text2, at2)?.argument, completionContextAt(text2, at2)?.scope], ['key', 'etl']);
  });

  it('works for SQL and Spark configuration', () => {
    const [sql, atSql] = cursor("SELECT secret('etl', 'p|')");
    assert.deepEqual([completionContextAt(sql, atSql)?.argument, completionContextAt(sql, atSql)?.scope], ['key', 'etl']);
    const [conf, atConf] = cursor('spark.x {{secrets/etl/|');
    assert.deepEqual([completionContextAt(conf, atConf)?.argument, completionContextAt(conf, atConf)?.scope], ['key', 'etl']);
  });

  it('is undefined outside literals and outside references', () => {
    const [a, atA] = cursor('x = dbutils.secrets.get(scope=|');
    assert.equal(completionContextAt(a, atA), undefined);
    const [b, atB] = cursor('x = "da|"');
    assert.equal(completionContextAt(b, atB), undefined);
    const [c, atC] = cursor('x = dbutils.secrets.get(scope="s", key="k") + "|"');
    assert.equal(completionContextAt(c, atC), undefined);
  });
});

describe('closest name ("Did you mean")', () => {
  const known = ['data-platform', 'etl-prod', 'ml-models', 'db-password', 'api'];
  it('ignores case', () => {
    assert.equal(closestName('ETL-PROD', known), 'etl-prod');
    assert.equal(closestName('Ml-Modls', known), 'ml-models');
  });
  it('offers a name one or two edits away, transpositions included', () => {
    assert.equal(closestName('etl-prd', known), 'etl-prod');
    assert.equal(closestName('dtaa-platform', known), 'data-platform');
    assert.equal(closestName('db-pasword', known), 'db-password');
    assert.equal(closestName('pai', known), 'api'); // a swap is one edit; a short name allows only one
  });
  it('offers nothing when no name is close, and allows only one edit for short names', () => {
    assert.equal(closestName('warehouse', known), undefined);
    assert.equal(closestName('apx', known), 'api');
    assert.equal(closestName('axx', known), undefined);
    assert.equal(closestName('ml-modelsxyz', known), undefined);
  });
});

describe('usages', () => {
  const text = [
    'import os',
    'a = dbutils.secrets.get(scope="ETL-prod", key="db-password")',
    'b = dbutils.secrets.get(scope="etl-prod", key="api-token")',
    'c = dbutils.secrets.get(scope=SCOPE, key="db-password")',
    "  SELECT secret('etl-prod', 'db-password')",
  ].join('\n');

  it('finds a scope in any case, and a key of it exactly, with line, character and preview', () => {
    assert.deepEqual(findUsages(text, 'etl-prod').map((u) => u.line), [1, 2, 4]);
    assert.deepEqual(findUsages(text, 'etl-prod', 'db-password'), [
      { line: 1, character: 4, preview: 'a = dbutils.secrets.get(scope="ETL-prod", key="db-password")' },
      { line: 4, character: 9, preview: "SELECT secret('etl-prod', 'db-password')" },
    ]);
    assert.deepEqual(findUsages(text, 'etl-prod', 'DB-PASSWORD'), []);
  });

  it('reads the cells of a Jupyter notebook (source as lines or one string) and refuses other JSON', () => {
    const notebook = JSON.stringify({ cells: [{ source: ['x = 1\n', 'y = dbutils.secrets.get("s", "k")'] }, { source: 'z' }, {}] });
    assert.deepEqual(notebookCellSources(notebook), ['x = 1\ny = dbutils.secrets.get("s", "k")', 'z', '']);
    assert.equal(notebookCellSources('{"a": 1}'), undefined);
    assert.equal(notebookCellSources('not json'), undefined);
  });
});
