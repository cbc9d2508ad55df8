import { strict as assert } from 'node:assert';
import { detect, distinctKeys, replacementFor, suppressionFor } from '../../../src/host/editor/engine';

/** A fake token of the Databricks shape, built at run time. */
const PAT = `dapi${'0123456789abcdef'.repeat(2)}`;

function only(text: string, languageId: string, scope = 'my-scope') {
  const findings = detect(text, { languageId, config: { scope } });
  assert.equal(findings.length, 1, `one finding expected in ${JSON.stringify(text)}, got ${findings.length}`);
  return findings[0];
}

describe('editor engine helpers', () => {
  describe('replacementFor', () => {
    it('rewrites the whole-literal reference with the chosen scope and key (Python, Scala, R, SQL)', () => {
      const cases: Array<[string, string, string]> = [
        ['python', `token = "${PAT}"`, 'dbutils.secrets.get(scope="prod", key="api")'],
        ['scala', `val token = "${PAT}"`, 'dbutils.secrets.get(scope="prod", key="api")'],
        ['r', `token <- "${PAT}"`, 'dbutils.secrets.get(scope="prod", key="api")'],
        ['sql', `SELECT http_request(token => '${PAT}')`, "secret('prod', 'api')"],
      ];
      for (const [languageId, text, expected] of cases) {
        const f = only(text, languageId);
        assert.equal(replacementFor(f, 'my-scope', 'prod', 'api'), expected, languageId);
      }
    });

    it('keeps the rest of a URL byte for byte and replaces only the password', () => {
      const f = only('url = "postgresql://svc:Kx9abcDEF123!@db.example.com:5432/orders?ssl=true"', 'python');
      assert.equal(f.ruleId, 'url-password');
      assert.equal(
        replacementFor(f, 'my-scope', 'prod', 'db-pw'),
        '"postgresql://svc:" + dbutils.secrets.get(scope="prod", key="db-pw") + "@db.example.com:5432/orders?ssl=true"',
      );
    });

    it('uses the configured scope the detector wrote (not a fixed default) to find the reference', () => {
      const f = only(`token = "${PAT}"`, 'python', 'team-scope');
      assert.equal(replacementFor(f, 'team-scope', 's', 'k'), 'dbutils.secrets.get(scope="s", key="k")');
      assert.equal(replacementFor(f, 'other-scope', 's', 'k'), undefined, 'a wrong configured scope must not produce a half-rewritten text');
    });

    it('gives nothing for a finding without a replacement (.env)', () => {
      const f = only(`DATABRICKS_TOKEN=${PAT}`, 'dotenv');
      assert.equal(f.replacement, undefined);
      assert.equal(replacementFor(f, 'my-scope', 's', 'k'), undefined);
    });
  });

  describe('suppressionFor', () => {
    it('uses each language\'s comment at the end of the line', () => {
      assert.deepEqual(suppressionFor('python', 'x = 1'), { placement: 'end-of-line', comment: '# dbsecrets: ignore' });
      assert.deepEqual(suppressionFor('scala', 'val x = 1'), { placement: 'end-of-line', comment: '// dbsecrets: ignore' });
      assert.deepEqual(suppressionFor('sql', 'SELECT 1'), { placement: 'end-of-line', comment: '-- dbsecrets: ignore' });
      assert.deepEqual(suppressionFor('r', 'x <- 1'), { placement: 'end-of-line', comment: '# dbsecrets: ignore' });
      assert.equal(suppressionFor('json', '{"a": 1}'), undefined);
    });

    it('puts ignore-next-line above .env lines and lines continued with a backslash', () => {
      assert.deepEqual(suppressionFor('env', 'TOKEN=abc'), { placement: 'line-above', comment: '# dbsecrets: ignore-next-line' });
      assert.deepEqual(suppressionFor('python', 'x = "a" \\'), { placement: 'line-above', comment: '# dbsecrets: ignore-next-line' });
    });

    it('the inserted comment really silences the detector', () => {
      for (const [languageId, line] of [['python', `token = "${PAT}"`], ['scala', `val token = "${PAT}"`], ['sql', `SELECT http_request(token => '${PAT}')`]] as const) {
        const s = suppressionFor(languageId, line)!;
        assert.equal(detect(`${line} ${s.comment}`, { languageId }).length, 0, languageId);
      }
      const env = suppressionFor('env', `TOKEN=${PAT}`)!;
      assert.equal(detect(`${env.comment}\nTOKEN=${PAT}`, { languageId: 'dotenv' }).length, 0);
    });
  });

  describe('distinctKeys', () => {
    it('numbers a suggestion two different values share, and reuses the key for a repeated value', () => {
      const keys = distinctKeys([
        { suggestedKey: 'db-password', secret: 'a' },
        { suggestedKey: 'db-password', secret: 'b' },
        { suggestedKey: 'token', secret: 'c' },
        { suggestedKey: 'other', secret: 'a' },
        { suggestedKey: 'db-password', secret: 'd' },
      ]);
      assert.deepEqual(keys, ['db-password', 'db-password-2', 'token', 'db-password', 'db-password-3']);
    });
  });
});
