/**
 * Client-side checks run before any request is sent. Each refusal is a {@link ValidationError} naming the
 * field and the rule. Messages may quote names (scope, key, principal, host) but never a value or a token.
 */
import { ValidationError } from './errors';
import type { Permission } from './types';

/** Secret key names: letters, digits, `_`, `-`, `.`, 1 to 128 characters. */
export const KEY_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;
/**
 * Scope names: letters, digits, `_`, `-`, `.` and `@` (a scope named after a user, like `jane.doe@example.com`),
 * 1 to 128 characters. Databricks compares scope names ignoring case.
 */
export const SCOPE_NAME_PATTERN = /^[A-Za-z0-9_.@-]{1,128}$/;
/** The key name pattern, kept under its first name (scope names also allow `@`: {@link SCOPE_NAME_PATTERN}). */
export const NAME_PATTERN = KEY_NAME_PATTERN;
/** Largest secret value accepted: 128 KB, measured in bytes (UTF-8 for strings). */
export const MAX_VALUE_BYTES = 128 * 1024;
/** Longest principal accepted (user e-mail, group name or service principal application id). */
export const MAX_PRINCIPAL_LENGTH = 1024;
/** The three ACL permissions, weakest first. */
export const PERMISSIONS: readonly Permission[] = ['READ', 'WRITE', 'MANAGE'];

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function quote(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return JSON.stringify(shown);
}

function checkName(field: 'scope' | 'key', label: string, name: unknown): void {
  const pattern = field === 'scope' ? SCOPE_NAME_PATTERN : KEY_NAME_PATTERN;
  const allowed = field === 'scope' ? "'_', '-', '.' and '@'" : "'_', '-' and '.'";
  if (typeof name !== 'string') {
    throw new ValidationError(field, 'type', `The ${label} must be a string.`);
  }
  if (name.length === 0) {
    throw new ValidationError(field, 'non-empty', `The ${label} is empty; give a name of 1 to 128 characters.`);
  }
  if (name.length > 128) {
    throw new ValidationError(field, 'max-length',
      `The ${label} is ${name.length} characters long; the limit is 128.`);
  }
  if (!pattern.test(name)) {
    throw new ValidationError(field, 'pattern',
      `The ${label} ${quote(name)} has characters that are not allowed; use only letters, digits, ${allowed} ` +
      `(pattern ${pattern.source}).`);
  }
}

/** Refuses a scope name that does not match `^[A-Za-z0-9_.@-]{1,128}$`. */
export function validateScopeName(name: string): void {
  checkName('scope', 'scope name', name);
}

/** Refuses a secret key name that does not match `^[A-Za-z0-9_.-]{1,128}$`. */
export function validateKeyName(name: string): void {
  checkName('key', 'secret key name', name);
}

/** Refuses an empty, over-long or control-character principal. */
export function validatePrincipal(principal: unknown, field = 'principal'): void {
  if (typeof principal !== 'string') {
    throw new ValidationError(field, 'type', `The ${field} must be a string (a user, group or service principal).`);
  }
  if (principal.trim().length === 0) {
    throw new ValidationError(field, 'non-empty',
      `The ${field} is empty; give a user e-mail, a group name or a service principal application id.`);
  }
  if (principal.length > MAX_PRINCIPAL_LENGTH) {
    throw new ValidationError(field, 'max-length',
      `The ${field} is ${principal.length} characters long; the limit is ${MAX_PRINCIPAL_LENGTH}.`);
  }
  if (CONTROL_CHARS.test(principal)) {
    throw new ValidationError(field, 'no-control-characters',
      `The ${field} contains control characters (such as a line break); remove them.`);
  }
}

/** Refuses anything but `READ`, `WRITE` or `MANAGE` (exact upper case). */
export function validatePermission(permission: unknown): asserts permission is Permission {
  if (typeof permission !== 'string' || !(PERMISSIONS as readonly string[]).includes(permission)) {
    const shown = typeof permission === 'string' ? quote(permission) : typeof permission;
    throw new ValidationError('permission', 'one-of',
      `The permission ${shown} is not allowed; use one of READ, WRITE or MANAGE.`);
  }
}

/**
 * Refuses a secret value that is neither a string nor bytes, or is larger than 128 KB.
 * Returns the value's bytes (UTF-8 for strings). The message never contains the value.
 */
export function validateSecretValue(value: unknown): Uint8Array {
  let bytes: Uint8Array;
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) {
      throw new ValidationError('value', 'valid-unicode',
        'The secret value contains an unpaired surrogate, so it cannot be stored as UTF-8 text; pass bytes instead.');
    }
    bytes = Buffer.from(value, 'utf8');
  } else if (value instanceof Uint8Array) {
    bytes = value;
  } else {
    throw new ValidationError('value', 'one-of',
      'The secret value must be exactly one of: a string or bytes (Uint8Array).');
  }
  if (bytes.byteLength > MAX_VALUE_BYTES) {
    throw new ValidationError('value', 'max-bytes',
      `The secret value is ${bytes.byteLength} bytes; the limit is ${MAX_VALUE_BYTES} bytes (128 KB).`);
  }
  return bytes;
}

function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

/**
 * Checks a workspace URL and returns its normalised origin (`https://host[:port]`, no trailing slash).
 * https is required; http is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost), which is how the
 * local emulator is reached. Paths other than `/`, queries, fragments and credentials are refused.
 */
export function validateHost(host: unknown): string {
  if (typeof host !== 'string' || host.trim() === '') {
    throw new ValidationError('host', 'non-empty',
      'The workspace URL is empty; give it like https://adb-1234567890123456.7.azuredatabricks.net.');
  }
  let url: URL;
  try {
    url = new URL(host.trim());
  } catch {
    const shown = /[@?#]/.test(host) ? '' : ` ${quote(host)}`; // never echo something that may hold credentials
    throw new ValidationError('host', 'url',
      `The workspace URL${shown} is not a well-formed URL; give it like https://my-workspace.cloud.databricks.com.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ValidationError('host', 'no-credentials',
      'The workspace URL must not contain a user name or password; give the token separately.');
  }
  // Messages quote only scheme and host: a query could carry something sensitive.
  const shownHost = quote(`${url.protocol}//${url.host}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError('host', 'https',
      `The workspace URL ${shownHost} must start with https://.`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ValidationError('host', 'https',
      `The workspace URL ${shownHost} uses http://; use https:// (plain http is allowed only for ` +
      'loopback addresses such as http://127.0.0.1, http://[::1] or http://localhost).');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new ValidationError('host', 'origin-only',
      `The workspace URL ${shownHost} has a path, query or fragment after the host; give only scheme and host, ` +
      `like ${url.protocol}//${url.host}.`);
  }
  return url.origin;
}
