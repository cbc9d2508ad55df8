import { strict as assert } from 'node:assert';
import {
  MAX_VALUE_BYTES,
  SecretsClient,
  ValidationError,
  validateHost,
  validateKeyName,
  validatePermission,
  validatePrincipal,
  validateScopeName,
  validateSecretValue,
  type Permission,
} from '../../../src/core/api';
import { json, refusal, rejection, startRawServer, testClient, type RawServer } from './helpers';

describe('api validation', () => {
  it('accepts names of 1..128 allowed characters and refuses others, naming field and rule', () => {
    for (const ok of ['a', 'A-z_0.9', 'x'.repeat(128), 'my.scope-1_2']) {
      validateScopeName(ok);
      validateKeyName(ok);
    }
    const empty = refusal(() => validateScopeName(''));
    assert.deepEqual([empty.field, empty.rule], ['scope', 'non-empty']);
    const long = refusal(() => validateKeyName('k'.repeat(129)));
    assert.deepEqual([long.field, long.rule], ['key', 'max-length']);
    assert.match(long.message, /129 characters.*128/);
    for (const bad of ['has space', 'slash/x', 'ümlaut', 'a:b', 'new\nline']) {
      const e = refusal(() => validateScopeName(bad));
      assert.deepEqual([e.field, e.rule], ['scope', 'pattern'], bad);
      assert.match(e.message, /letters, digits/);
    }
  });

  it("allows '@' in scope names (jane.doe@example.com) but not in key names", () => {
    for (const ok of ['jane.doe@example.com', 'ops@team', '@', 'a@b@c']) validateScopeName(ok);
    validateScopeName(`${'x'.repeat(127)}@`);
    assert.equal(refusal(() => validateScopeName(`${'x'.repeat(128)}@`)).rule, 'max-length');
    const key = refusal(() => validateKeyName('user@key'));
    assert.deepEqual([key.field, key.rule], ['key', 'pattern']);
    assert.match(key.message, /'_', '-' and '\.'/);
    const scope = refusal(() => validateScopeName('a b@c'));
    assert.match(scope.message, /'\.' and '@'/);
  });

  it('measures values in bytes (UTF-8 for strings) against 128 KB', () => {
    assert.equal(MAX_VALUE_BYTES, 131072);
    assert.equal(validateSecretValue('x'.repeat(MAX_VALUE_BYTES)).byteLength, MAX_VALUE_BYTES);
    assert.equal(validateSecretValue(new Uint8Array(MAX_VALUE_BYTES)).byteLength, MAX_VALUE_BYTES);
    const over = refusal(() => validateSecretValue(new Uint8Array(MAX_VALUE_BYTES + 1)));
    assert.deepEqual([over.field, over.rule], ['value', 'max-bytes']);
    // 65,537 characters but 131,074 bytes in UTF-8: refused although the string is short.
    const wide = refusal(() => validateSecretValue('é'.repeat(65_537)));
    assert.equal(wide.rule, 'max-bytes');
    assert.match(wide.message, /131074 bytes/);
    assert.ok(!wide.message.includes('é'), 'the message must not contain the value');
    assert.equal(validateSecretValue('é').byteLength, 2);
  });

  it('wants exactly one of string or bytes, and well-formed text', () => {
    for (const bad of [42, null, undefined, { string_value: 'a', bytes_value: 'b' }, ['a']]) {
      const e = refusal(() => validateSecretValue(bad));
      assert.deepEqual([e.field, e.rule], ['value', 'one-of']);
    }
    const lone = refusal(() => validateSecretValue('abc\uD800def'));
    assert.deepEqual([lone.field, lone.rule], ['value', 'valid-unicode']);
    assert.equal(validateSecretValue('emoji 😀').byteLength, 10);
  });

  it('allows only READ, WRITE and MANAGE', () => {
    for (const p of ['READ', 'WRITE', 'MANAGE']) validatePermission(p);
    for (const p of ['read', 'OWNER', '', 3]) {
      const e = refusal(() => validatePermission(p));
      assert.deepEqual([e.field, e.rule], ['permission', 'one-of']);
      assert.match(e.message, /READ, WRITE or MANAGE/);
    }
  });

  it('checks principals', () => {
    validatePrincipal('users');
    validatePrincipal('someone@example.com');
    assert.equal(refusal(() => validatePrincipal('  ')).rule, 'non-empty');
    assert.equal(refusal(() => validatePrincipal('a\nb')).rule, 'no-control-characters');
    assert.equal(refusal(() => validatePrincipal('p'.repeat(1025))).rule, 'max-length');
  });

  it('wants https, or http only for loopback, and returns the origin', () => {
    assert.equal(validateHost('https://adb-1.2.azuredatabricks.net/'), 'https://adb-1.2.azuredatabricks.net');
    assert.equal(validateHost('  https://Example.cloud.databricks.com  '), 'https://example.cloud.databricks.com');
    for (const loop of ['http://127.0.0.1:8787', 'http://127.9.8.7', 'http://localhost:1', 'http://[::1]:9']) {
      assert.equal(validateHost(loop), loop);
    }
    const cases: [unknown, string][] = [
      ['http://example.com', 'https'],
      ['http://10.0.0.1', 'https'],
      ['http://127.0.0.1.evil.com', 'https'],
      ['http://128.0.0.1', 'https'],
      ['ftp://example.com', 'https'],
      ['example.com', 'url'],
      ['https://', 'url'],
      ['', 'non-empty'],
      [undefined, 'non-empty'],
      ['https://example.com/some/path', 'origin-only'],
      ['https://example.com/?o=123', 'origin-only'],
      ['https://example.com/#x', 'origin-only'],
    ];
    for (const [host, rule] of cases) {
      const e = refusal(() => validateHost(host));
      assert.deepEqual([e.field, e.rule], ['host', rule], String(host));
    }
  });

  it('never echoes credentials or a query from the URL', () => {
    const cred = refusal(() => validateHost('https://me:dapiSECRET123@example.com'));
    assert.equal(cred.rule, 'no-credentials');
    assert.ok(!cred.message.includes('dapiSECRET123'));
    const query = refusal(() => validateHost('https://example.com/?token=dapiSECRET123'));
    assert.ok(!query.message.includes('dapiSECRET123'));
    assert.match(query.message, /https:\/\/example\.com/);
  });

  it('refuses bad client options in the constructor', () => {
    const base = { host: 'https://x.cloud.databricks.com', token: async () => 't' };
    assert.equal(refusal(() => new SecretsClient({ ...base, host: 'http://example.com' })).field, 'host');
    assert.equal(refusal(() => new SecretsClient({ ...base, timeoutMs: 0 })).field, 'timeoutMs');
    assert.equal(refusal(() => new SecretsClient({ ...base, deadlineMs: -5 })).field, 'deadlineMs');
    assert.equal(refusal(() => new SecretsClient({ ...base, maxRetries: 1.5 })).field, 'maxRetries');
    assert.equal(refusal(() => new SecretsClient({ ...base, userAgent: 'x\r\ny' })).field, 'userAgent');
    const tokenless = { host: base.host, token: 'dapi123' } as unknown as ConstructorParameters<typeof SecretsClient>[0];
    assert.equal(refusal(() => new SecretsClient(tokenless)).field, 'token');
  });

  describe('refusals send no request', () => {
    let server: RawServer;
    before(async () => {
      server = await startRawServer((_req, res) => json(res, 200, {}));
    });
    after(async () => server.close());

    it('every call refuses bad input before touching the network', async () => {
      const client = testClient(server.url);
      const huge = new Uint8Array(MAX_VALUE_BYTES + 1);
      const attempts: [string, () => Promise<unknown>, string, string][] = [
        ['createScope', () => client.createScope('bad name'), 'scope', 'pattern'],
        ['createScope principal', () => client.createScope('ok', { initialManagePrincipal: '' }), 'initialManagePrincipal', 'non-empty'],
        ['createScope keyVault', () => client.createScope('ok', { keyVault: { resource_id: '', dns_name: 'x' } }), 'keyVault.resource_id', 'non-empty'],
        ['deleteScope', () => client.deleteScope(''), 'scope', 'non-empty'],
        ['putSecret key', () => client.putSecret('ok', 'bad/key', 'v'), 'key', 'pattern'],
        ['putSecret size', () => client.putSecret('ok', 'k', huge), 'value', 'max-bytes'],
        ['putSecret type', () => client.putSecret('ok', 'k', 12 as unknown as string), 'value', 'one-of'],
        ['listSecrets', () => client.listSecrets('x'.repeat(129)), 'scope', 'max-length'],
        ['deleteSecret', () => client.deleteSecret('ok', ''), 'key', 'non-empty'],
        ['getSecret', () => client.getSecret('o k', 'k'), 'scope', 'pattern'],
        ['putAcl', () => client.putAcl('ok', 'users', 'OWNER' as Permission), 'permission', 'one-of'],
        ['getAcl', () => client.getAcl('ok', ''), 'principal', 'non-empty'],
        ['listAcls', () => client.listAcls('a;b'), 'scope', 'pattern'],
        ['deleteAcl', () => client.deleteAcl('ok', 'x\ny'), 'principal', 'no-control-characters'],
        ['deadline', () => client.listScopes({ deadlineMs: 0 }), 'deadlineMs', 'positive'],
      ];
      for (const [name, run, field, rule] of attempts) {
        const err = await rejection(run());
        assert.ok(err instanceof ValidationError, `${name}: ${String(err)}`);
        assert.deepEqual([err.field, err.rule], [field, rule], name);
      }
      const emptyToken = testClient(server.url, '');
      const tokenErr = await rejection(emptyToken.listScopes());
      assert.ok(tokenErr instanceof ValidationError && tokenErr.field === 'token');
      const spaced = testClient(server.url, 'dapi 123\n');
      const spacedErr = await rejection(spaced.listScopes());
      assert.ok(spacedErr instanceof ValidationError && spacedErr.rule === 'printable-ascii');
      assert.ok(!spacedErr.message.includes('dapi 123'));
      assert.equal(server.requests.length, 0, 'no request may reach the server');

      // The counter works: a valid call is seen.
      await client.listSecrets('ok');
      assert.equal(server.requests.length, 1);
      await Promise.all([client.close(), emptyToken.close(), spaced.close()]);
    });
  });
});
