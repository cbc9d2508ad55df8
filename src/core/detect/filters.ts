import { isRepetitive, isSequence, shannonEntropy } from './entropy';

/** What a credential-named site holds. */
export type NameClass = 'password' | 'secret';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'passwort', 'pass', 'pw', 'pword', 'passcode']);
const SECRET_WORDS = new Set(['secret', 'secrets', 'token', 'apikey', 'credential', 'credentials', 'creds', 'sas', 'accountkey', 'accesskey', 'secretkey', 'privatekey', 'connectionstring', 'connstr', 'pat', 'bearer', 'auth', 'authorization', 'sig']);
/** Words that, followed by `key`, make a credential name (`api_key`, `storage_key`, ...). */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'account', 'storage', 'client', 'auth', 'encryption', 'signing', 'master', 'service',
  'subscription', 'openai', 'anthropic', 'stripe', 'slack', 'github', 'databricks', 'aws', 'azure', 'gcp', 'app', 'consumer',
  'shared', 'sas', 'license', 'admin', 'ssh', 'hmac', 'jwt', 'webhook', 'sendgrid', 'twilio', 'mapbox', 'primary', 'secondary',
  'instrumentation', 'function', 'cosmos', 'search', 'blob', 'adls', 'sp', 'principal',
]);
/** Trailing words that make a name an identifier, a size or a location rather than a secret. */
const IDENTIFIER_TAILS = new Set([
  'id', 'ids', 'name', 'names', 'url', 'uri', 'urls', 'endpoint', 'path', 'file', 'filename', 'dir', 'scope', 'scopes', 'field',
  'type', 'length', 'len', 'size', 'count', 'limit', 'prefix', 'suffix', 'header', 'label', 'env', 'var', 'column', 'col',
  'policy', 'regex', 'pattern', 'format', 'mode', 'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'version', 'provider',
  'method', 'hint', 'description', 'desc', 'placeholder', 'hash', 'hashed', 'salt', 'location', 'host', 'server', 'user',
  'username', 'kind', 'class', 'enabled', 'required', 'valid', 'validation', 'message', 'prompt', 'text', 'title', 'arn',
  'region', 'role', 'scheme', 'store', 'vault', 'manager', 'client', 'service', 'policy', 'rotation', 'reset', 'changed',
  'input', 'widget', 'param', 'key', 'keys', 'index', 'ref', 'reference', 'source', 'lookup', 'template', 'callback', 'list',
  'secrets', 'tokens', 'tokenizer', 'config', 'settings', 'option', 'options', 'properties', 'created', 'updated', 'date',
  'time', 'at', 'version', 'status', 'state', 'level', 'strength', 'flag', 'dict', 'map',
]);
/** Words anywhere in the name that mean it is not a credential value. */
const NON_SECRET_WORDS = new Set(['max', 'min', 'num', 'is', 'has', 'use', 'enable', 'enabled', 'require', 'required', 'show', 'hide', 'forgot', 'reset', 'expected', 'tokens', 'tokenizer', 'tokenize', 'tokenized', 'get', 'fetch', 'read', 'load', 'mask', 'masked', 'redact', 'redacted']);

/** Words of names seen lately: code repeats its names (`password`, `db_password`) far more than it varies them. */
const wordsCache = new Map<string, readonly string[]>();
const WORDS_CACHE_SIZE = 4096;

/** Splits `dbPassword`, `DB_PASSWORD`, `fs.s3a.secret.key` into lower-case words. */
export function nameWords(name: string): readonly string[] {
  let words = wordsCache.get(name);
  if (words === undefined) {
    words = name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 0);
    if (wordsCache.size >= WORDS_CACHE_SIZE) wordsCache.clear();
    wordsCache.set(name, words);
  }
  return words;
}

/**
 * Classifies a variable, argument, dict key or config name: `password` for password-like names, `secret` for
 * token/key/secret-like names, `undefined` for everything else (including identifier-like names such as
 * `token_url`, `key_name`, `secret_scope`, `max_tokens`, `client_id`).
 */
export function classifyName(name: string): NameClass | undefined {
  if (name.length > 160) return undefined;
  // `password1`, `token2`, `apiKey2`: a trailing number does not change what the name holds.
  const words = nameWords(name).map((w) => w.replace(/(?<=[a-z])\d+$/, ''));
  if (words.length === 0) return undefined;
  const last = words[words.length - 1];
  for (const w of words) if (NON_SECRET_WORDS.has(w)) return undefined;
  let cls: NameClass | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (PASSWORD_WORDS.has(w) || /^(?:db|sql|user|admin|root|jdbc|smtp|ftp|proxy|mysql|postgres|pg)pass(?:word)?$/.test(w) || w.endsWith('password')) {
      cls = 'password';
      break;
    }
    if (SECRET_WORDS.has(w) || w.endsWith('token') || w.endsWith('secret') || w.endsWith('apikey')) cls = 'secret';
    if (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])) cls = 'secret';
  }
  if (!cls) return undefined;
  // `password_file`, `token_url`, `secret_scope`, `api_key_name`: the tail decides, except `..._key` after a qualifier.
  if (IDENTIFIER_TAILS.has(last)) {
    const keyAfterQualifier = last === 'key' && words.length > 1 && KEY_QUALIFIERS.has(words[words.length - 2]);
    const tokenOrSecretKey = last === 'key' && words.length > 1 && (words[words.length - 2] === 'secret' || words[words.length - 2] === 'account');
    if (!keyAfterQualifier && !tokenOrSecretKey) return undefined;
  }
  // `fs.azure.account.key.<account>.dfs.core.windows.net`: the tail is the host, the name is still a key.
  return cls;
}

const PLACEHOLDER_PARTS = [
  'your', 'example', 'sample', 'dummy', 'fake', 'placeholder', 'changeme', 'change_me', 'change-me', 'redacted', 'xxxx',
  '****', '....', '…', 'todo', 'fixme', 'replace', '_here', '-here', ' here', 'notreal', 'not_real', 'not-real', 'not_a_',
  'mock', 'lorem', 'foobar', 'insert', 'enter_', 'put_', 'dont_use', 'do-not-use', '<', '>', 'secret_value', 'token_value',
  'password_value', 'null', 'undefined',
];
const PLACEHOLDER_EXACT = new Set([
  'password', 'passwd', 'secret', 'token', 'pass', 'admin', 'root', 'test', 'testing', 'none', 'null', 'nil', 'undefined', 'true',
  'false', 'string', 'str', 'value', 'na', 'n/a', 'tbd', 'key', 'apikey', 'api_key', 'api-key', 'secretkey', 'default', 'empty',
  'required', 'optional', 'bearer', 'basic', 'pat', 'mypassword', 'my_password', 'mysecret', 'my_secret', 'mytoken',
  'my_token', 'p@ssw0rd', 'p@ssword', 'passw0rd', 'password1', 'password123', 'secret123', 'abc123', 'letmein', 'qwerty',
  'hunter2', 'access_token', 'client_secret', 'sas_token', 'sastoken',
]);

/** `changeme`, `<your-token>`, `xxxx`, `example-key`, `***`: values written to be replaced. */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_RE.test(value)) return true;
  return value.length <= 16 && PLACEHOLDER_EXACT.has(value.toLowerCase());
}

const PLACEHOLDER_RE = new RegExp(PLACEHOLDER_PARTS.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

/** `{x}`, `${X}`, `{{x}}`, `{{secrets/scope/key}}`, `$X`, `%X%`, `ENC(...)`, `#{x}`, `$(cmd)`: values filled in elsewhere. */
export function isTemplated(value: string): boolean {
  if (value.includes('{') && value.includes('}')) return true;
  if (/^\$[A-Za-z_(]/.test(value)) return true;
  if (/\$\{|\$\(/.test(value)) return true;
  if (/^%[A-Za-z_][A-Za-z0-9_]*%$/.test(value)) return true;
  if (/^(?:ENC|enc|vault|secret|env)\(/.test(value)) return true;
  if (value.startsWith('@Microsoft.KeyVault')) return true;
  return false;
}

/** Common checks for every rule: not empty, not repeated characters, not a sequence, not a placeholder or template. */
export function isObviouslyNotSecret(value: string): boolean {
  return value.length === 0 || isRepetitive(value) || isSequence(value) || isPlaceholder(value) || isTemplated(value);
}

/** Characters a machine-generated secret may contain (Sonar S6418's class, plus a few). */
const TOKEN_CHARS = /^[A-Za-z0-9_.+/~$=:!@#%^&*,;?|-]+$/;

/**
 * Floors for values at credential-named sites. Passwords: 6+ characters, no spaces between words, some variety.
 * Tokens/keys/secrets: 12+ token characters with entropy ≥ 3 bits/char and not a plain word-like identifier.
 */
export function passesGenericFloor(value: string, cls: NameClass): boolean {
  if (value.length > 1024) return false;
  if (isObviouslyNotSecret(value)) return false;
  if (/^(?:https?|s3a?|abfss?|wasbs?|dbfs|file|gs):\/\//i.test(value) || value.startsWith('/')) return false;
  if (cls === 'password') {
    if (value.length < 6) return false;
    if (/\s/.test(value)) return false;
    if (/^[a-z]+(?:[_-][a-z]+)*$/.test(value) && value.length < 10) return false; // a bare word such as "welcome"
    if (/^[a-z]+(?:[_-][a-z]+)+$/.test(value)) return false; // identifier-like, e.g. "db_password_key"
    if (/^[A-Z]+(?:_[A-Z]+)+$/.test(value)) return false; // an env-var name such as DB_PASSWORD
    return shannonEntropy(value) >= 2.0;
  }
  if (value.length < 12 || !TOKEN_CHARS.test(value)) return false;
  if (/^[A-Za-z]+(?:[_.-][A-Za-z]+)*$/.test(value)) return false; // words joined by separators: an identifier, not a key
  return shannonEntropy(value) >= 3.0;
}

/** True when a comment's text marks the code in it as an example. */
export function isExampleComment(comment: string): boolean {
  return /\b(?:example|e\.g\.|for instance|sample|such as|i\.e\.|like this|format:|looks like)/i.test(comment);
}

/** The inline suppression marker. */
export const SUPPRESS_MARKER = 'dbsecrets: ignore';
export const SUPPRESS_NEXT_LINE_MARKER = 'dbsecrets: ignore-next-line';
