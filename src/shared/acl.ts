/**
 * The ACL editor's model, shared by the panel's host side and its webview: principals' kinds, the staged changes
 * and their diff, conflicts with a fresh listing, and the plan of API calls a Save makes. Pure functions with no
 * imports, so both bundles (Node and browser) can use them and plain mocha can test them.
 */

/** A permission on a secret scope, weakest first. */
export const ACL_PERMISSIONS = ['READ', 'WRITE', 'MANAGE'] as const;
export type AclPermission = (typeof ACL_PERMISSIONS)[number];

/** One ACL entry, as the Secrets API lists it. */
export interface AclEntry {
  readonly principal: string;
  readonly permission: AclPermission;
}

/** A staged change to one principal: a new permission, or `null` to remove the principal's ACL. */
export interface AclChange {
  readonly principal: string;
  readonly permission: AclPermission | null;
}

/** One row of a diff between two ACL lists. */
export interface AclDiffRow {
  readonly principal: string;
  readonly kind: 'added' | 'changed' | 'removed';
  /** The permission before (absent for `added`). */
  readonly from?: AclPermission;
  /** The permission after (absent for `removed`). */
  readonly to?: AclPermission;
}

/** One API call of a Save. */
export type AclOperation =
  | { readonly op: 'put'; readonly principal: string; readonly permission: AclPermission }
  | { readonly op: 'delete'; readonly principal: string };

/** What a principal's name says it is. */
export type PrincipalKind = 'user' | 'service-principal' | 'group';

/** Longest principal the Secrets API client accepts. */
export const MAX_PRINCIPAL_LENGTH = 1024;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** An e-mail is a user, a UUID a service principal's application id, anything else a group. */
export function principalKind(principal: string): PrincipalKind {
  if (EMAIL.test(principal)) return 'user';
  if (UUID.test(principal)) return 'service-principal';
  return 'group';
}

/**
 * Why `principal` cannot be added, or undefined when it can: empty, surrounding spaces, too long, control
 * characters (the client's rules), or already listed in `existing`.
 */
export function principalProblem(principal: string, existing: Iterable<string> = []): string | undefined {
  if (principal.trim().length === 0) return 'Enter a user e-mail, a group name or a service principal application id.';
  if (principal !== principal.trim()) return 'Remove the spaces at the start or end of the principal.';
  if (principal.length > MAX_PRINCIPAL_LENGTH) return `The principal is ${principal.length} characters long; the limit is ${MAX_PRINCIPAL_LENGTH}.`;
  if (CONTROL_CHARS.test(principal)) return 'The principal contains control characters (such as a line break); remove them.';
  for (const name of existing) {
    if (name === principal) return `${principal} already has a permission on this scope; change it in its row.`;
  }
  return undefined;
}

/** ACL entries as a principal → permission map (a later duplicate wins, as a later put would). */
export function aclMap(entries: readonly AclEntry[]): Map<string, AclPermission> {
  return new Map(entries.map((e) => [e.principal, e.permission]));
}

/** The entries `base` becomes once `changes` are applied, sorted by principal. */
export function applyChanges(base: readonly AclEntry[], changes: readonly AclChange[]): AclEntry[] {
  const map = aclMap(base);
  for (const { principal, permission } of changes) {
    if (permission === null) map.delete(principal);
    else map.set(principal, permission);
  }
  return sortEntries([...map].map(([principal, permission]) => ({ principal, permission })));
}

/** Entries sorted by principal (code-unit order, the same in every locale). */
export function sortEntries(entries: readonly AclEntry[]): AclEntry[] {
  return [...entries].sort((a, b) => (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0));
}

/** The added, changed and removed principals from `before` to `after`, sorted by principal. */
export function diffAcls(before: readonly AclEntry[], after: readonly AclEntry[]): AclDiffRow[] {
  const old = aclMap(before);
  const now = aclMap(after);
  const rows: AclDiffRow[] = [];
  for (const [principal, to] of now) {
    const from = old.get(principal);
    if (from === undefined) rows.push({ principal, kind: 'added', to });
    else if (from !== to) rows.push({ principal, kind: 'changed', from, to });
  }
  for (const [principal, from] of old) {
    if (!now.has(principal)) rows.push({ principal, kind: 'removed', from });
  }
  return rows.sort((a, b) => (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0));
}

/**
 * The staged changes that still change something against `base` (one per principal, the last one staged wins).
 * A change back to the listed permission, or the removal of an unlisted principal, drops out.
 */
export function effectiveChanges(base: readonly AclEntry[], changes: readonly AclChange[]): AclChange[] {
  return diffAcls(base, applyChanges(base, changes)).map((row) => ({ principal: row.principal, permission: row.to ?? null }));
}

/**
 * The fewest API calls that take the scope from `current` (a fresh listing) to what the staged `changes` want:
 * one put per principal whose permission differs, one delete per listed principal to remove, nothing for a
 * principal that already is as wanted (a change someone else made too).
 */
export function planOperations(current: readonly AclEntry[], changes: readonly AclChange[]): AclOperation[] {
  return effectiveChanges(current, changes).map((change) =>
    change.permission === null
      ? { op: 'delete', principal: change.principal }
      : { op: 'put', principal: change.principal, permission: change.permission },
  );
}

/** True when both lists give the same principals the same permissions (order does not matter). */
export function sameAcls(a: readonly AclEntry[], b: readonly AclEntry[]): boolean {
  return diffAcls(a, b).length === 0;
}

/**
 * What someone else changed between the listing the panel edited (`loaded`) and a fresh one (`current`); empty
 * when nothing did. Rows touching a principal with a staged change are marked `overlaps`.
 */
export function conflicts(
  loaded: readonly AclEntry[],
  current: readonly AclEntry[],
  changes: readonly AclChange[],
): Array<AclDiffRow & { readonly overlaps: boolean }> {
  const staged = new Set(changes.map((c) => c.principal));
  return diffAcls(loaded, current).map((row) => ({ ...row, overlaps: staged.has(row.principal) }));
}

/** The outcome of one API call of a Save. */
export interface AclOperationResult {
  readonly principal: string;
  readonly ok: boolean;
  /** What went wrong, for a failed call: a message a person can act on (never a token or secret value). */
  readonly error?: string;
}

/** The staged changes still to make after a Save: those whose call failed (the succeeded ones are done). */
export function remainingChanges(changes: readonly AclChange[], results: readonly AclOperationResult[]): AclChange[] {
  const failed = new Set(results.filter((r) => !r.ok).map((r) => r.principal));
  return changes.filter((c) => failed.has(c.principal));
}

/** True when `base` has a MANAGE holder and applying `changes` leaves none. */
export function removesLastManage(base: readonly AclEntry[], changes: readonly AclChange[]): boolean {
  const holders = (entries: readonly AclEntry[]) => entries.filter((e) => e.permission === 'MANAGE').length;
  return holders(base) > 0 && holders(applyChanges(base, changes)) === 0;
}
