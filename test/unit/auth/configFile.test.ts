import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFilePath, loadConfigFile } from '../../../src/core/auth/configFile';
import { parseIni } from '../../../src/core/auth/ini';
import { readProfiles } from '../../../src/core/auth/profiles';

const PAT = 'dapi0123456789abcdef0123456789abcdef';
const SECRET = 'dose0123456789abcdef0123456789abcdef';

function profile(text: string, name: string) {
  const found = readProfiles(text).profiles.find((p) => p.name === name);
  assert.ok(found, `profile ${name} not found`);
  return found;
}

describe('auth: ~/.databrickscfg', () => {
  describe('INI dialect', () => {
    it('reads sections, keys, both delimiters, comments and blank lines', () => {
      const doc = parseIni([
        '; written by the CLI',
        '[DEFAULT]',
        'host = https://a.cloud.databricks.com',
        '',
        '# a comment',
        '  [dev]  ',
        'host: https://b.cloud.databricks.com',
        'token=' + PAT,
      ].join('\n'));
      assert.deepEqual(doc.problems, []);
      assert.deepEqual(doc.sections.map((s) => [s.name, s.line, Object.fromEntries(s.values)]), [
        ['DEFAULT', 2, { host: 'https://a.cloud.databricks.com' }],
        ['dev', 6, { host: 'https://b.cloud.databricks.com', token: PAT }],
      ]);
    });

    it('skips a UTF-8 BOM and reads CRLF and CR line ends', () => {
      const doc = parseIni('\ufeff[DEFAULT]\r\nhost = https://a.cloud.databricks.com\r\n[x]\rtoken = t\r\n');
      assert.deepEqual(doc.sections.map((s) => s.name), ['DEFAULT', 'x']);
      assert.equal(doc.sections[0].values.get('host'), 'https://a.cloud.databricks.com');
      assert.equal(doc.sections[1].values.get('token'), 't');
      assert.equal(doc.sections[1].line, 3);
    });

    it('strips inline comments and surrounding quotes; backticks keep everything', () => {
      const doc = parseIni('[p]\na = v1 # note\nb = v2;note\nc = "quoted"\nd = `x;y#z`\ne = \'s\'\n');
      assert.deepEqual(Object.fromEntries(doc.sections[0].values), { a: 'v1', b: 'v2', c: 'quoted', d: 'x;y#z', e: 's' });
    });

    it('puts keys before any header into DEFAULT, merges repeated sections, and the last duplicate key wins', () => {
      const doc = parseIni('host = https://x\n[p]\ntoken = 1\n[p]\ntoken = 2\ncluster_id = c\n');
      assert.equal(doc.sections[0].name, 'DEFAULT');
      assert.equal(doc.sections[0].values.get('host'), 'https://x');
      assert.equal(doc.sections.length, 2);
      assert.deepEqual(Object.fromEntries(doc.sections[1].values), { token: '2', cluster_id: 'c' });
    });

    it('keeps dotted section names whole and values as text (no nesting or type coercion)', () => {
      const doc = parseIni('[dev.eu]\ntoken = true\n');
      assert.equal(doc.sections[0].name, 'dev.eu');
      assert.equal(doc.sections[0].values.get('token'), 'true');
    });

    it('reports malformed lines by number without their text, and keeps reading', () => {
      const doc = parseIni(`[ok]\nhost = https://a\n[dev]\n${PAT}\n[broken\ntoken = ${PAT}\n[]\n= x\n[later]\nhost = https://b\n`);
      assert.deepEqual(doc.problems.map((p) => p.line), [4, 5, 7, 8]);
      for (const p of doc.problems) {
        assert.match(p.message, new RegExp(`^line ${p.line}: `));
        assert.ok(!p.message.includes(PAT) && !p.message.includes('broken'), p.message);
      }
      assert.deepEqual(doc.sections.map((s) => s.name), ['ok', 'dev', 'later']);
      assert.deepEqual(doc.sections[1].badLines, [4]);
      assert.equal(doc.sections[2].values.get('host'), 'https://b');
    });
  });

  describe('profiles', () => {
    it('does not inherit [DEFAULT] values, as the Databricks CLI reads the file', () => {
      const text = `[DEFAULT]\nhost = https://a.cloud.databricks.com\ntoken = ${PAT}\n\n[child]\nhost = https://b.cloud.databricks.com\n`;
      const child = profile(text, 'child');
      assert.equal(child.authType, 'databricks-cli');
      assert.deepEqual(child.credentials, { method: 'databricks-cli', host: 'https://b.cloud.databricks.com' });
      const nohost = profile('[DEFAULT]\nhost = https://a.cloud.databricks.com\n[bare]\ntoken = t\n', 'bare');
      assert.equal(nohost.unusable, 'has no host');
    });

    it('classifies pat, oauth-m2m and databricks-cli profiles, explicit or implied', () => {
      const text = [
        '[pat]', 'host = https://a.cloud.databricks.com/', `token = ${PAT}`,
        '[m2m]', 'host = adb-1.2.azuredatabricks.net', 'client_id = id-1', `client_secret = ${SECRET}`,
        '[cli]', 'host = https://c.gcp.databricks.com', 'auth_type = databricks-cli',
        '[explicit-m2m]', 'host = https://d.cloud.databricks.com', 'auth_type = oauth-m2m', 'client_id = x',
      ].join('\n');
      assert.deepEqual(profile(text, 'pat').credentials, { method: 'pat', host: 'https://a.cloud.databricks.com', token: PAT });
      assert.deepEqual(profile(text, 'm2m').credentials,
        { method: 'oauth-m2m', host: 'https://adb-1.2.azuredatabricks.net', clientId: 'id-1', clientSecret: SECRET });
      assert.deepEqual(profile(text, 'cli').credentials, { method: 'databricks-cli', host: 'https://c.gcp.databricks.com' });
      const partial = profile(text, 'explicit-m2m');
      assert.equal(partial.credentials, undefined);
      assert.match(partial.unusable ?? '', /client_secret/);
    });

    it('lists Azure CLI, Google, account-level and broken profiles as unusable with the reason', () => {
      const text = [
        '[az]', 'host = https://adb-1.2.azuredatabricks.net', 'auth_type = azure-cli',
        '[azsp]', 'host = https://adb-1.2.azuredatabricks.net', 'azure_client_id = a', 'azure_client_secret = s', 'azure_tenant_id = t',
        '[gcp]', 'host = https://1.2.gcp.databricks.com', 'google_service_account = sa@p.iam.gserviceaccount.com',
        '[acct]', 'host = https://accounts.cloud.databricks.com', 'account_id = 123', `token = ${PAT}`,
        '[plain]', 'host = http://example.com', `token = ${PAT}`,
        '[broken]', 'host = https://e.cloud.databricks.com', 'token',
      ].join('\n');
      const result = readProfiles(text);
      const reasons = Object.fromEntries(result.profiles.map((p) => [p.name, p.unusable]));
      assert.match(reasons.az ?? '', /Azure CLI/);
      assert.match(reasons.azsp ?? '', /Azure service principal/);
      assert.match(reasons.gcp ?? '', /Google/);
      assert.match(reasons.acct ?? '', /account-level/);
      assert.match(reasons.plain ?? '', /https/);
      assert.equal(reasons.broken, 'line 21 of this profile could not be read');
      for (const p of result.profiles) {
        assert.equal(p.credentials, undefined, p.name);
        assert.ok(!JSON.stringify(p).includes(PAT), `${p.name} leaks the token`);
      }
    });

    it('names keys it ignores, never their values; skips [__settings__] and an empty [DEFAULT]', () => {
      const result = readProfiles(
        `[DEFAULT]\n[__settings__]\ndefault_profile = dev\n[dev]\nhost = https://adb-1.2.azuredatabricks.net\n` +
        `token = ${PAT}\nazure_workspace_resource_id = /subscriptions/s\ncluster_id = 0101\n`);
      assert.equal(result.defaultProfile, 'dev');
      assert.deepEqual(result.profiles.map((p) => p.name), ['dev']);
      assert.deepEqual(result.profiles[0].ignoredKeys, ['azure_workspace_resource_id', 'cluster_id']);
    });
  });

  describe('the file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'dbcfg-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is DATABRICKS_CONFIG_FILE (with ~ expanded) or ~/.databrickscfg', () => {
      assert.equal(configFilePath({ HOME: '/home/u' }), join('/home/u', '.databrickscfg'));
      assert.equal(configFilePath({ HOME: '/home/u', DATABRICKS_CONFIG_FILE: '/etc/db.cfg' }), '/etc/db.cfg');
      assert.equal(configFilePath({ HOME: '/home/u', DATABRICKS_CONFIG_FILE: '~/cfg/x' }), join('/home/u', 'cfg/x'));
    });

    it('reads a real file, BOM and CRLF included', async () => {
      const path = join(dir, 'cfg');
      writeFileSync(path, `\ufeff[DEFAULT]\r\nhost = https://a.cloud.databricks.com\r\ntoken = ${PAT}\r\n`);
      const result = await loadConfigFile(path);
      assert.equal(result.status, 'ok');
      if (result.status !== 'ok') return;
      assert.deepEqual(result.profiles.map((p) => [p.name, p.credentials?.method]), [['DEFAULT', 'pat']]);
    });

    it('says what to do when the file is missing or is a folder, never quoting content', async () => {
      const missing = await loadConfigFile(join(dir, 'nope'));
      assert.equal(missing.status, 'missing');
      assert.match(missing.status === 'missing' ? missing.message : '', /databricks auth login/);
      mkdirSync(join(dir, 'folder'));
      assert.equal((await loadConfigFile(join(dir, 'folder'))).status, 'unreadable');
      const binary = join(dir, 'bin');
      writeFileSync(binary, Buffer.from([0x5b, 0xff, 0xfe, 0x5d]));
      const result = await loadConfigFile(binary);
      assert.equal(result.status, 'unreadable');
    });
  });
});
