import { isRepetitive, isSequence } from './entropy';
import { isPlaceholder, isTemplated, nameWords, type NameClass } from './filters';

/**
 * The `low` confidence level: plain, short or weak values at credential-named sites (`password = "izayoi"`,
 * `{"Password": "hunter2"}`, `passphrase = "wat? lol no"`) that the entropy floors of the `medium` level drop.
 * What is left out here is what a person would not call a credential either: values written to be replaced, values
 * that only repeat credential words or the name, and values too short or too regular to be anything.
 */

/**
 * Weak passwords that the placeholder list holds but that are no stand-in word: as the value of a password they are
 * what people actually type, so the `low` level reports them. (`admin`, `root`, `password123`, `p@ssw0rd` stay
 * placeholders: default accounts and the word itself with digits.)
 */
const WEAK_REAL_PASSWORDS = new Set(['hunter2', 'letmein']);

/**
 * Words that only describe or stand in for a credential: a value made of nothing else (`test_password`,
 * `pass pass`, `my_secret`, `some-token`, `foo`) is a placeholder, not a password.
 */
const FILLER_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'pass', 'pw', 'passphrase', 'passcode', 'secret', 'secrets', 'token', 'tokens', 'key',
  'keys', 'apikey', 'api', 'auth', 'credential', 'credentials', 'creds', 'login', 'user', 'username', 'usr', 'test', 'tests',
  'testing', 'tester', 'dummy', 'fake', 'sample', 'example', 'demo', 'foo', 'bar', 'baz', 'qux', 'quux', 'my', 'your', 'some',
  'a', 'an', 'the', 'new', 'old', 'bad', 'wrong', 'invalid', 'valid', 'correct', 'good', 'value', 'here', 'x', 'xx', 'xxx',
  'placeholder', 'changeme', 'default', 'none', 'null', 'empty', 'string', 'str', 'text', 'hidden', 'masked', 'redacted',
  'admin', 'root', 'guest', 'abc', 'xyz',
]);

/** Credential words: a lower-case identifier holding one (`db_password`, `pass_col`) names a field or a key. */
const CREDENTIAL_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'secret', 'token', 'apikey', 'credential', 'credentials', 'creds']);

/** `%20`, `%2F`...: URL-encoded text, decoded for the word checks (a malformed escape is left as it is). */
function decodePercent(value: string): string {
  if (!value.includes('%')) return value;
  return value.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Lower-case words of a value (letters and digits runs; `dbPassword` splits like a name). */
function valueWords(value: string): string[] {
  return nameWords(value) as string[];
}

/**
 * Whether the value is made only of filler words and short numbers (`test_password`, `Pass Pass`, `my-secret`,
 * `myPass`, `foo`, `admin123`, `pass%20pass`): a stand-in, not a credential.
 */
export function onlyFillerWords(value: string): boolean {
  const words = valueWords(decodePercent(value));
  if (words.length === 0) return false;
  let letters = 0;
  for (const w of words) {
    for (const run of w.match(/[a-z]+|\d+/g) ?? []) {
      if (/^\d+$/.test(run)) {
        if (run.length > 4) return false;
      } else if (!FILLER_WORDS.has(run)) return false;
      else letters++;
    }
  }
  return letters > 0;
}

/** Whether the value, with case and separators ignored, is the name or the name's last word (`pwd <- "pwd"`). */
function repeatsName(value: string, name: string | undefined): boolean {
  if (!name) return false;
  const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const v = squash(value);
  if (v.length === 0) return false; // punctuation only: nothing of the name in it
  const words = nameWords(name);
  return v === squash(name) || v === (words[words.length - 1] ?? '') || v === words.join('');
}

/** Placeholders as the filters know them, except the weak passwords people really use. */
function isPlaceholderValue(value: string): boolean {
  return !WEAK_REAL_PASSWORDS.has(value.toLowerCase()) && isPlaceholder(value);
}

/** Shapes that are locations or names, not credentials: URLs, paths, e-mail addresses, env-var names, dotted names. */
function looksLikeReference(value: string): boolean {
  if (/^[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\//.test(value) || value.startsWith('/') || value.startsWith('./') || value.startsWith('~/')) return true;
  if (/^[A-Za-z]:\\/.test(value) || /\.(?:txt|json|ya?ml|pem|key|crt|cfg|ini|env|csv|pkl|p12|pfx|jks)$/i.test(value)) return true;
  if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(value)) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true; // DB_PASSWORD: an environment variable's name
  return false;
}

/**
 * Whether `value`, bound to the password-like `name`, is a plain password worth a `low` finding: 3 to 128
 * characters, not a placeholder, template, repeated character, reference or a repeat of the name, not made only of
 * filler words, not a sequence (`123456`, `qwerty`), not a field name (`db_password`), and, with spaces, a short
 * passphrase rather than a sentence about passwords.
 */
export function isPlainPassword(value: string, name: string | undefined): boolean {
  const n = value.length;
  if (n < 3 || n > 128) return false;
  if (value.trim() !== value && value.trim().length < 3) return false;
  if (isRepetitive(value) || isSequence(value) || isTemplated(value) || isPlaceholderValue(value) || looksLikeReference(value)) return false;
  if (onlyFillerWords(value) || repeatsName(value, name)) return false;
  const words = valueWords(value);
  if (/^[a-z]+(?:[_.-][a-z]+)+$/.test(value) && words.some((w) => CREDENTIAL_WORDS.has(w))) return false;
  if (/\s/.test(value)) {
    // A passphrase is a few words; a sentence mentioning passwords is a message or a prompt.
    const spaced = value.trim().split(/\s+/);
    if (spaced.length > 6 || n > 64) return false;
    if (words.some((w) => CREDENTIAL_WORDS.has(w) || w === 'enter' || w === 'please')) return false;
  }
  return true;
}

/**
 * Whether `value`, bound to a token/secret/key-like `name`, is a plain secret worth a `low` finding: 8 to 256
 * characters without spaces, holding both a letter and a digit or symbol (a plain word at such a name is usually a
 * mode, `auth = "kerberos"`), and none of the exclusions of `isPlainPassword`, sequences included (`abc123def` passes,
 * `abcdefgh` does not).
 */
export function isPlainSecret(value: string, name: string | undefined): boolean {
  const n = value.length;
  if (n < 8 || n > 256 || /\s/.test(value)) return false;
  if (!/[A-Za-z]/.test(value) || !/[^A-Za-z]/.test(value)) return false;
  if (isRepetitive(value) || isSequence(value) || isTemplated(value) || isPlaceholder(value) || looksLikeReference(value)) return false;
  if (onlyFillerWords(value) || repeatsName(value, name)) return false;
  // Versions, dates and numbers with a unit: `v1.2.3`, `2024-01-31`, `30s`.
  if (/^v?\d+(?:[._-]\d+)*[a-z]{0,3}$/i.test(value)) return false;
  return true;
}

/** The `low` check for a site's name class. */
export function isPlainCredential(value: string, cls: NameClass, name: string | undefined): boolean {
  return cls === 'password' ? isPlainPassword(value, name) : isPlainSecret(value, name);
}
