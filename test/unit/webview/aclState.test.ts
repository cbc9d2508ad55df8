import * as assert from 'node:assert/strict';
import {
  acceptConflict,
  addDraft,
  initialState,
  onHostMessage,
  restoreState,
  rows,
  stage,
  type ViewState,
} from '../../../src/webview/acl/state';

/** A panel showing `scope` with these ACLs listed. */
function listed(entries: ViewState['loaded'] & object): ViewState {
  let state = onHostMessage(initialState(), { type: 'context', workspaceId: 'env', scope: 's', workspace: 'w', keyVault: false });
  state = onHostMessage(state, { type: 'acls', entries });
  return state;
}

const base = [
  { principal: 'admin@example.com', permission: 'MANAGE' as const },
  { principal: 'analysts', permission: 'READ' as const },
];

describe('ACL webview state (src/webview/acl/state)', () => {
  it('stages a change and shows it in its row; changing back unstages it', () => {
    let state = stage(listed(base), { principal: 'analysts', permission: 'WRITE' });
    assert.deepEqual(state.staged, [{ principal: 'analysts', permission: 'WRITE' }]);
    assert.equal(rows(state).find((r) => r.principal === 'analysts')?.status, 'changed');
    state = stage(state, { principal: 'analysts', permission: 'READ' });
    assert.deepEqual(state.staged, []);
  });

  it('asks before removing or lowering the last MANAGE holder, and stages it once confirmed', () => {
    const state = stage(listed(base), { principal: 'admin@example.com', permission: null });
    assert.deepEqual(state.confirm, { principal: 'admin@example.com', permission: null });
    assert.deepEqual(state.staged, [], 'nothing staged before confirmation');
    const confirmed = stage(state, state.confirm!, true);
    assert.deepEqual(confirmed.staged, [{ principal: 'admin@example.com', permission: null }]);
    assert.equal(confirmed.confirm, null);
    const withOther = stage(stage(listed(base), { principal: 'analysts', permission: 'MANAGE' }), { principal: 'admin@example.com', permission: null });
    assert.equal(withOther.confirm, null, 'no question while another MANAGE holder remains');
  });

  it('refuses an invalid or duplicate principal in the add form, and adds a valid one', () => {
    let state = listed(base);
    state = addDraft({ ...state, draft: { principal: 'analysts', permission: 'WRITE', problem: '' } });
    assert.match(state.draft.problem, /already has a permission/);
    assert.deepEqual(state.staged, []);
    state = addDraft({ ...state, draft: { principal: 'bob@example.com', permission: 'WRITE', problem: '' } });
    assert.deepEqual(state.staged, [{ principal: 'bob@example.com', permission: 'WRITE' }]);
    assert.equal(state.draft.principal, '', 'the field is cleared');
    assert.equal(rows(state).find((r) => r.principal === 'bob@example.com')?.status, 'added');
  });

  it('after a Save keeps only the failed rows staged, with their errors', () => {
    let state = stage(stage(listed(base), { principal: 'analysts', permission: 'WRITE' }), { principal: 'new', permission: 'READ' });
    state = onHostMessage(state, {
      type: 'saved',
      results: [{ principal: 'analysts', ok: true }, { principal: 'new', ok: false, error: 'Invalid principal' }],
      entries: [...base.filter((e) => e.principal !== 'analysts'), { principal: 'analysts', permission: 'WRITE' }],
    });
    assert.deepEqual(state.staged, [{ principal: 'new', permission: 'READ' }]);
    const failed = rows(state).find((r) => r.principal === 'new');
    assert.equal(failed?.status, 'added');
    assert.equal(failed?.result?.error, 'Invalid principal');
    assert.match(state.message, /1 of 2 changes failed/);
  });

  it('shows a conflict and, once accepted, edits on top of the fresh listing', () => {
    let state = stage(listed(base), { principal: 'analysts', permission: 'WRITE' });
    const current = [...base, { principal: 'late', permission: 'READ' as const }];
    state = onHostMessage(state, { type: 'conflict', current });
    assert.deepEqual(state.conflict, current);
    state = acceptConflict(state);
    assert.equal(state.conflict, null);
    assert.deepEqual(state.loaded, current);
    assert.deepEqual(state.staged, [{ principal: 'analysts', permission: 'WRITE' }]);
  });

  it('a refused listing without MANAGE clears the table', () => {
    const state = onHostMessage(listed(base), { type: 'listFailed', noManage: true, message: 'You need MANAGE' });
    assert.equal(state.phase, 'noManage');
    assert.equal(state.loaded, null);
  });

  it('restores kept state only when well formed', () => {
    const kept = stage(listed(base), { principal: 'analysts', permission: 'WRITE' });
    const restored = restoreState(JSON.parse(JSON.stringify(kept)));
    assert.deepEqual(restored.staged, kept.staged);
    assert.equal(restored.scope, 's');
    assert.equal(restoreState({ staged: 'everything' }).scope, '');
    assert.equal(restoreState(undefined).phase, 'starting');
  });
});
