/**
 * The one error type the emulator's request handlers throw. The server turns it into a Databricks-shaped body
 * `{"error_code": ..., "message": ...}` with the given HTTP status (and headers such as `Retry-After`).
 */
export class EmulatorFault extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'EmulatorFault';
  }
}

/** 400 INVALID_PARAMETER_VALUE: a field is missing or breaks a rule. */
export function invalidParameter(message: string): EmulatorFault {
  return new EmulatorFault(400, 'INVALID_PARAMETER_VALUE', message);
}

/** 400 MALFORMED_REQUEST: the body cannot be read as the expected JSON shape. */
export function malformed(message: string): EmulatorFault {
  return new EmulatorFault(400, 'MALFORMED_REQUEST', message);
}

/** 400 BAD_REQUEST: the request is well-formed but not allowed in this situation. */
export function badRequest(message: string): EmulatorFault {
  return new EmulatorFault(400, 'BAD_REQUEST', message);
}

/** 404 RESOURCE_DOES_NOT_EXIST. */
export function doesNotExist(message: string): EmulatorFault {
  return new EmulatorFault(404, 'RESOURCE_DOES_NOT_EXIST', message);
}

/** 400 RESOURCE_ALREADY_EXISTS. */
export function alreadyExists(message: string): EmulatorFault {
  return new EmulatorFault(400, 'RESOURCE_ALREADY_EXISTS', message);
}

/** 400 RESOURCE_LIMIT_EXCEEDED. */
export function limitExceeded(message: string): EmulatorFault {
  return new EmulatorFault(400, 'RESOURCE_LIMIT_EXCEEDED', message);
}

/** 403 PERMISSION_DENIED. */
export function permissionDenied(message: string): EmulatorFault {
  return new EmulatorFault(403, 'PERMISSION_DENIED', message);
}

/** 401 UNAUTHENTICATED (missing or unknown token). */
export function unauthenticated(message: string): EmulatorFault {
  return new EmulatorFault(401, 'UNAUTHENTICATED', message, { 'WWW-Authenticate': 'Bearer realm="databricks"' });
}
