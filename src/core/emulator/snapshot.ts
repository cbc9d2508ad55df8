import { BackendType, KeyVaultMetadata, Permission, SCOPE_NAME_PATTERN, ScopeRecord, isPermission, scopeId } from './model';

/** Format marker written into every data file. */
export const DATA_FORMAT = 'databricks-secrets-emulator';
export const DATA_VERSION = 1;

interface StoredScope {
  name: string;
  backend_type: BackendType;
  keyvault_metadata?: KeyVaultMetadata;
  secrets: { key: string; value: string; last_updated_timestamp: number }[];
  acls: { principal: string; permission: Permission }[];
}

interface StoredFile {
  format: typeof DATA_FORMAT;
  version: typeof DATA_VERSION;
  scopes: StoredScope[];
}

/** Serialises scopes to the data-file JSON (values base64). */
export function toSnapshot(scopes: readonly ScopeRecord[]): string {
  const file: StoredFile = {
    format: DATA_FORMAT,
    version: DATA_VERSION,
    scopes: scopes.map((s) => ({
      name: s.name,
      backend_type: s.backendType,
      ...(s.keyVault ? { keyvault_metadata: { ...s.keyVault } } : {}),
      secrets: [...s.secrets.entries()].map(([key, v]) => ({
        key,
        value: v.value.toString('base64'),
        last_updated_timestamp: v.lastUpdated,
      })),
      acls: [...s.acls.entries()].map(([principal, permission]) => ({ principal, permission })),
    })),
  };
  return JSON.stringify(file);
}

/** Parses a data file written by {@link toSnapshot}; throws an Error naming the problem if it is not one. */
export function fromSnapshot(text: string, source: string): ScopeRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not valid JSON; refusing to start on it (move it away or pick another --data file).`);
  }
  const fail = (what: string): never => {
    throw new Error(`${source} is not a Secrets emulator data file: ${what}.`);
  };
  const file = parsed as Partial<StoredFile> | null;
  if (!file || typeof file !== 'object' || file.format !== DATA_FORMAT) fail(`"format" is not "${DATA_FORMAT}"`);
  if (file!.version !== DATA_VERSION) fail(`unsupported version ${String(file!.version)}`);
  if (!Array.isArray(file!.scopes)) fail('"scopes" is not an array');
  const seen = new Set<string>();
  return file!.scopes!.map((s, i) => {
    if (!s || typeof s.name !== 'string' || !SCOPE_NAME_PATTERN.test(s.name)) fail(`scope #${i} has no valid name`);
    if (seen.has(scopeId(s.name))) fail(`scope ${s.name} appears twice (scope names ignore case)`);
    seen.add(scopeId(s.name));
    if (s.backend_type !== 'DATABRICKS' && s.backend_type !== 'AZURE_KEYVAULT') fail(`scope ${s.name} has a bad backend_type`);
    if (!Array.isArray(s.secrets) || !Array.isArray(s.acls)) fail(`scope ${s.name} lacks secrets or acls arrays`);
    const record: ScopeRecord = {
      name: s.name,
      backendType: s.backend_type,
      keyVault: s.keyvault_metadata ? { ...s.keyvault_metadata } : undefined,
      secrets: new Map(),
      acls: new Map(),
    };
    for (const secret of s.secrets) {
      if (typeof secret?.key !== 'string' || typeof secret.value !== 'string' || typeof secret.last_updated_timestamp !== 'number') {
        fail(`scope ${s.name} has a malformed secret`);
      }
      record.secrets.set(secret.key, { value: Buffer.from(secret.value, 'base64'), lastUpdated: secret.last_updated_timestamp });
    }
    for (const acl of s.acls) {
      if (typeof acl?.principal !== 'string' || !isPermission(acl.permission)) fail(`scope ${s.name} has a malformed ACL`);
      record.acls.set(acl.principal, acl.permission);
    }
    return record;
  });
}
