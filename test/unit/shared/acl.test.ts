import * as assert from 'node:assert/strict';
import {
  applyChanges,
  conflicts,
  diffAcls,
  effectiveChanges,
  planOperations,
  principalKind,
  principalProblem,
  remainingChanges,
  removesLastManage,
  type AclEntry,
} from '../../../src/shared/acl';

const base: AclEntry[] = [
  { principal: 'admin@example.com', permission: 'MANAGE' },
  { principal: 'data-engineers', permission: 'WRITE' },
  { principal: 'analysts', permission: 'READ' },
];

describe('ACL editor model (src/shared/acl)', () => {
  describe('principalKind', () => {
    it('tells users by e-mail, service principals by UUID, and calls the rest groups', () => {
      assert.equal(principalKind('jane.doe@example.com'), 'user');
      assert.equal(principalKind('6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f'), 'service-principal');
      assert.equal(principalKind('6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F'), 'service-principal');
      assert.equal(principalKind('data-engineers'), 'group');
      assert.equal(principalKind('users'), 'group');
      assert.equal(principalKind('not an@email'), 'group');
      assert.equal(principalKind('6f1c2d3e-4a5b-4c6d-8e9f'), 'group');
    });
  });

  describe('principalProblem', () => {
    it('accepts a new principal, including one with markup characters (shown as text)', () => {
      assert.equal(principalProblem('new-group', ['analysts']), undefined);
      assert.equal(principalProblem('<img src=x onerror=alert(1)>'), undefined);
    });
    it('refuses empty, padded, over-long, control-character and already-listed principals', () => {
      assert.match(principalProblem('   ') ?? '', /Enter a user e-mail/);
      assert.match(principalProblem(' analysts') ?? '', /spaces at the start or end/);
      assert.match(principalProblem('a'.repeat(1025)) ?? '', /1025 characters long; the limit is 1024/);
      assert.equal(principalProblem('a'.repeat(1024)), undefined);
      assert.match(principalProblem('two\nlines') ?? '', /control characters/);
      assert.match(principalProblem('analysts', ['analysts']) ?? '', /already has a permission/);
    });
  });

  describe('diffAcls', () => {
    it('lists added, changed and removed principals, sorted, and nothing for equal lists in another order', () => {
      const after: AclEntry[] = [
        { principal: 'admin@example.com', permission: 'MANAGE' },
        { principal: 'data-engineers', permission: 'READ' },
        { principal: 'zeta', permission: 'WRITE' },
      ];
      assert.deepEqual(diffAcls(base, after), [
        { principal: 'analysts', kind: 'removed', from: 'READ' },
        { principal: 'data-engineers', kind: 'changed', from: 'WRITE', to: 'READ' },
        { principal: 'zeta', kind: 'added', to: 'WRITE' },
      ]);
      assert.deepEqual(diffAcls(base, [...base].reverse()), []);
    });
  });

  describe('planOperations (fewest calls)', () => {
    it('makes one put per added or changed principal and one delete per removed one', () => {
      const ops = planOperations(base, [
        { principal: 'data-engineers', permission: 'READ' },
        { principal: 'analysts', permission: null },
        { principal: 'new@example.com', permission: 'WRITE' },
      ]);
      assert.deepEqual(ops, [
        { op: 'delete', principal: 'analysts' },
        { op: 'put', principal: 'data-engineers', permission: 'READ' },
        { op: 'put', principal: 'new@example.com', permission: 'WRITE' },
      ]);
    });

    it('makes no call for a change back to the listed permission or for removing an unlisted principal', () => {
      assert.deepEqual(planOperations(base, [
        { principal: 'analysts', permission: 'WRITE' },
        { principal: 'analysts', permission: 'READ' },
        { principal: 'ghost', permission: null },
      ]), []);
    });

    it('makes one call per principal however often it was staged (the last staging wins)', () => {
      assert.deepEqual(planOperations(base, [
        { principal: 'x', permission: 'READ' },
        { principal: 'x', permission: 'WRITE' },
        { principal: 'x', permission: 'MANAGE' },
      ]), [{ op: 'put', principal: 'x', permission: 'MANAGE' }]);
    });

    it('plans against the fresh listing: skips what someone else already did, redoes what they undid', () => {
      const changes = [
        { principal: 'analysts', permission: 'WRITE' as const },
        { principal: 'data-engineers', permission: null },
      ];
      const current: AclEntry[] = [
        { principal: 'admin@example.com', permission: 'MANAGE' },
        { principal: 'analysts', permission: 'WRITE' }, // someone made the same change
        { principal: 'data-engineers', permission: 'WRITE' },
      ];
      assert.deepEqual(planOperations(current, changes), [{ op: 'delete', principal: 'data-engineers' }]);
    });
  });

  describe('effectiveChanges and applyChanges', () => {
    it('drops no-op stagings and applies the rest', () => {
      const changes = [
        { principal: 'analysts', permission: 'READ' as const },
        { principal: 'zeta', permission: 'READ' as const },
      ];
      assert.deepEqual(effectiveChanges(base, changes), [{ principal: 'zeta', permission: 'READ' }]);
      assert.deepEqual(applyChanges(base, changes).map((e) => e.principal), ['admin@example.com', 'analysts', 'data-engineers', 'zeta']);
    });
  });

  describe('conflicts', () => {
    it('is empty when nothing changed since loading, and shows what changed otherwise, marking staged principals', () => {
      const changes = [{ principal: 'analysts', permission: 'WRITE' as const }];
      assert.deepEqual(conflicts(base, [...base], changes), []);
      const current: AclEntry[] = [
        { principal: 'admin@example.com', permission: 'MANAGE' },
        { principal: 'analysts', permission: 'MANAGE' },
        { principal: 'bob@example.com', permission: 'READ' },
      ];
      assert.deepEqual(conflicts(base, current, changes), [
        { principal: 'analysts', kind: 'changed', from: 'READ', to: 'MANAGE', overlaps: true },
        { principal: 'bob@example.com', kind: 'added', to: 'READ', overlaps: false },
        { principal: 'data-engineers', kind: 'removed', from: 'WRITE', overlaps: false },
      ]);
    });
  });

  describe('remainingChanges (partial failures)', () => {
    it('keeps exactly the changes whose call failed', () => {
      const changes = [
        { principal: 'a', permission: 'READ' as const },
        { principal: 'b', permission: null },
        { principal: 'c', permission: 'WRITE' as const },
      ];
      const left = remainingChanges(changes, [
        { principal: 'a', ok: true },
        { principal: 'b', ok: false, error: 'No permission' },
        { principal: 'c', ok: true },
      ]);
      assert.deepEqual(left, [{ principal: 'b', permission: null }]);
      assert.deepEqual(remainingChanges(changes, changes.map((c) => ({ principal: c.principal, ok: true }))), []);
    });
  });

  describe('removesLastManage', () => {
    it('is true only when the changes leave no MANAGE holder where there was one', () => {
      assert.equal(removesLastManage(base, [{ principal: 'admin@example.com', permission: null }]), true);
      assert.equal(removesLastManage(base, [{ principal: 'admin@example.com', permission: 'READ' }]), true);
      assert.equal(removesLastManage(base, [
        { principal: 'admin@example.com', permission: null },
        { principal: 'analysts', permission: 'MANAGE' },
      ]), false);
      assert.equal(removesLastManage(base, [{ principal: 'analysts', permission: null }]), false);
      assert.equal(removesLastManage([{ principal: 'g', permission: 'READ' }], [{ principal: 'g', permission: null }]), false);
    });
  });
});
