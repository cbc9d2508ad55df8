import { invalidParameter, malformed } from './errors';
import { KEY_NAME_PATTERN, Permission, SCOPE_NAME_PATTERN, isPermission } from './model';

/** A parsed JSON request body: must be a JSON object. */
export type JsonObject = Record<string, unknown>;

/** Checks that a parsed body is a JSON object (not an array, string, number or null). */
export function asObject(body: unknown): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw malformed('Request body must be a JSON object.');
  }
  return body as JsonObject;
}

/** A required string field of a body; missing -> INVALID_PARAMETER_VALUE, wrong type -> MALFORMED_REQUEST. */
export function requiredString(body: JsonObject, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined) throw invalidParameter(`Missing required field: ${field}.`);
  return value;
}

/** An optional string field of a body (absent or null reads as undefined). */
export function optionalString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw malformed(`Field ${field} must be a string, got ${jsonType(value)}.`);
  return value;
}

/** A required query parameter. */
export function requiredQuery(query: URLSearchParams, field: string): string {
  const value = query.get(field);
  if (value === null || value === '') throw invalidParameter(`Missing required query parameter: ${field}.`);
  return value;
}

/**
 * A scope name (`^[A-Za-z0-9_.@-]{1,128}$`) or key name (`^[A-Za-z0-9_.-]{1,128}$`, no `@`); anything else ->
 * INVALID_PARAMETER_VALUE.
 */
export function checkName(field: 'scope' | 'key', value: string): string {
  const pattern = field === 'scope' ? SCOPE_NAME_PATTERN : KEY_NAME_PATTERN;
  if (!pattern.test(value)) {
    const chars = field === 'scope' ? 'dashes, underscores, @ and periods' : 'dashes, underscores and periods';
    throw invalidParameter(`${field} must be 1 to 128 characters of letters, digits, ${chars} (${pattern.source}).`);
  }
  return value;
}

/** A principal name: non-empty, at most 512 characters, no control characters. */
export function checkPrincipal(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (value.length === 0 || value.length > 512 || /[\u0000-\u001f\u007f]/.test(value)) {
    throw invalidParameter('principal must be a non-empty user or group name of at most 512 printable characters.');
  }
  return value;
}

/** A permission: READ, WRITE or MANAGE. */
export function checkPermission(value: string): Permission {
  if (!isPermission(value)) throw invalidParameter('permission must be one of READ, WRITE, MANAGE.');
  return value;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes standard, padded base64; anything else -> INVALID_PARAMETER_VALUE. */
export function decodeBase64(field: string, value: string): Buffer {
  if (!BASE64.test(value)) throw invalidParameter(`${field} must be standard base64 (A-Z a-z 0-9 + / with = padding).`);
  return Buffer.from(value, 'base64');
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}
