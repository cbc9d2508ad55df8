import { malformed, invalidParameter } from './errors';
import {
  JsonObject,
  asObject,
  checkName,
  checkPermission,
  checkPrincipal,
  decodeBase64,
  optionalString,
  requiredQuery,
  requiredString,
} from './fields';
import { BackendType, Caller, KeyVaultMetadata } from './model';
import { Workspace } from './workspace';

/** Everything a handler sees of one request. */
export interface RouteContext {
  caller: Caller;
  workspace: Workspace;
  /** Parsed JSON body for POST endpoints (undefined for GET). */
  body: unknown;
  query: URLSearchParams;
}

/** One endpoint: its HTTP method, whether it changes state, and its handler returning the JSON answer. */
export interface Route {
  method: 'GET' | 'POST';
  mutates: boolean;
  handle(ctx: RouteContext): object;
}

/** Path prefix of the Secrets API. */
export const API_PREFIX = '/api/2.0/secrets/';

/** The eleven endpoints, keyed by the path after {@link API_PREFIX}. */
export const ROUTES: Readonly<Record<string, Route>> = {
  'scopes/create': {
    method: 'POST',
    mutates: true,
    handle({ caller, workspace, body }) {
      const b = asObject(body);
      const scope = checkName('scope', requiredString(b, 'scope'));
      // An empty string reads as absent, as clients that always send the field do.
      const initialManagePrincipal = optionalString(b, 'initial_manage_principal') || undefined;
      const { backendType, keyVault } = readBackend(b);
      workspace.createScope(caller, { scope, initialManagePrincipal, backendType, keyVault });
      return {};
    },
  },
  'scopes/list': {
    method: 'GET',
    mutates: false,
    handle({ workspace }) {
      const scopes = workspace.listScopes().map((s) => ({
        name: s.name,
        backend_type: s.backendType,
        ...(s.keyVault ? { keyvault_metadata: { resource_id: s.keyVault.resource_id, dns_name: s.keyVault.dns_name } } : {}),
      }));
      return scopes.length ? { scopes } : {};
    },
  },
  'scopes/delete': {
    method: 'POST',
    mutates: true,
    handle({ caller, workspace, body }) {
      const b = asObject(body);
      workspace.deleteScope(caller, requiredString(b, 'scope'));
      return {};
    },
  },
  put: {
    method: 'POST',
    mutates: true,
    handle({ caller, workspace, body }) {
      const b = asObject(body);
      const scope = requiredString(b, 'scope');
      const key = checkName('key', requiredString(b, 'key'));
      const text = optionalString(b, 'string_value');
      const bytes = optionalString(b, 'bytes_value');
      if (text !== undefined && bytes !== undefined) {
        throw malformed('Give exactly one of string_value and bytes_value, not both.');
      }
      if (text === undefined && bytes === undefined) {
        throw invalidParameter('Missing required field: string_value or bytes_value.');
      }
      const value = text !== undefined ? Buffer.from(text, 'utf8') : decodeBase64('bytes_value', bytes as string);
      workspace.putSecret(caller, scope, key, value);
      return {};
    },
  },
  list: {
    method: 'GET',
    mutates: false,
    handle({ caller, workspace, query }) {
      const secrets = workspace
        .listSecrets(caller, requiredQuery(query, 'scope'))
        .map((s) => ({ key: s.key, last_updated_timestamp: s.lastUpdated }));
      return secrets.length ? { secrets } : {};
    },
  },
  delete: {
    method: 'POST',
    mutates: true,
    handle({ caller, workspace, body }) {
      const b = asObject(body);
      workspace.deleteSecret(caller, requiredString(b, 'scope'), requiredString(b, 'key'));
      return {};
    },
  },
  get: {
    method: 'GET',
    mutates: false,
    handle({ caller, workspace, query }) {
      const scope = requiredQuery(query, 'scope');
      const key = requiredQuery(query, 'key');
      return { key, value: workspace.getSecret(caller, scope, key).toString('base64') };
    },
  },
  'acls/put': {
    method: 'POST',
    mutates: true,
    handle({ caller, workspace, body }) {
      const b = asObject(body);
      const scope = requiredString(b, 'scope');
      const principal = checkPrincipal(requiredString(b, 'principal'));
      const permission = checkPermission(requiredString(b, 'permission'));
      workspace.putAcl(caller, scope, principal, permission);
      return {};
    },
  },
  'acls/get': {
    method: 'GET',
    mutates: false,
    handle({ caller, workspace, query }) {
      const principal = requiredQuery(query, 'principal');
      return { principal, permission: workspace.getAcl(caller, requiredQuery(query, 'scope'), principal) };
    },
  },
  'acls/list': {
    method: 'GET',
    mutates: false,
    handle({ caller, workspace, query }) {
      const items = workspace.listAcls(caller, requiredQuery(query, 'scope'));
      return items.length ? { items } : {};
    },
  },
  'acls/delete': {
    method: 'POST',
    mutates: true,
    handle({ caller, workspace, body }) {
      const b = asObject(body);
      workspace.deleteAcl(caller, requiredString(b, 'scope'), requiredString(b, 'principal'));
      return {};
    },
  },
};

/** Reads scope_backend_type / backend_azure_keyvault of a create request. */
function readBackend(b: JsonObject): { backendType: BackendType; keyVault?: KeyVaultMetadata } {
  const declared = optionalString(b, 'scope_backend_type') || undefined;
  const raw = b.backend_azure_keyvault;
  let keyVault: KeyVaultMetadata | undefined;
  if (raw !== undefined && raw !== null) {
    const kv = typeof raw === 'object' && !Array.isArray(raw) ? (raw as JsonObject) : undefined;
    if (!kv) throw malformed('Field backend_azure_keyvault must be an object with resource_id and dns_name.');
    const resourceId = requiredString(kv, 'resource_id');
    const dnsName = requiredString(kv, 'dns_name');
    if (!resourceId || !dnsName) {
      throw invalidParameter('backend_azure_keyvault needs a non-empty resource_id and dns_name.');
    }
    keyVault = { resource_id: resourceId, dns_name: dnsName };
  }
  if (declared !== undefined && declared !== 'DATABRICKS' && declared !== 'AZURE_KEYVAULT') {
    throw invalidParameter('scope_backend_type must be DATABRICKS or AZURE_KEYVAULT.');
  }
  const backendType: BackendType = declared ?? (keyVault ? 'AZURE_KEYVAULT' : 'DATABRICKS');
  if (backendType === 'AZURE_KEYVAULT' && !keyVault) {
    throw invalidParameter('scope_backend_type AZURE_KEYVAULT needs backend_azure_keyvault with resource_id and dns_name.');
  }
  if (backendType === 'DATABRICKS' && keyVault) {
    throw malformed('backend_azure_keyvault is only allowed with scope_backend_type AZURE_KEYVAULT.');
  }
  return { backendType, keyVault };
}
