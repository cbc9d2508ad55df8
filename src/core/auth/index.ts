/** Public surface of workspace authentication: config profiles, OAuth M2M and Databricks CLI token sources. */
import type { RefreshingTokenSource } from './types';

export { AUTH_METHODS, isAuthMethod, type AuthMethod, type RefreshingTokenSource } from './types';
export { configFilePath, loadConfigFile, type ConfigFileResult } from './configFile';
export { readProfiles, isAccountHost, type ConfigProfile, type ConfigProfiles, type ProfileCredentials } from './profiles';
export { oauthM2mTokenSource, type OAuthM2mOptions } from './oauthM2m';
export { databricksCliTokenSource, loginCommand, type DatabricksCliOptions } from './databricksCli';

/** The SecretsClient options for a {@link RefreshingTokenSource}: `token`, and `onTokenRejected` for one refresh on 401. */
export function clientAuthOptions(source: RefreshingTokenSource): {
  token: (signal?: AbortSignal) => Promise<string>;
  onTokenRejected: (token: string) => boolean;
} {
  return {
    token: (signal) => source.token(signal),
    onTokenRejected: (token) => source.tokenRejected(token),
  };
}
