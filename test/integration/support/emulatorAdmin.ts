/**
 * Talks to the emulator the integration host points at (DBSECRETS_EMULATOR_URL) with the admin token, to set up
 * data and to read the truth the explorer is compared with. Plain fetch, independent of the extension's client.
 */
import * as assert from 'node:assert/strict';

export const ADMIN_TOKEN = 'dapi-local-admin';

/** The emulator URL from the driver. */
export function emulatorUrl(): string {
  const url = process.env.DBSECRETS_EMULATOR_URL;
  assert.ok(url, 'DBSECRETS_EMULATOR_URL is not set: run through npm run test:integration');
  return url;
}

/** One Secrets API call to the emulator with the admin token; fails the test on any answer but 200. */
export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(`/api/2.0/secrets/${path}`, emulatorUrl()), {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** A name unique to this run, valid as a scope or key name. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export async function listScopeNames(): Promise<string[]> {
  const body = await call<{ scopes?: Array<{ name: string }> }>('GET', 'scopes/list');
  return (body.scopes ?? []).map((s) => s.name);
}

export async function listKeys(scope: string): Promise<string[]> {
  const body = await call<{ secrets?: Array<{ key: string }> }>('GET', `list?scope=${encodeURIComponent(scope)}`);
  return (body.secrets ?? []).map((s) => s.key);
}

export async function createScope(scope: string): Promise<void> {
  await call('POST', 'scopes/create', { scope });
}

export async function createKeyVaultScope(scope: string): Promise<void> {
  await call('POST', 'scopes/create', {
    scope,
    scope_backend_type: 'AZURE_KEYVAULT',
    backend_azure_keyvault: {
      resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/it-vault',
      dns_name: 'https://it-vault.vault.azure.net/',
    },
  });
}

export async function putSecret(scope: string, key: string, value: string): Promise<void> {
  await call('POST', 'put', { scope, key, string_value: value });
}

export async function deleteScope(scope: string): Promise<void> {
  await call('POST', 'scopes/delete', { scope });
}
