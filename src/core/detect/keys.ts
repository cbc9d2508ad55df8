/** Secret keys accepted by the Databricks Secrets API. */
export const SECRET_KEY_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Turns a variable, argument or config name into a secret key: `DB_PASSWORD` → `db-password`,
 * `self.apiToken` → `api-token`, `fs.azure.account.key.myacct.dfs.core.windows.net` → `myacct-account-key`,
 * `fs.s3a.secret.key` → `s3a-secret-key`. Falls back to `fallback` when nothing usable is left.
 * The result always matches `SECRET_KEY_PATTERN`.
 */
export function suggestKey(name: string | undefined, fallback: string): string {
  const memoKey = `${name ?? ''}\u0000${fallback}`;
  let key = memo.get(memoKey);
  if (key === undefined) {
    key = computeKey(name, fallback);
    if (memo.size > 5000) memo.clear();
    memo.set(memoKey, key);
  }
  return key;
}

const memo = new Map<string, string>();

function computeKey(name: string | undefined, fallback: string): string {
  const fb = normalise(fallback) || 'secret';
  if (!name) return fb;
  name = name.replace(/^spark\.hadoop\./i, '');
  const azure = /^fs\.azure\.account\.key\.([A-Za-z0-9-]+)\./i.exec(name);
  if (azure) return normalise(`${azure[1]}-account-key`) || fb;
  const azureOauth = /^fs\.azure\.account\.oauth2\.client\.secret(?:\.([A-Za-z0-9-]+))?/i.exec(name);
  if (azureOauth) return normalise(azureOauth[1] ? `${azureOauth[1]}-client-secret` : 'client-secret') || fb;
  let n = name.replace(/^(?:spark\.hadoop\.|spark\.)/i, '').replace(/^fs\.(s3a?|gs|adl|azure)\./i, '$1.');
  n = n.replace(/^(?:self|this|cls)\./, '');
  // camelCase → kebab
  n = n.replace(/([a-z0-9])([A-Z])/g, '$1-$2');
  return normalise(n) || fb;
}

function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 128)
    .replace(/-+$/, '');
}
