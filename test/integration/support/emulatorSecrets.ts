/** More emulator reads for the secret command tests (admin token, plain fetch, independent of the extension). */
import * as assert from 'node:assert/strict';
import { ADMIN_TOKEN, emulatorUrl } from './emulatorAdmin';

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(`/api/2.0/secrets/${path}`, emulatorUrl()), { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** The stored bytes of a secret, or undefined when it does not exist. */
export async function secretBytes(scope: string, key: string): Promise<Buffer | undefined> {
  const answer = await get<{ value?: string }>(`get?scope=${encodeURIComponent(scope)}&key=${encodeURIComponent(key)}`);
  if (answer.status === 404) return undefined;
  assert.equal(answer.status, 200, `get ${scope}/${key} answered ${answer.status}`);
  return Buffer.from(answer.body.value ?? '', 'base64');
}

/** The stored text of a secret, or undefined when it does not exist. */
export async function secretText(scope: string, key: string): Promise<string | undefined> {
  return (await secretBytes(scope, key))?.toString('utf8');
}

/** The ACLs of a scope. */
export async function listAcls(scope: string): Promise<Array<{ principal: string; permission: string }>> {
  const answer = await get<{ items?: Array<{ principal: string; permission: string }> }>(`acls/list?scope=${encodeURIComponent(scope)}`);
  assert.equal(answer.status, 200);
  return answer.body.items ?? [];
}

/** The backend of a scope as the emulator lists it, or undefined when there is no such scope. */
export async function scopeBackend(scope: string): Promise<string | undefined> {
  const answer = await get<{ scopes?: Array<{ name: string; backend_type: string }> }>('scopes/list');
  return answer.body.scopes?.find((s) => s.name === scope)?.backend_type;
}
