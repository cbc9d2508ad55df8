/**
 * The one message protocol between the ACL panel's host side (src/host/acl) and its webview (src/webview/acl):
 * discriminated unions on `type`, each with a zod schema. Both sides parse every incoming message with the
 * schema of their direction; an unknown, malformed or extra-field message is refused (strict objects) and the
 * caller logs and ignores it. Nothing here carries a token or a secret value: principals and permissions only.
 *
 * The webview sends `ready` once its script runs; the host posts nothing before that.
 */
import * as z from 'zod/mini';
import { ACL_PERMISSIONS, MAX_PRINCIPAL_LENGTH } from './acl';

const permission = z.enum(ACL_PERMISSIONS);
const principal = z.string().check(z.minLength(1), z.maxLength(MAX_PRINCIPAL_LENGTH));
/** Most entries a message may carry (far above any real scope's ACL count). */
const MAX_ENTRIES = 10_000;
const message = z.string().check(z.maxLength(4000));

const entry = z.strictObject({ principal, permission });
const entries = z.array(entry).check(z.maxLength(MAX_ENTRIES));
const change = z.strictObject({ principal, permission: z.nullable(permission) });
const result = z.strictObject({ principal, ok: z.boolean(), error: z.optional(message) });

/** Messages from the webview to the host. */
export const WebviewToHost = z.discriminatedUnion('type', [
  /** The script is running; the host answers with `context` and a listing. */
  z.strictObject({ type: z.literal('ready') }),
  /** List the ACLs again. */
  z.strictObject({ type: z.literal('refresh') }),
  /**
   * Apply `changes`. `loaded` is the listing the person edited: when a fresh listing differs from it, the host
   * answers `conflict` instead, unless `force` (the person saw the conflict and chose to save anyway).
   */
  z.strictObject({
    type: z.literal('save'),
    loaded: entries,
    changes: z.array(change).check(z.minLength(1), z.maxLength(MAX_ENTRIES)),
    force: z.boolean(),
  }),
]);
export type WebviewToHostMessage = z.infer<typeof WebviewToHost>;

/** Messages from the host to the webview. */
export const HostToWebview = z.discriminatedUnion('type', [
  /** Which scope the panel edits. */
  z.strictObject({
    type: z.literal('context'),
    /** The workspace's id (`env` or `settings:<host>`), kept in the webview state for the panel serializer. */
    workspaceId: z.string().check(z.maxLength(2000)),
    scope: z.string().check(z.maxLength(128)),
    workspace: z.string().check(z.maxLength(1000)),
    keyVault: z.boolean(),
  }),
  /** A listing (or re-listing) is under way. */
  z.strictObject({ type: z.literal('busy'), what: z.enum(['loading', 'saving']) }),
  /** The scope's ACLs. */
  z.strictObject({ type: z.literal('acls'), entries }),
  /**
   * Listing failed. `noManage`: the caller lacks MANAGE on the scope (the API then refuses to list ACLs), so the
   * panel offers nothing but Refresh.
   */
  z.strictObject({ type: z.literal('listFailed'), noManage: z.boolean(), message }),
  /** A Save found the ACLs changed since `loaded`: `current` is the fresh listing; nothing was applied. */
  z.strictObject({ type: z.literal('conflict'), current: entries }),
  /** A Save ran: one result per call, and the listing after it (absent when re-listing failed). */
  z.strictObject({ type: z.literal('saved'), results: z.array(result).check(z.maxLength(MAX_ENTRIES)), entries: z.optional(entries) }),
  /** A Save could not start (e.g. the fresh listing failed); nothing was applied. */
  z.strictObject({ type: z.literal('saveFailed'), message }),
]);
export type HostToWebviewMessage = z.infer<typeof HostToWebview>;

/** What the webview keeps with `setState` (and the panel serializer gets back after a window reload). */
export const PanelState = z.object({
  workspaceId: z.string().check(z.maxLength(2000)),
  scope: z.string().check(z.maxLength(128)),
});

/** Parses a message of one direction; the error text names the first problem, never the message's values. */
export function parseMessage<T>(
  schema: z.ZodMiniType<T>,
  raw: unknown,
): { ok: true; message: T } | { ok: false; problem: string } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const type = typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string'
    ? JSON.stringify((raw as { type: string }).type.slice(0, 40))
    : 'without a type';
  return { ok: false, problem: `message ${type}: ${issue ? `${issue.code} at ${issue.path.join('.') || '(root)'}` : 'invalid'}` };
}
