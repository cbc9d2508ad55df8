import * as assert from 'node:assert/strict';
import { HostToWebview, parseMessage, WebviewToHost } from '../../../src/shared/aclProtocol';

describe('ACL panel message protocol (src/shared/aclProtocol)', () => {
  it('accepts each well-formed webview message', () => {
    for (const raw of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'save', loaded: [{ principal: 'g', permission: 'READ' }], changes: [{ principal: 'g', permission: null }], force: false },
    ]) {
      const parsed = parseMessage(WebviewToHost, raw);
      assert.ok(parsed.ok, JSON.stringify(parsed));
    }
  });

  it('rejects unknown types, extra fields, bad permissions and wrong shapes, naming the problem but not the values', () => {
    const bad: unknown[] = [
      null,
      'ready',
      { type: 'delete-everything' },
      { type: 'ready', extra: 1 },
      { type: 'refresh', token: 'dapi-secret' },
      { type: 'save', loaded: [], changes: [{ principal: 'g', permission: 'OWNER' }], force: false },
      { type: 'save', loaded: [], changes: [{ principal: 'g', permission: 'READ', note: 'x' }], force: false },
      { type: 'save', loaded: [], changes: [], force: false },
      { type: 'save', loaded: [], changes: [{ principal: '', permission: 'READ' }], force: false },
      { type: 'save', loaded: [], changes: [{ principal: 'g', permission: 'READ' }] },
      { type: 'save', loaded: 'all', changes: [{ principal: 'g', permission: 'READ' }], force: false },
    ];
    for (const raw of bad) {
      const parsed = parseMessage(WebviewToHost, raw);
      assert.equal(parsed.ok, false, `accepted ${JSON.stringify(raw)}`);
      if (!parsed.ok) assert.doesNotMatch(parsed.problem, /dapi-secret|OWNER/);
    }
  });

  it('checks host messages too (the webview parses them before use)', () => {
    assert.ok(parseMessage(HostToWebview, { type: 'acls', entries: [{ principal: 'g', permission: 'MANAGE' }] }).ok);
    assert.ok(parseMessage(HostToWebview, { type: 'saved', results: [{ principal: 'g', ok: false, error: 'No permission' }] }).ok);
    assert.equal(parseMessage(HostToWebview, { type: 'acls', entries: [{ principal: 'g', permission: 'MANAGE', html: '<b>' }] }).ok, false);
    assert.equal(parseMessage(HostToWebview, { type: 'context', scope: 's', workspace: 'w' }).ok, false);
  });
});
