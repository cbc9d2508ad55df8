/** Data model and fixed rules of the emulated Secrets API, written from the API reference. */

/** Secret key names: alphanumerics, dashes, underscores and periods, 1 to 128 characters. */
export const KEY_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;
/** Scope names: alphanumerics, dashes, underscores, `@` and periods, 1 to 128 characters; unique ignoring case. */
export const SCOPE_NAME_PATTERN = /^[A-Za-z0-9_.@-]{1,128}$/;
/** The key name pattern under its first name. */
export const NAME_PATTERN = KEY_NAME_PATTERN;

/** The form a scope name is compared in: scope names are case-insensitive. */
export function scopeId(name: string): string {
  return name.toLowerCase();
}
/** Largest secret value in bytes (128 KB). */
export const MAX_VALUE_BYTES = 128 * 1024;
/** Most secrets one scope may hold. */
export const MAX_SECRETS_PER_SCOPE = 1000;
/** Default cap on the number of scopes in the workspace. */
export const DEFAULT_MAX_SCOPES = 1000;
/** Group every user belongs to. */
export const USERS_GROUP = 'users';
/** Group the workspace admins belong to. */
export const ADMINS_GROUP = 'admins';

export type Permission = 'READ' | 'WRITE' | 'MANAGE';
export const PERMISSIONS: readonly Permission[] = ['READ', 'WRITE', 'MANAGE'];
export type BackendType = 'DATABRICKS' | 'AZURE_KEYVAULT';

/** Strength of each permission: MANAGE > WRITE > READ. */
export const PERMISSION_RANK: Readonly<Record<Permission, number>> = { READ: 1, WRITE: 2, MANAGE: 3 };

export interface KeyVaultMetadata {
  resource_id: string;
  dns_name: string;
}

/** One stored secret: raw bytes and the time of the last put (ms since epoch). */
export interface SecretRecord {
  value: Buffer;
  lastUpdated: number;
}

/** One scope with its secrets and ACLs (principal -> permission). */
export interface ScopeRecord {
  name: string;
  backendType: BackendType;
  keyVault?: KeyVaultMetadata;
  secrets: Map<string, SecretRecord>;
  acls: Map<string, Permission>;
}

/** The caller of a request: its user name and whether it is a workspace admin. */
export interface Caller {
  user: string;
  admin: boolean;
}

/** True when `value` is one of READ, WRITE, MANAGE. */
export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}
