import {
  alreadyExists,
  badRequest,
  doesNotExist,
  invalidParameter,
  limitExceeded,
  permissionDenied,
} from './errors';
import {
  ADMINS_GROUP,
  BackendType,
  Caller,
  DEFAULT_MAX_SCOPES,
  KeyVaultMetadata,
  MAX_SECRETS_PER_SCOPE,
  MAX_VALUE_BYTES,
  PERMISSION_RANK,
  Permission,
  ScopeRecord,
  USERS_GROUP,
  scopeId,
} from './model';

/** Settings of a workspace that are configuration rather than stored state. */
export interface WorkspaceSettings {
  /** Scope cap; creating one more answers RESOURCE_LIMIT_EXCEEDED. */
  maxScopes?: number;
  /** `get` answers BAD_REQUEST, as on workspaces that only allow it from notebooks. */
  restrictGet?: boolean;
  /** Creating a Key Vault-backed scope answers INVALID_PARAMETER_VALUE, as Azure Databricks does for any token but a Microsoft Entra ID user token. */
  keyVaultNeedsAad?: boolean;
  /** Group name -> member user names (`users` and `admins` are implicit). */
  groups?: Readonly<Record<string, readonly string[]>>;
  /** Clock for `last_updated_timestamp`. */
  now?: () => number;
}

/** Arguments of scope creation, already validated for shape. */
export interface CreateScopeRequest {
  scope: string;
  initialManagePrincipal?: string;
  backendType: BackendType;
  keyVault?: KeyVaultMetadata;
}

/**
 * The emulated workspace: scopes, secrets and ACLs in memory, with every rule of the Secrets API enforced per call.
 * Methods are synchronous; each either changes state and returns, or throws an EmulatorFault and changes nothing.
 * Scope names are case-insensitive, as in Databricks: `ETL` and `etl` are the same scope, found by either
 * spelling and listed as it was created.
 */
export class Workspace {
  /** Scopes by {@link scopeId} (lower-cased name); each record keeps the name as created. */
  private readonly scopes = new Map<string, ScopeRecord>();
  private readonly maxScopes: number;
  private readonly restrictGet: boolean;
  private readonly keyVaultNeedsAad: boolean;
  private readonly groups: Readonly<Record<string, readonly string[]>>;
  private readonly now: () => number;

  constructor(settings: WorkspaceSettings = {}, initial: Iterable<ScopeRecord> = []) {
    this.maxScopes = settings.maxScopes ?? DEFAULT_MAX_SCOPES;
    this.restrictGet = settings.restrictGet ?? false;
    this.keyVaultNeedsAad = settings.keyVaultNeedsAad ?? false;
    this.groups = settings.groups ?? {};
    this.now = settings.now ?? Date.now;
    for (const scope of initial) this.scopes.set(scopeId(scope.name), scope);
  }

  /** Every scope, sorted by name (read-only view for persistence). */
  allScopes(): ScopeRecord[] {
    return [...this.scopes.values()].sort((a, b) => compare(a.name, b.name));
  }

  /** POST scopes/create. */
  createScope(caller: Caller, request: CreateScopeRequest): void {
    if (this.scopes.has(scopeId(request.scope))) throw alreadyExists(`Scope ${request.scope} already exists!`);
    if (request.initialManagePrincipal !== undefined && request.initialManagePrincipal !== USERS_GROUP) {
      throw invalidParameter(
        `initial_manage_principal must be "${USERS_GROUP}" or left out; "${request.initialManagePrincipal}" is not accepted.`,
      );
    }
    if (this.keyVaultNeedsAad && request.backendType === 'AZURE_KEYVAULT') {
      // What Azure Databricks answers a personal access token (or a service principal's token).
      throw invalidParameter('Scope with Azure KeyVault must have userAADToken defined!');
    }
    if (this.scopes.size >= this.maxScopes) {
      throw limitExceeded(`Workspace has reached the limit of ${this.maxScopes} secret scopes.`);
    }
    const manager = request.initialManagePrincipal ?? caller.user;
    this.scopes.set(scopeId(request.scope), {
      name: request.scope,
      backendType: request.backendType,
      keyVault: request.keyVault,
      secrets: new Map(),
      acls: new Map([[manager, 'MANAGE']]),
    });
  }

  /** GET scopes/list: every scope in the workspace is listed to every user. */
  listScopes(): ScopeRecord[] {
    return this.allScopes();
  }

  /** POST scopes/delete: needs MANAGE. */
  deleteScope(caller: Caller, scope: string): void {
    const record = this.scope(scope);
    this.authorize(caller, record, 'MANAGE');
    this.scopes.delete(scopeId(record.name));
  }

  /** POST put: needs WRITE; overwrites an existing key; Key Vault scopes are read-only. */
  putSecret(caller: Caller, scope: string, key: string, value: Buffer): void {
    const record = this.scope(scope);
    this.authorize(caller, record, 'WRITE');
    rejectKeyVaultWrite(record);
    if (value.length > MAX_VALUE_BYTES) {
      throw invalidParameter(
        `Secret value is ${value.length} bytes; the limit is ${MAX_VALUE_BYTES} bytes (128 KB).`,
      );
    }
    if (!record.secrets.has(key) && record.secrets.size >= MAX_SECRETS_PER_SCOPE) {
      throw limitExceeded(`Scope ${scope} already holds the maximum of ${MAX_SECRETS_PER_SCOPE} secrets.`);
    }
    record.secrets.set(key, { value: Buffer.from(value), lastUpdated: this.now() });
  }

  /** GET list: needs READ; keys with their last update time, sorted by key. */
  listSecrets(caller: Caller, scope: string): { key: string; lastUpdated: number }[] {
    const record = this.scope(scope);
    this.authorize(caller, record, 'READ');
    return [...record.secrets.entries()]
      .sort(([a], [b]) => compare(a, b))
      .map(([key, secret]) => ({ key, lastUpdated: secret.lastUpdated }));
  }

  /** POST delete: needs WRITE; Key Vault scopes are read-only. */
  deleteSecret(caller: Caller, scope: string, key: string): void {
    const record = this.scope(scope);
    this.authorize(caller, record, 'WRITE');
    rejectKeyVaultWrite(record);
    if (!record.secrets.delete(key)) throw doesNotExist(`Secret ${key} does not exist in scope ${scope}.`);
  }

  /** GET get: needs READ; answers BAD_REQUEST when the workspace restricts it. */
  getSecret(caller: Caller, scope: string, key: string): Buffer {
    const record = this.scope(scope);
    this.authorize(caller, record, 'READ');
    if (this.restrictGet) {
      throw badRequest('Reading a secret value through the API is only allowed from a notebook (DBUtils) on this workspace.');
    }
    const secret = record.secrets.get(key);
    if (!secret) throw doesNotExist(`Secret ${key} does not exist in scope ${scope}.`);
    return secret.value;
  }

  /** POST acls/put: needs MANAGE; creates or overwrites the principal's ACL. */
  putAcl(caller: Caller, scope: string, principal: string, permission: Permission): void {
    const record = this.scope(scope);
    this.authorize(caller, record, 'MANAGE');
    record.acls.set(principal, permission);
  }

  /** GET acls/get: needs MANAGE. */
  getAcl(caller: Caller, scope: string, principal: string): Permission {
    const record = this.scope(scope);
    this.authorize(caller, record, 'MANAGE');
    const permission = record.acls.get(principal);
    if (!permission) throw doesNotExist(`No ACL for principal ${principal} on scope ${scope}.`);
    return permission;
  }

  /** GET acls/list: needs MANAGE; sorted by principal. */
  listAcls(caller: Caller, scope: string): { principal: string; permission: Permission }[] {
    const record = this.scope(scope);
    this.authorize(caller, record, 'MANAGE');
    return [...record.acls.entries()]
      .sort(([a], [b]) => compare(a, b))
      .map(([principal, permission]) => ({ principal, permission }));
  }

  /** POST acls/delete: needs MANAGE. */
  deleteAcl(caller: Caller, scope: string, principal: string): void {
    const record = this.scope(scope);
    this.authorize(caller, record, 'MANAGE');
    if (!record.acls.delete(principal)) throw doesNotExist(`No ACL for principal ${principal} on scope ${scope}.`);
  }

  /** The strongest permission the caller has on the scope (admins: MANAGE), or undefined for none. */
  effectivePermission(caller: Caller, record: ScopeRecord): Permission | undefined {
    if (caller.admin) return 'MANAGE';
    let best: Permission | undefined;
    for (const principal of this.principalsOf(caller)) {
      const permission = record.acls.get(principal);
      if (permission && (!best || PERMISSION_RANK[permission] > PERMISSION_RANK[best])) best = permission;
    }
    return best;
  }

  /** The caller's own name plus every group it belongs to. */
  private principalsOf(caller: Caller): string[] {
    const principals = [caller.user, USERS_GROUP];
    if (caller.admin) principals.push(ADMINS_GROUP);
    for (const [group, members] of Object.entries(this.groups)) {
      if (members.includes(caller.user)) principals.push(group);
    }
    return principals;
  }

  private scope(name: string): ScopeRecord {
    const record = this.scopes.get(scopeId(name));
    if (!record) throw doesNotExist(`Scope ${name} does not exist!`);
    return record;
  }

  private authorize(caller: Caller, record: ScopeRecord, needed: Permission): void {
    const has = this.effectivePermission(caller, record);
    if (!has || PERMISSION_RANK[has] < PERMISSION_RANK[needed]) {
      throw permissionDenied(
        `User ${caller.user} does not have ${needed} permission on scope ${record.name}` +
          (has ? ` (has ${has}).` : '.'),
      );
    }
  }
}

function rejectKeyVaultWrite(record: ScopeRecord): void {
  if (record.backendType === 'AZURE_KEYVAULT') {
    throw badRequest(
      `Scope ${record.name} is backed by Azure Key Vault and is read-only through this API; change its secrets in the Key Vault.`,
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
