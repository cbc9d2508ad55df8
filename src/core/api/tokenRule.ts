/**
 * What a bearer token may look like: printable ASCII without spaces (`!` to `~`). Shared by the transport,
 * which refuses anything else before sending, and the token input box, which refuses it while typing.
 * No imports, so the VS Code layer can use it without loading the client.
 */

/** Printable ASCII, no spaces: what an HTTP `Authorization: Bearer` value may hold. */
export const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

/** Why a token cannot be sent: `empty`, `not-printable-ascii` (spaces, line breaks, invisible or non-ASCII characters), or undefined when fine. */
export function tokenProblem(token: string): 'empty' | 'not-printable-ascii' | undefined {
  if (token.length === 0) return 'empty';
  return TOKEN_PATTERN.test(token) ? undefined : 'not-printable-ascii';
}
