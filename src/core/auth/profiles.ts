/**
 * Profiles of a Databricks config file, and whether this extension can sign in with each.
 *
 * A profile has exactly the keys it lists: `[DEFAULT]` values are not inherited by other profiles, which is how
 * the Databricks CLI and SDKs read the file (the Go SDK resolves a profile from that section's own keys only).
 * `[__settings__]` is a reserved section (it may name `default_profile`), never a profile.
 */
import { validateHost } from '../api/validate';
import { parseIni, type IniProblem } from './ini';
import type { AuthMethod } from './types';

/** Reserved section written by `databricks auth switch`. */
export const SETTINGS_SECTION = '__settings__';

/** Keys this extension reads from a profile. */
const READ_KEYS = new Set(['host', 'token', 'client_id', 'client_secret', 'auth_type']);

/** Credentials of a usable profile. Secret fields are only set when the file holds them. */
export interface ProfileCredentials {
  method: AuthMethod;
  /** Normalised workspace origin. */
  host: string;
  /** PAT (`pat` only). */
  token?: string;
  /** OAuth client id (`oauth-m2m` only). */
  clientId?: string;
  /** OAuth client secret (`oauth-m2m` only). */
  clientSecret?: string;
}

/** One profile of the file. */
export interface ConfigProfile {
  name: string;
  /** 1-based line of its header (0 for keys before any header). */
  line: number;
  /** The host as written (may be missing or invalid). */
  host?: string;
  /** `auth_type` as written, or what the keys imply (`pat` for `token`, ...). */
  authType: string;
  /** Set when the extension can use this profile. */
  credentials?: ProfileCredentials;
  /** Why the extension cannot use it (one sentence); set exactly when `credentials` is not. */
  unusable?: string;
  /** Names (never values) of keys this extension does not read, like `cluster_id` or `azure_workspace_resource_id`. */
  ignoredKeys: string[];
}

/** The profiles of one config file. */
export interface ConfigProfiles {
  profiles: ConfigProfile[];
  /** Lines that could not be read; messages carry line numbers only. */
  problems: IniProblem[];
  /** `[__settings__] default_profile`, when set. */
  defaultProfile?: string;
}

const UNUSABLE_AUTH: Readonly<Record<string, string>> = {
  'azure-cli': 'signs in through the Azure CLI, which this extension does not support',
  'azure-client-secret': 'uses an Azure service principal secret, which this extension does not support',
  'azure-msi': 'uses an Azure managed identity, which this extension does not support',
  'github-oidc': 'uses GitHub OIDC federation, which this extension does not support',
  'github-oidc-azure': 'uses GitHub OIDC federation, which this extension does not support',
  'google-credentials': 'uses Google credentials, which this extension does not support',
  'google-id': 'uses a Google identity, which this extension does not support',
  basic: 'uses a user name and password (basic auth), which Databricks no longer supports for workspaces',
  'metadata-service': 'uses a metadata service, which this extension does not support',
  'external-browser': 'signs in through a browser, which this extension does not do itself; sign in with ' +
    '`databricks auth login` and use auth_type = databricks-cli',
};

/** True for an account console host (accounts.cloud.databricks.com and the like): no Secrets API there. */
export function isAccountHost(hostname: string): boolean {
  return /^accounts(-dod)?\./i.test(hostname);
}

/** What the keys of a profile imply when `auth_type` is absent, in the order the SDKs try them. */
function impliedAuthType(values: ReadonlyMap<string, string>): string {
  if (values.get('token')) return 'pat';
  if (values.get('username') || values.get('password')) return 'basic';
  if (values.get('client_id') && values.get('client_secret')) return 'oauth-m2m';
  if (values.get('azure_client_secret')) return 'azure-client-secret';
  if (values.get('azure_use_msi')) return 'azure-msi';
  if (values.get('google_credentials')) return 'google-credentials';
  if (values.get('google_service_account')) return 'google-id';
  // Host only: the CLI's sign-in (databricks auth login) is what the SDKs use for such a profile.
  return 'databricks-cli';
}

/** Classifies one section's keys. */
export function classifyProfile(name: string, line: number, values: ReadonlyMap<string, string>, badLines: readonly number[] = []): ConfigProfile {
  const host = values.get('host') || undefined;
  const authType = values.get('auth_type') || impliedAuthType(values);
  const ignoredKeys = [...values.keys()].filter((k) => !READ_KEYS.has(k));
  const profile: ConfigProfile = { name, line, authType, ignoredKeys, ...(host ? { host } : {}) };
  const unusable = (why: string): ConfigProfile => ({ ...profile, unusable: why });

  if (badLines.length) {
    const list = badLines.join(', ');
    return unusable(`line${badLines.length > 1 ? 's' : ''} ${list} of this profile could not be read`);
  }
  if (!host) return unusable('has no host');
  let origin: string;
  try {
    origin = validateHost(/^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `https://${host}`);
  } catch (error) {
    return unusable(`its host cannot be used: ${(error as Error).message}`);
  }
  if (isAccountHost(new URL(origin).hostname)) {
    return unusable('is an account-level host (account console); secrets live in workspaces');
  }
  switch (authType) {
    case 'pat': {
      const token = values.get('token');
      if (!token) return unusable('has auth_type = pat but no token');
      return { ...profile, credentials: { method: 'pat', host: origin, token } };
    }
    case 'oauth-m2m': {
      const clientId = values.get('client_id');
      const clientSecret = values.get('client_secret');
      if (!clientId || !clientSecret) return unusable('has auth_type = oauth-m2m but lacks client_id or client_secret');
      return { ...profile, credentials: { method: 'oauth-m2m', host: origin, clientId, clientSecret } };
    }
    case 'databricks-cli':
      return { ...profile, credentials: { method: 'databricks-cli', host: origin } };
    default:
      return unusable(UNUSABLE_AUTH[authType] ?? `has auth_type = ${authType}, which this extension does not support`);
  }
}

/** Reads every profile of a config file's text. */
export function readProfiles(text: string): ConfigProfiles {
  const doc = parseIni(text);
  const profiles: ConfigProfile[] = [];
  let defaultProfile: string | undefined;
  for (const section of doc.sections) {
    if (section.name === SETTINGS_SECTION) {
      defaultProfile = section.values.get('default_profile') || undefined;
      continue;
    }
    // An empty [DEFAULT] (the CLI always writes the header) is not a profile anyone uses.
    if (section.values.size === 0 && section.badLines.length === 0) continue;
    profiles.push(classifyProfile(section.name, section.line, section.values, section.badLines));
  }
  return { profiles, problems: doc.problems, ...(defaultProfile ? { defaultProfile } : {}) };
}
