import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/scan';
import { RULES } from '../../../src/core/detect';
import { FakeSecrets } from '../../fixtures/detect/fake-secrets';

const g = new FakeSecrets(31);
const PAT = g.databricksPat();
const PW = g.password();
const GH = g.githubPat();

interface Run {
  code: number;
  out: string;
  err: string;
}

function scan(cwd: string, ...argv: string[]): Run {
  let out = '';
  let err = '';
  const code = main(argv, (s) => (out += s), (s) => (err += s), cwd);
  return { code, out, err };
}

/** Asserts that no secret appears whole anywhere in the output. */
function assertMasked(r: Run): void {
  for (const s of [PAT, PW, GH]) {
    assert.ok(!r.out.includes(s) && !r.err.includes(s), 'a secret was printed whole');
    assert.ok(!r.out.includes(s.slice(0, 6)), 'more than 4 characters of a secret were printed');
  }
}

describe('databricks-secrets-scan (CLI)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dbsecrets-cli-'));
    mkdirSync(join(dir, 'notebooks'));
    mkdirSync(join(dir, 'build'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'notebooks', 'etl.py'), `# Databricks notebook source\nimport os\ntoken = "${PAT}"\n`);
    writeFileSync(join(dir, 'notebooks', 'clean.py'), 'x = os.environ["TOKEN"]\n');
    writeFileSync(join(dir, '.env'), `GITHUB_TOKEN=${GH}\n`);
    writeFileSync(join(dir, '.gitignore'), 'build/\n*.log\n!keep.log\n');
    writeFileSync(join(dir, 'build', 'out.py'), `password = "${PW}"\n`);
    writeFileSync(join(dir, 'debug.log'), `password = "${PW}"\n`);
    writeFileSync(join(dir, 'keep.log'), `db_password = "${PW}"\n`);
    writeFileSync(join(dir, '.git', 'config'), `token = "${PAT}"\n`);
    writeFileSync(join(dir, 'image.bin'), Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`token = "${PAT}"`)]));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('walks directories honouring .gitignore (with negation), skipping .git and binaries, scanning hidden files', () => {
    const r = scan(dir, '--format', 'json', '.');
    assert.equal(r.code, 1);
    const json = JSON.parse(r.out) as { findings: Array<{ path: string; ruleId: string; startLine: number; startColumn: number; secretPreview: string }> };
    assert.deepEqual(json.findings.map((f) => `${f.path}:${f.ruleId}`).sort(), ['.env:github-token', 'keep.log:generic-password', 'notebooks/etl.py:databricks-pat']);
    const pat = json.findings.find((f) => f.ruleId === 'databricks-pat')!;
    assert.deepEqual([pat.startLine, pat.startColumn], [3, 10]);
    assert.equal(pat.secretPreview, `dapi… (${PAT.length} chars)`);
    assertMasked(r);
  });

  it('scans a directory named on the command line even when the repository ignores it', () => {
    const r = scan(dir, '--format', 'json', 'build');
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(r.out) as { findings: Array<{ path: string; ruleId: string }> };
    assert.deepEqual(json.findings.map((f) => `${f.path}:${f.ruleId}`), ['build/out.py:generic-password']);
    writeFileSync(join(dir, 'build', '.gitignore'), '*.py\n');
    assert.equal(scan(dir, 'build').code, 0, "the named directory's own .gitignore still applies");
  });

  it('exit 0 when nothing is found; --exclude and the size limit skip files', () => {
    assert.equal(scan(dir, 'notebooks/clean.py').code, 0);
    const r = scan(dir, '--exclude', 'notebooks/**', '--exclude', '.env', '--exclude', '*.log', '.');
    assert.equal(r.code, 0, r.out);
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ maxFileBytes: 10 }));
    assert.equal(scan(dir, '--config', 'cfg.json', 'notebooks').code, 0);
  });

  it('exit 2 with a message naming the path or the option on usage and read errors', () => {
    const missing = scan(dir, 'nope.py');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read nope\.py: no such file or directory/);
    const both = scan(dir, 'nope.py', 'notebooks');
    assert.equal(both.code, 2, 'a read error wins over findings');
    assert.equal(scan(dir).code, 2);
    assert.match(scan(dir, '--format', 'xml', '.').err, /--format must be text, json or sarif \(got "xml"\)/);
    assert.match(scan(dir, '--bogus', '.').err, /unknown option --bogus/);
    const version = scan(dir, '--version');
    assert.deepEqual([version.code, version.out], [0, `databricks-secrets-scan ${(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version}\n`]);
    writeFileSync(join(dir, 'bad.json'), '{"scope": "no spaces allowed"}');
    const bad = scan(dir, '--config', 'bad.json', '.');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /bad\.json: invalid detector configuration: scope:/);
    assert.match(scan(dir, '--config', 'missing.json', '.').err, /cannot read config file missing\.json/);
    writeFileSync(join(dir, 'broken.json'), '{\n  "ignoreValues": ["Zq9-not-to-be-printed"],\n  "scope" "x"\n}');
    const broken = scan(dir, '--config', 'broken.json', '.');
    assert.equal(broken.code, 2);
    assert.match(broken.err, /config file broken\.json is not valid JSON \(line 3, column 11\)/);
    assert.ok(!broken.err.includes('Zq9'), 'nothing of the file is quoted');
  });

  it('no output format shows more than 4 characters of any secret, with several secrets in one literal', () => {
    const pw = 'Xq7#Lm2@Vb9Kp4Tz';
    writeFileSync(join(dir, 'conn.py'), [
      `url = "jdbc:sqlserver://srv.database.windows.net:1433;database=db;user=etl@srv;password=${pw};encrypt=true"`,
      `remote = "https://etl:${PW}@git.internal/r.git?access_token=${GH}"`,
      'conn = "Driver={ODBC};Server=x;Uid=sa;Pwd=Kx82@Mqz7Lw4;"',
      '',
    ].join('\n'));
    for (const format of ['text', 'json', 'sarif']) {
      const r = scan(dir, '--format', format, 'conn.py');
      assert.equal(r.code, 1, r.err);
      for (const secret of [pw, PW, GH, 'Kx82@Mqz7Lw4']) {
        for (let i = 0; i + 5 <= secret.length; i++) {
          const piece = secret.slice(i, i + 5);
          assert.ok(!r.out.toLowerCase().includes(piece.toLowerCase()) && !r.err.toLowerCase().includes(piece.toLowerCase()), `${format}: "${piece}" of a secret was printed`);
        }
      }
    }
  });

  it('symbolic link loops end: each real folder is walked once and the links not followed are named', () => {
    for (const d of ['a', 'b']) {
      mkdirSync(join(dir, 'loop', d), { recursive: true });
      writeFileSync(join(dir, 'loop', d, 'x.py'), `password = "${PW}"\n`);
      symlinkSync('..', join(dir, 'loop', d, 'up'));
    }
    const r = scan(dir, '--format', 'json', 'loop');
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(r.out) as { findings: Array<{ path: string }>; skipped: Array<{ path: string; reason: string; message: string }>; errors: unknown[] };
    assert.deepEqual(json.findings.map((f) => f.path), ['loop/a/x.py', 'loop/b/x.py']);
    assert.deepEqual(json.errors, []);
    assert.deepEqual(json.skipped.map((x) => `${x.path} ${x.reason}`), ['loop/a/up link-loop', 'loop/b/up link-loop']);
    assert.match(json.skipped[0].message, /already scanned \(loop\)/);
    const text = scan(dir, 'loop');
    assert.match(text.err, /skipped loop\/a\/up: link to a folder already scanned \(loop\)/);
    // A link to a folder walked under its own name is not followed either, and the files are reported once.
    symlinkSync(join(dir, 'notebooks'), join(dir, 'loop', 'nb'));
    const twice = scan(dir, '--format', 'json', 'notebooks', 'loop', 'notebooks/etl.py', './notebooks/etl.py');
    assert.deepEqual((JSON.parse(twice.out) as { findings: Array<{ path: string }> }).findings.map((f) => f.path), ['notebooks/etl.py', 'loop/a/x.py', 'loop/b/x.py']);
  });

  it('a broken symbolic link is a warning, and is not even looked at when ignored or excluded', () => {
    symlinkSync(join(dir, 'gone.py'), join(dir, 'notebooks', 'dangling.py'));
    symlinkSync(join(dir, 'gone.py'), join(dir, 'stale.log'));
    assert.equal(scan(dir, '--exclude', 'notebooks/dangling.py', 'notebooks').code, 1, 'excluded: the scan goes on as if it were not there');
    const ignored = scan(dir, '--exclude', 'notebooks/**', '--exclude', '.env', '.');
    assert.equal(ignored.code, 1);
    assert.ok(!ignored.err.includes('stale.log'), 'a link the .gitignore names is not touched');
    const r = scan(dir, 'notebooks');
    assert.equal(r.code, 1, 'a broken link does not fail the run');
    assert.match(r.err, /skipped notebooks\/dangling\.py: symbolic link to nothing/);
  });

  it('overlapping paths report each file once', () => {
    const r = scan(dir, '--format', 'json', '.', 'notebooks', './notebooks/etl.py', 'notebooks/etl.py');
    const paths = (JSON.parse(r.out) as { findings: Array<{ path: string }> }).findings.map((f) => f.path);
    assert.deepEqual(paths, ['.env', 'keep.log', 'notebooks/etl.py']);
  });

  it('.gitignore as git applies it: a nested repository has its own rules, tracked files are scanned, case matters', () => {
    writeFileSync(join(dir, '.gitignore'), '.env\n*.ipynb\ncaps.py\nvendor/\n');
    mkdirSync(join(dir, 'inner', '.git'), { recursive: true });
    writeFileSync(join(dir, 'inner', '.env'), `DB_PASSWORD=${PW}\n`);
    const findings = (cwd: string, ...paths: string[]): string[] =>
      (JSON.parse(scan(cwd, '--format', 'json', ...paths).out) as { findings: Array<{ path: string }> }).findings.map((f) => f.path).sort();
    assert.deepEqual(findings(dir, 'inner'), ['inner/.env'], "scanning the nested repository: the outer one's rules do not apply");
    assert.ok(findings(dir, '.').includes('inner/.env'), "walking into the nested repository: the outer one's rules do not apply");
    writeFileSync(join(dir, 'CAPS.PY'), `password = "${PW}"\n`);
    writeFileSync(join(dir, 'caps.py'), `password = "${PW}"\n`);
    const caps = findings(dir, '.').filter((p) => /caps/i.test(p));
    assert.deepEqual(caps, process.platform === 'linux' ? ['CAPS.PY'] : [], 'git matches patterns case-sensitively on Linux');
    // A tracked file that a rule matches (the committed .env) is scanned: git tracks it.
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'vendor'), { recursive: true });
    writeFileSync(join(repo, '.env'), `DB_PASSWORD=${PW}\n`);
    writeFileSync(join(repo, 'vendor', 'conn.py'), `password = "${PW}"\n`);
    writeFileSync(join(repo, 'vendor', 'local.py'), `password = "${PW}"\n`);
    const git = (...a: string[]): void => void execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { stdio: 'ignore' });
    git('init', '-q');
    git('add', '.env', 'vendor/conn.py');
    git('commit', '-qm', 'x');
    writeFileSync(join(repo, '.gitignore'), '.env\nvendor/\n');
    assert.deepEqual(findings(repo, '.'), ['.env', 'vendor/conn.py']);
  });

  it('a --config file may start with a BOM; unknown rule ids in disabledRules are refused by name', () => {
    writeFileSync(join(dir, 'bom.json'), '\uFEFF{"disabledRules": ["databricks-pat", "generic-secret"]}');
    const r = scan(dir, '--format', 'json', '--config', 'bom.json', 'notebooks');
    assert.equal(r.code, 0, r.err);
    writeFileSync(join(dir, 'typo.json'), '{"disabledRules": ["databricks-pat", "generic-pasword"]}');
    const typo = scan(dir, '--config', 'typo.json', 'notebooks');
    assert.equal(typo.code, 2);
    assert.match(typo.err, /typo\.json: invalid detector configuration: disabledRules\.1: unknown rule id "generic-pasword" \(known: databricks-pat, /);
  });

  it('SARIF fingerprints stay with their finding when another one is fixed; absolute URIs escape # and ?', () => {
    const pw2 = g.password();
    const fingerprints = (text: string): Map<number, string> => {
      writeFileSync(join(dir, 'two.py'), text);
      const run = JSON.parse(scan(dir, '--format', 'sarif', 'two.py').out).runs[0] as { results: Array<{ partialFingerprints: Record<string, string>; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> };
      return new Map(run.results.map((res) => [res.locations[0].physicalLocation.region.startLine, Object.values(res.partialFingerprints)[0]]));
    };
    const before = fingerprints(`password = "${PW}"\nx = 1\npassword = "${pw2}"\n`);
    const after = fingerprints(`password = "dbutils"\nx = 1\n\npassword = "${pw2}"\n`);
    assert.equal(before.size, 2);
    assert.equal(after.get(4), before.get(3), 'the unfixed finding keeps its fingerprint (the fixed one closes)');
    assert.notEqual(before.get(1), before.get(3));
    const same = fingerprints(`password = "${PW}"\npassword = "${PW}"\n`);
    assert.equal(new Set(same.values()).size, 2, 'equal findings are numbered apart');
    mkdirSync(join(dir, 'odd#dir?x'));
    writeFileSync(join(dir, 'odd#dir?x', 'a.py'), `password = "${PW}"\n`);
    const outside = mkdtempSync(join(tmpdir(), 'dbsecrets-cwd-'));
    try {
      const run = JSON.parse(scan(outside, '--format', 'sarif', join(dir, 'odd#dir?x')).out).runs[0];
      const uri: string = run.results[0].locations[0].physicalLocation.artifactLocation.uri;
      assert.ok(uri.startsWith('file:///') && uri.endsWith('/odd%23dir%3Fx/a.py'), uri);
      assert.equal(new URL(uri).pathname.endsWith('/odd%23dir%3Fx/a.py'), true);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('piped into a reader that stops early (| head -1), the command ends quietly', async function () {
    this.timeout(60000);
    const esbuild = (await import('esbuild')) as typeof import('esbuild');
    const cli = join(dir, 'scan-cli.js');
    await esbuild.build({ entryPoints: [join(__dirname, '..', '..', '..', '..', 'src', 'cli', 'scan.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    for (let i = 0; i < 300; i++) writeFileSync(join(dir, 'notebooks', `f${i}.py`), `password = "${PW}"\n`.repeat(20));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" notebooks | head -1`], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
    assert.ok(!/EPIPE|Error|at /.test(r.stderr), r.stderr.slice(0, 300));
  });

  it('notebooks that are not plain nbformat 4: a BOM and nbformat 3 are read as notebooks; text fallback is said', () => {
    const v4 = JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, source: ['x = 1\n', `password = "${PW}"\n`] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    writeFileSync(join(dir, 'bom.ipynb'), '\uFEFF' + v4);
    const v3 = JSON.stringify({ metadata: { name: 'old' }, nbformat: 3, nbformat_minor: 0, worksheets: [{ cells: [
      { cell_type: 'heading', level: 1, metadata: {}, source: ['Load'] },
      { cell_type: 'code', collapsed: false, input: ['import os\n', `password = "${PW}"`], language: 'python', metadata: {}, outputs: [] },
    ], metadata: {} }] }, null, 1);
    writeFileSync(join(dir, 'old.ipynb'), v3);
    const lines = v4.split('\n');
    const conflict = [...lines.slice(0, 3), '<<<<<<< HEAD', lines[3], '=======', lines[3].replace('x = 1', 'x = 2'), '>>>>>>> branch', ...lines.slice(4)].join('\n');
    writeFileSync(join(dir, 'conflict.ipynb'), conflict);
    const r = scan(dir, '--format', 'json', 'bom.ipynb', 'old.ipynb', 'conflict.ipynb');
    const json = JSON.parse(r.out) as { findings: Array<{ path: string; startLine: number; cell?: { index: number }; secretLength: number }>; warnings: Array<{ path: string; message: string }> };
    assert.deepEqual(json.findings.filter((f) => f.path !== 'conflict.ipynb').map((f) => [f.path, f.cell?.index, f.secretLength]), [['bom.ipynb', 0, PW.length], ['old.ipynb', 1, PW.length]]);
    const old = json.findings[1];
    assert.equal(v3.split('\n')[old.startLine - 1].includes(PW), true, 'the raw position of an nbformat 3 finding');
    assert.deepEqual(json.warnings, [{ path: 'conflict.ipynb', message: 'merge-conflict markers: scanned as text' }]);
    assert.match(scan(dir, 'conflict.ipynb').err, /conflict\.ipynb: merge-conflict markers: scanned as text/);
  });

  it('skipped files are named with the reason; a notebook big from its outputs is scanned; UTF-16 files are decoded', () => {
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ maxFileBytes: 4096 }));
    const png = 'iVBORw0KGgo'.repeat(2000);
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, source: [`token = "${PAT}"`], outputs: [{ output_type: 'display_data', data: { 'image/png': png }, metadata: {} }] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    writeFileSync(join(dir, 'plot.ipynb'), nb);
    writeFileSync(join(dir, 'big.py'), `password = "${PW}"\n` + '#'.repeat(5000));
    const r = scan(dir, '--format', 'json', '--config', 'cfg.json', 'plot.ipynb', 'big.py', 'image.bin');
    const json = JSON.parse(r.out) as { findings: Array<{ path: string }>; skipped: Array<{ path: string; reason: string }> };
    assert.deepEqual(json.findings.map((f) => f.path), ['plot.ipynb'], 'the limit applies to source cells, not outputs');
    assert.deepEqual(json.skipped.map((x) => `${x.path} ${x.reason}`), ['big.py too-large', 'image.bin binary']);
    const text = scan(dir, '--config', 'cfg.json', 'big.py');
    assert.match(text.err, /skipped big\.py: larger than maxFileBytes \(4096 bytes\)/);
    const sarif = JSON.parse(scan(dir, '--format', 'sarif', '--config', 'cfg.json', 'big.py').out);
    assert.match(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /^big\.py: not scanned: larger than maxFileBytes/);
    // UTF-16 with a BOM: SSMS scripts, PowerShell `>` output.
    writeFileSync(join(dir, 'setup.sql'), Buffer.from(`\uFEFFCREATE LOGIN etl WITH PASSWORD = '${PW}';\r\n`, 'utf16le'));
    writeFileSync(join(dir, 'be.env'), Buffer.from(`\uFEFFDB_PASSWORD=${PW}\n`, 'utf16le').swap16());
    const u = JSON.parse(scan(dir, '--format', 'json', 'setup.sql', 'be.env').out) as { findings: Array<{ path: string; startColumn: number; secretLength: number }> };
    assert.deepEqual(u.findings.map((f) => [f.path, f.secretLength]), [['setup.sql', PW.length], ['be.env', PW.length]]);
  });

  it('text output shows path:line:col, the rule and at most 4 characters of the secret', () => {
    const r = scan(dir, 'notebooks');
    assert.equal(r.code, 1);
    assert.match(r.out, /^notebooks\/etl\.py:3:10 {2}critical {2}databricks-pat .*dapi… \(36 chars\) {2}→ key "databricks-token"$/m);
    assert.match(r.err, /1 finding in 1 file \(2 scanned, 0 skipped\)/);
    assertMasked(r);
  });

  it('SARIF 2.1.0 for GitHub code scanning: rules, results, relative URIs and 1-based regions in the raw file', () => {
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, source: ['x = 1\n', `headers = {"Authorization": "Bearer ${PAT}"}`] }], metadata: {} }, null, 1);
    writeFileSync(join(dir, 'notebooks', 'api.ipynb'), nb);
    const r = scan(dir, '--format', 'sarif', '.');
    assert.equal(r.code, 1);
    assertMasked(r);
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'databricks-secrets-scan');
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.deepEqual(ids, RULES.map((x) => x.id));
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text);
      assert.match(rule.properties['security-severity'], /^\d+(\.\d)?$/);
    }
    assert.equal(run.results.length, 4);
    const files: Record<string, string> = {
      'notebooks/etl.py': `# Databricks notebook source\nimport os\ntoken = "${PAT}"\n`,
      'notebooks/api.ipynb': nb,
      '.env': `GITHUB_TOKEN=${GH}\n`,
      'keep.log': `db_password = "${PW}"\n`,
    };
    for (const res of run.results) {
      assert.equal(ids[res.ruleIndex], res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.ok(res.message.text.length > 10);
      const loc = res.locations[0].physicalLocation;
      const uri: string = loc.artifactLocation.uri;
      assert.ok(!uri.startsWith('/') && !uri.includes('\\'), uri);
      const { startLine, startColumn, endLine, endColumn } = loc.region;
      assert.ok(startLine >= 1 && startColumn >= 1 && endLine >= startLine && endColumn > startColumn);
      const line = files[uri].split('\n')[startLine - 1];
      const shown = line.slice(startColumn - 1, endColumn - 1);
      assert.ok([PAT, GH, PW].includes(shown), `${uri}: region covers "${shown.slice(0, 4)}…", not a secret`);
      assert.match(Object.values(res.partialFingerprints)[0] as string, /^[0-9a-f]{32}$/);
    }
  });
});
