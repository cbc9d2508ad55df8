/**
 * ACLs on the emulator the integration host points at, read and written with the admin token over plain fetch
 * (independent of the extension's client): the truth the ACL panel is checked against.
 */
import * as assert from 'node:assert/strict';
import { ADMIN_TOKEN, emulatorUrl } from './emulatorAdmin';

export interface AclRow {
  principal: string;
  permission: 'READ' | 'WRITE' | 'MANAGE';
}

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(`/api/2.0/secrets/${path}`, emulatorUrl()), {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : {};
}

/** The scope's ACLs, sorted by principal. */
export async function listAcls(scope: string): Promise<AclRow[]> {
  const body = (await call('GET', `acls/list?scope=${encodeURIComponent(scope)}`)) as { items?: AclRow[] };
  return (body.items ?? []).map(({ principal, permission }) => ({ principal, permission })).sort((a, b) => (a.principal < b.principal ? -1 : 1));
}

export async function putAcl(scope: string, principal: string, permission: AclRow['permission']): Promise<void> {
  await call('POST', 'acls/put', { scope, principal, permission });
}

export async function deleteAcl(scope: string, principal: string): Promise<void> {
  await call('POST', 'acls/delete', { scope, principal });
}
