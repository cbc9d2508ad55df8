import * as assert from 'node:assert/strict';
import { formatForLanguage, secretReference } from '../../../src/host/commands/secretReference';

describe('secret references', () => {
  it('writes each language form', () => {
    assert.equal(secretReference('python', 'etl-prod', 'db.password'), 'dbutils.secrets.get(scope="etl-prod", key="db.password")');
    assert.equal(secretReference('scala', 's', 'k'), 'dbutils.secrets.get(scope = "s", key = "k")');
    assert.equal(secretReference('r', 's', 'k'), 'dbutils.secrets.get(scope = "s", key = "k")');
    assert.equal(secretReference('sql', 's', 'k'), "secret('s', 'k')");
    assert.equal(secretReference('spark', 's', 'k'), '{{secrets/s/k}}');
  });

  it('escapes quotes so a reference stays one string literal', () => {
    assert.equal(secretReference('python', 'a"b', 'k\\'), 'dbutils.secrets.get(scope="a\\"b", key="k\\\\")');
    assert.equal(secretReference('sql', "o'x", 'k'), "secret('o''x', 'k')");
  });

  it('picks the form from the editor language; anything else gets the Spark configuration form', () => {
    assert.equal(formatForLanguage('python'), 'python');
    assert.equal(formatForLanguage('scala'), 'scala');
    assert.equal(formatForLanguage('r'), 'r');
    assert.equal(formatForLanguage('sql'), 'sql');
    for (const other of ['json', 'yaml', 'properties', 'shellscript', 'plaintext']) assert.equal(formatForLanguage(other), 'spark');
  });
});
