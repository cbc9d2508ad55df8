import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/scan';
import { ConfigError, detect, parseConfig, type Finding } from '../../../src/core/detect';
import { FakeSecrets } from '../../fixtures/detect/fake-secrets';

/** Findings of a Python (or other) snippet as `line:rule:confidence` (1-based lines). */
function found(text: string, fileName = 'x.py'): string[] {
  return detect(text, { fileName }).map((f: Finding) => `${f.range.start.line + 1}:${f.ruleId}:${f.confidence}`);
}

const ISSUE_SNIPPET = `password = "izayoi"
cfg = {"Password": "hunter2"}
if password == "paranoid":
    pass
connect(user="a", password="psst")
passphrase = "wat? lol no"
secret = "123123123qweqwe"
`;

describe('confidence levels and the plain-password sites (issue 14)', () => {
  it("the issue's six-line snippet yields six findings, one per credential line, all low", () => {
    const fs = detect(ISSUE_SNIPPET, { fileName: 'x.py' });
    assert.deepEqual(
      fs.map((f) => [f.range.start.line + 1, f.ruleId, f.confidence, f.name, f.context]),
      [
        [1, 'generic-password', 'low', 'password', 'assignment'],
        [2, 'generic-password', 'low', 'Password', 'dict-entry'],
        [3, 'generic-password', 'low', 'password', 'comparison'],
        [5, 'generic-password', 'low', 'password', 'keyword-argument'],
        [6, 'generic-password', 'low', 'passphrase', 'assignment'],
        [7, 'generic-secret', 'low', 'secret', 'assignment'],
      ],
    );
    // Each finding covers the value and nothing else.
    assert.deepEqual(fs.map((f) => f.secret), ['izayoi', 'hunter2', 'paranoid', 'psst', 'wat? lol no', '123123123qweqwe']);
  });

  it('levels: provider tokens and URL passwords high, random values at credential names medium, plain ones low', () => {
    const g = new FakeSecrets(7);
    const text = [`token = "${g.databricksPat()}"`, 'db = "postgresql://scott:tiger@db.internal/prod"', `api_secret = "${g.alnum(32)}"`, `password = "${g.password()}"`, 'password = "izayoi"'].join('\n');
    assert.deepEqual(found(text), ['1:databricks-pat:high', '2:url-password:high', '3:generic-secret:medium', '4:generic-password:medium', '5:generic-password:low']);
  });

  it('comparisons on either side, with ==, ===, != and !==, in Python, R and Scala', () => {
    assert.deepEqual(found('if password == "paranoid":\n    pass\nif "paranoid" == pwd:\n    pass\nok = self.passwd != "pygmalion"\n'), [
      '1:generic-password:low',
      '3:generic-password:low',
      '5:generic-password:low',
    ]);
    assert.deepEqual(found('if (password == "pygmalion") stop("x")\n', 'x.R'), ['1:generic-password:low']);
    assert.deepEqual(found('if (user.password === "pygmalion") ok()\nif (pwd !== "pygmalion") no()\n', 'x.scala'), ['1:generic-password:low', '2:generic-password:low']);
    // The other side is not a credential name: a user name, a prompt title, a key name compared with the word.
    assert.deepEqual(found('if username == "slowdive":\n    pass\nassert self.got_title == "password"\nif k != "password":\n    pass\n'), []);
  });

  it('dict and JSON keys in any case and with separators; passphrase, passwd, pwd, secret, credentials', () => {
    const text = [
      'cfg = {"Password": "izayoi"}',
      'cfg = {"client-secret": "kx9-wq2-pl4"}',
      "cfg = {'PASS': 'izayoi'}",
      'passwd = "izayoi"',
      'pwd = "izayoi"',
      'credentials = "u7:kx9wq2"',
    ].join('\n');
    assert.deepEqual(found(text), ['1:generic-password:low', '2:generic-secret:low', '3:generic-password:low', '4:generic-password:low', '5:generic-password:low', '6:generic-secret:low']);
  });

  it('keyword arguments whose name ends in a credential word, user-then-password calls and set_password', () => {
    const text = [
      'client.connect(host="h", auth_password="pygmalion")',
      'user.change(new_password="pygmalion")',
      'proxy(proxy_pass="pygmalion")',
      'auth = HTTPBasicAuth("alice", "pygmalion")',
      'tc.auth_password("commie", "pygmalion")',
      'smtp.login("alice@example.org", "pygmalion")',
      'user.set_password("pygmalion")',
    ].join('\n');
    assert.deepEqual(found(text).map((s) => s.split(':')[0]), ['1', '2', '3', '4', '5', '6', '7']);
    assert.ok(found(text).every((s) => s.endsWith('generic-password:low')));
  });

  it('basic auth by hand, Basic headers and .netrc text', () => {
    const header = Buffer.from('alice:pygmalion').toString('base64');
    const text = [
      'token = base64.b64encode(b"alice:pygmalion")',
      'val enc = Base64.encodeBase64("alice:pygmalion".getBytes("UTF-8"))',
      `headers = {"Authorization": "Basic ${header}"}`,
      'f.write("machine example.com login alice password pygmalion\\n")',
    ].join('\n');
    assert.deepEqual(found(text), ['1:basic-auth-password:high', '2:basic-auth-password:high', '3:basic-auth-header:high', '4:netrc-password:high']);
    assert.deepEqual(detect(text, { fileName: 'x.py' }).map((f) => f.secret), ['pygmalion', 'pygmalion', header, 'pygmalion']);
    // Placeholders stay out: "user:pass" encoded, a Basic header of username:pass, .netrc filler.
    const fillers = [
      'token = base64.b64encode(b"user:pass")',
      `h = {"Authorization": "Basic ${Buffer.from('username:pass').toString('base64')}"}`,
      'f.write("machine example.com login aaaa password bbbb\\n")',
      'x = "Basic authentication is required"',
    ].join('\n');
    assert.deepEqual(found(fillers), []);
  });

  it('keeps precision: placeholders, the name repeated, filler words, sequences, identifiers, sentences, lookups', () => {
    const text = [
      'password = "password"',
      'password = "changeme"',
      'password = "***"',
      'password = "<your password>"',
      'password = "xxx"',
      'pwd = "pwd"',
      'PGPASS = "pgpass"',
      'Signature = "3ce5b2f2fffac9262b4da9256f8d086b4aaf42eba5f111c21681a65a127b7c2a"',
      'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
      'password = "test_password"',
      'password = "my_pass"',
      'password = "Pass Pass"',
      'password = "admin123"',
      'password = "123456789"',
      'password = "qwerty"',
      'password = "ab"',
      'password = "db_password"',
      'password = "DB_PASSWORD"',
      'password_field = "input#password"',
      'password = "Enter your password please"',
      'password = os.environ["DB_PASSWORD"]',
      'password = f"{prefix}-{suffix}"',
      'password = "/dbfs/creds/pg.txt"',
      'secret = "kerberos"',
      'token = "v1.2.3"',
      'auth = ("user", "pass")',
      'url = "http://user:pass%20pass@host/x"',
    ].join('\n');
    assert.deepEqual(found(text), []);
  });

  it('minConfidence in the configuration drops findings below it; an invalid value is refused by name', () => {
    const text = 'password = "izayoi"\ndb = "postgresql://scott:tiger@db.internal/prod"\n';
    assert.equal(detect(text, { fileName: 'x.py' }).length, 2);
    assert.deepEqual(detect(text, { fileName: 'x.py', config: { minConfidence: 'medium' } }).map((f) => f.ruleId), ['url-password']);
    assert.deepEqual(detect(text, { fileName: 'x.py', config: { minConfidence: 'high' } }).map((f) => f.ruleId), ['url-password']);
    assert.equal(parseConfig({ minConfidence: 'medium' }).minConfidence, 'medium');
    assert.equal(parseConfig({}).minConfidence, 'low');
    assert.throws(() => parseConfig({ minConfidence: 'very' }), (e: unknown) => e instanceof ConfigError && /minConfidence/.test(e.message));
  });
});

describe('databricks-secrets-scan: confidence in the output (issue 14)', () => {
  let dir: string;
  const g = new FakeSecrets(99);
  const PAT = g.databricksPat();
  const PW = g.password();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dbsecrets-conf-'));
    writeFileSync(join(dir, 'a.py'), `password = "izayoi"\ntoken = "${PAT}"\ndb_password = "${PW}"\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run(...argv: string[]): { code: number; out: string; err: string } {
    let out = '';
    let err = '';
    const code = main(argv, (s) => (out += s), (s) => (err += s), dir);
    return { code, out, err };
  }

  it('text output groups findings high, medium, low under titles with counts', () => {
    const r = run('a.py');
    assert.equal(r.code, 1);
    const lines = r.out.split('\n');
    const titles = lines.filter((l) => /confidence/.test(l));
    assert.deepEqual(titles.map((t) => t.split(':')[0]), ['High confidence', 'Medium confidence', 'Low confidence']);
    assert.ok(titles.every((t) => / \(1\)$/.test(t)));
    assert.match(lines[lines.indexOf(titles[0]) + 1], /^a\.py:2:\d+ .*databricks-pat/);
    assert.match(lines[lines.indexOf(titles[1]) + 1], /^a\.py:3:\d+ .*generic-password/);
    assert.match(lines[lines.indexOf(titles[2]) + 1], /^a\.py:1:\d+ .*generic-password/);
    assert.match(r.err, /3 findings in 1 file .*: 1 high, 1 medium, 1 low/);
    assert.ok(!r.out.includes(PAT) && !r.out.includes(PW) && !r.out.includes('izayoi'), 'a secret was printed whole');
  });

  it('--min-confidence hides the levels below it (and says so); a wrong level is a usage error', () => {
    const r = run('--min-confidence', 'medium', 'a.py');
    assert.equal(r.code, 1);
    assert.ok(!/Low confidence/.test(r.out));
    assert.match(r.err, /2 findings .*below medium not shown/);
    const none = run('--min-confidence=high', '--format', 'json', 'a.py');
    assert.deepEqual((JSON.parse(none.out) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId), ['databricks-pat']);
    const bad = run('--min-confidence', 'sure', 'a.py');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--min-confidence must be low, medium or high/);
  });

  it('the flag wins over the config file, whose minConfidence is honoured without it', () => {
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ minConfidence: 'high' }));
    const fromFile = run('--format', 'json', '--config', 'cfg.json', 'a.py');
    assert.deepEqual((JSON.parse(fromFile.out) as { findings: unknown[] }).findings.length, 1);
    const flag = run('--format', 'json', '--config', 'cfg.json', '--min-confidence', 'low', 'a.py');
    assert.deepEqual((JSON.parse(flag.out) as { findings: unknown[] }).findings.length, 3);
  });

  it('JSON carries confidence and its level; SARIF levels are error, warning and note by confidence', () => {
    const json = JSON.parse(run('--format', 'json', 'a.py').out) as { findings: Array<{ startLine: number; confidence: string; level: string }> };
    assert.deepEqual(json.findings.map((f) => [f.startLine, f.confidence, f.level]).sort(), [[1, 'low', 'note'], [2, 'high', 'error'], [3, 'medium', 'warning']]);
    const sarif = JSON.parse(run('--format', 'sarif', 'a.py').out) as { runs: Array<{ results: Array<{ level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }>; properties: { confidence: string } }> }> };
    const results = sarif.runs[0].results.map((x) => [x.locations[0].physicalLocation.region.startLine, x.level, x.properties.confidence]).sort();
    assert.deepEqual(results, [[1, 'note', 'low'], [2, 'error', 'high'], [3, 'warning', 'medium']]);
  });
});
