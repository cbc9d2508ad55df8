/**
 * ACLs on the emulator the integration host points at, read and written with the admin token over plain fetch
 * (independent of the extension's client): the truth the ACL panel is checked against.
 */
import { call } from './emulatorAdmin';

export interface AclRow {
  principal: string;
  permission: 'READ' | 'WRITE' | 'MANAGE';
}

/** The scope's ACLs, sorted by principal. */
export async function listAcls(scope: string): Promise<AclRow[]> {
  const body = await call<{ items?: AclRow[] }>('GET', `acls/list?scope=${encodeURIComponent(scope)}`);
  return (body.items ?? []).map(({ principal, permission }) => ({ principal, permission })).sort((a, b) => (a.principal < b.principal ? -1 : 1));
}

export async function putAcl(scope: string, principal: string, permission: AclRow['permission']): Promise<void> {
  await call('POST', 'acls/put', { scope, principal, permission });
}

export async function deleteAcl(scope: string, principal: string): Promise<void> {
  await call('POST', 'acls/delete', { scope, principal });
}
