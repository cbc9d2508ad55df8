import { strict as assert } from 'node:assert';
import { RunningEmulator, startEmulator } from '../../../src/core/emulator/server';
import { call, ok } from './helpers';

const ADMIN = 'tok-admin';
const ALICE = 'tok-alice';
const BOB = 'tok-bob';
const CAROL = 'tok-carol';

/** Every call a user could make on scope `s` (key `k` exists), with the permission it needs. */
const CALLS: { endpoint: string; needs: 'READ' | 'WRITE' | 'MANAGE'; body?: object; query?: Record<string, string> }[] = [
  { endpoint: 'list', needs: 'READ', query: { scope: 's' } },
  { endpoint: 'get', needs: 'READ', query: { scope: 's', key: 'k' } },
  { endpoint: 'put', needs: 'WRITE', body: { scope: 's', key: 'k2', string_value: 'v' } },
  { endpoint: 'delete', needs: 'WRITE', body: { scope: 's', key: 'k' } },
  { endpoint: 'acls/list', needs: 'MANAGE', query: { scope: 's' } },
  { endpoint: 'acls/get', needs: 'MANAGE', query: { scope: 's', principal: 'admin@example.com' } },
  { endpoint: 'acls/put', needs: 'MANAGE', body: { scope: 's', principal: 'x', permission: 'READ' } },
  { endpoint: 'acls/delete', needs: 'MANAGE', body: { scope: 's', principal: 'admin@example.com' } },
  { endpoint: 'scopes/delete', needs: 'MANAGE', body: { scope: 's' } },
];
const RANK = { NONE: 0, READ: 1, WRITE: 2, MANAGE: 3 } as const;

describe('emulator: principals and permissions', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulator({
      tokens: { [ADMIN]: 'admin@example.com', [ALICE]: 'alice@example.com', [BOB]: 'bob@example.com', [CAROL]: 'carol@example.com' },
      admins: ['admin@example.com'],
      groups: { 'data-engineers': ['bob@example.com'] },
    });
  });
  afterEach(() => emu.close());

  async function freshScope(acl?: { principal: string; permission: string }): Promise<void> {
    await call(emu.url, 'scopes/delete', { token: ADMIN, body: { scope: 's' } });
    await ok(emu.url, 'scopes/create', { token: ADMIN, body: { scope: 's' } });
    await ok(emu.url, 'put', { token: ADMIN, body: { scope: 's', key: 'k', string_value: 'v' } });
    if (acl) await ok(emu.url, 'acls/put', { token: ADMIN, body: { scope: 's', ...acl } });
  }

  for (const level of ['NONE', 'READ', 'WRITE', 'MANAGE'] as const) {
    it(`a user with ${level} through their own ACL may call exactly what ${level} allows`, async () => {
      for (const c of CALLS) {
        await freshScope(level === 'NONE' ? undefined : { principal: 'alice@example.com', permission: level });
        const answer = await call(emu.url, c.endpoint, { token: ALICE, body: c.body, query: c.query });
        if (RANK[level] >= RANK[c.needs]) {
          assert.equal(answer.status, 200, `${c.endpoint} with ${level}: ${answer.text}`);
        } else {
          assert.equal(answer.status, 403, `${c.endpoint} with ${level}`);
          assert.equal(answer.json?.error_code, 'PERMISSION_DENIED');
          assert.match(String(answer.json?.message), new RegExp(`${c.needs} permission on scope s`));
        }
      }
    });
  }

  it('a group ACL applies to its members only', async () => {
    await freshScope({ principal: 'data-engineers', permission: 'WRITE' });
    await ok(emu.url, 'put', { token: BOB, body: { scope: 's', key: 'by-bob', string_value: 'v' } });
    assert.equal((await call(emu.url, 'list', { token: ALICE, query: { scope: 's' } })).status, 403);
    assert.equal((await call(emu.url, 'acls/list', { token: BOB, query: { scope: 's' } })).status, 403, 'WRITE is not MANAGE');
  });

  it('the users group covers everyone', async () => {
    await freshScope({ principal: 'users', permission: 'READ' });
    for (const token of [ALICE, BOB, CAROL]) {
      assert.equal((await call(emu.url, 'get', { token, query: { scope: 's', key: 'k' } })).status, 200);
      assert.equal((await call(emu.url, 'put', { token, body: { scope: 's', key: 'x', string_value: 'v' } })).status, 403);
    }
  });

  it('the strongest applicable permission wins (own READ + group MANAGE)', async () => {
    await freshScope({ principal: 'bob@example.com', permission: 'READ' });
    await ok(emu.url, 'acls/put', { token: ADMIN, body: { scope: 's', principal: 'data-engineers', permission: 'MANAGE' } });
    await ok(emu.url, 'acls/list', { token: BOB, query: { scope: 's' } });
  });

  it('admins manage every scope, even with no ACL of their own', async () => {
    await ok(emu.url, 'scopes/create', { token: ALICE, body: { scope: 'alices' } });
    await ok(emu.url, 'acls/delete', { token: ALICE, body: { scope: 'alices', principal: 'alice@example.com' } });
    assert.equal((await call(emu.url, 'list', { token: ALICE, query: { scope: 'alices' } })).status, 403, 'alice gave away her access');
    await ok(emu.url, 'acls/put', { token: ADMIN, body: { scope: 'alices', principal: 'alice@example.com', permission: 'MANAGE' } });
    await ok(emu.url, 'list', { token: ALICE, query: { scope: 'alices' } });
  });

  it('an ACL for the admins group applies to admins', async () => {
    await freshScope();
    await ok(emu.url, 'acls/put', { token: ADMIN, body: { scope: 's', principal: 'admins', permission: 'READ' } });
    const acl = await ok(emu.url, 'acls/get', { token: ADMIN, query: { scope: 's', principal: 'admins' } });
    assert.deepEqual(acl, { principal: 'admins', permission: 'READ' });
  });

  it('the creator gets MANAGE; other users see the scope listed but cannot read it', async () => {
    await ok(emu.url, 'scopes/create', { token: ALICE, body: { scope: 'mine' } });
    assert.deepEqual(await ok(emu.url, 'acls/list', { token: ALICE, query: { scope: 'mine' } }), {
      items: [{ principal: 'alice@example.com', permission: 'MANAGE' }],
    });
    const listed = await ok(emu.url, 'scopes/list', { token: CAROL });
    assert.deepEqual(listed.scopes, [{ name: 'mine', backend_type: 'DATABRICKS' }]);
    assert.equal((await call(emu.url, 'list', { token: CAROL, query: { scope: 'mine' } })).status, 403);
  });

  it('initial_manage_principal "users" gives MANAGE to everyone instead of the creator', async () => {
    await ok(emu.url, 'scopes/create', { token: ALICE, body: { scope: 'open', initial_manage_principal: 'users' } });
    assert.deepEqual(await ok(emu.url, 'acls/list', { token: CAROL, query: { scope: 'open' } }), {
      items: [{ principal: 'users', permission: 'MANAGE' }],
    });
  });

  it('an empty initial_manage_principal reads as absent: the creator gets MANAGE', async () => {
    await ok(emu.url, 'scopes/create', { token: ALICE, body: { scope: 'mine', initial_manage_principal: '' } });
    assert.deepEqual(await ok(emu.url, 'acls/list', { token: ALICE, query: { scope: 'mine' } }), {
      items: [{ principal: 'alice@example.com', permission: 'MANAGE' }],
    });
  });

  it('any other initial_manage_principal is INVALID_PARAMETER_VALUE and creates nothing', async () => {
    const answer = await call(emu.url, 'scopes/create', { token: ALICE, body: { scope: 'x', initial_manage_principal: 'bob@example.com' } });
    assert.equal(answer.status, 400);
    assert.equal(answer.json?.error_code, 'INVALID_PARAMETER_VALUE');
    assert.match(String(answer.json?.message), /initial_manage_principal/);
    assert.deepEqual(await ok(emu.url, 'scopes/list', { token: ALICE }), {});
  });

  it('a denied write changes nothing', async () => {
    await freshScope({ principal: 'alice@example.com', permission: 'READ' });
    await call(emu.url, 'put', { token: ALICE, body: { scope: 's', key: 'k', string_value: 'changed' } });
    const got = await ok(emu.url, 'get', { token: ADMIN, query: { scope: 's', key: 'k' } });
    assert.equal(Buffer.from(String(got.value), 'base64').toString(), 'v');
  });
});
