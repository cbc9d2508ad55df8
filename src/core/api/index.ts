/** Public surface of the Databricks Secrets API client. */
export { SecretsClient } from './client';
export { ApiError, ValidationError, type ApiErrorKind } from './errors';
export { mapConcurrent } from './concurrency';
export { decodeUtf8, tryDecodeUtf8 } from './encoding';
export {
  validateScopeName,
  validateKeyName,
  validatePrincipal,
  validatePermission,
  validateSecretValue,
  validateHost,
  MAX_VALUE_BYTES,
  NAME_PATTERN,
  KEY_NAME_PATTERN,
  SCOPE_NAME_PATTERN,
  PERMISSIONS,
} from './validate';
export { DEFAULT_RETRY_POLICY } from './retryPolicy';
export { buildUserAgent } from './userAgent';
/** Workspace authentication (config profiles, OAuth M2M, Databricks CLI); in this bundle so it loads lazily too. */
export * as auth from '../auth';
export type {
  TokenProvider,
  ApiLogger,
  SecretsClientOptions,
  CallOptions,
  CreateScopeOptions,
  ScopeBackend,
  Scope,
  SecretMetadata,
  Permission,
  AclItem,
  KeyVaultMetadata,
  RetryPolicy,
} from './types';
