/**
 * The ACL webview's state and how each person's action and host message changes it. Pure functions over plain
 * data (kept with `setState`, so it survives the panel being hidden and shown, and a window reload).
 */
import * as z from 'zod/mini';
import {
  ACL_PERMISSIONS,
  applyChanges,
  effectiveChanges,
  principalProblem,
  remainingChanges,
  removesLastManage,
  type AclChange,
  type AclEntry,
  type AclOperationResult,
  type AclPermission,
} from '../../shared/acl';
import type { HostToWebviewMessage } from '../../shared/aclProtocol';

export type Phase = 'starting' | 'loading' | 'ready' | 'saving' | 'noManage' | 'listFailed';

export interface ViewState {
  workspaceId: string;
  scope: string;
  workspace: string;
  keyVault: boolean;
  phase: Phase;
  /** A status line or the reason a listing failed. */
  message: string;
  /** The listing being edited; null before the first one or when listing failed. */
  loaded: AclEntry[] | null;
  /** Changes against `loaded` that still change something, one per principal. */
  staged: AclChange[];
  /** The last Save's per-call results. */
  results: AclOperationResult[];
  /** The fresh listing a Save found different from `loaded`: shown, and the person decides. */
  conflict: AclEntry[] | null;
  /** A change that would leave no MANAGE holder, waiting for the person to confirm it. */
  confirm: AclChange | null;
  /** The new-principal form. */
  draft: { principal: string; permission: AclPermission; problem: string };
}

export function initialState(): ViewState {
  return {
    workspaceId: '',
    scope: '',
    workspace: '',
    keyVault: false,
    phase: 'starting',
    message: '',
    loaded: null,
    staged: [],
    results: [],
    conflict: null,
    confirm: null,
    draft: { principal: '', permission: 'READ', problem: '' },
  };
}

const permission = z.enum(ACL_PERMISSIONS);
const entry = z.object({ principal: z.string(), permission });
const change = z.object({ principal: z.string(), permission: z.nullable(permission) });
const SavedState = z.object({
  workspaceId: z.string(),
  scope: z.string(),
  workspace: z.string(),
  keyVault: z.boolean(),
  loaded: z.nullable(z.array(entry)),
  staged: z.array(change),
  draft: z.object({ principal: z.string(), permission, problem: z.string() }),
});

/** The state kept by VS Code, when it is well formed; otherwise a fresh state. Listing results are not trusted: the host lists again. */
export function restoreState(saved: unknown): ViewState {
  const parsed = SavedState.safeParse(saved);
  if (!parsed.success) return initialState();
  return { ...initialState(), ...parsed.data, phase: 'starting' };
}

/** One row of the table: a listed or staged principal. */
export interface Row {
  principal: string;
  /** The listed permission (absent for a staged addition). */
  listed?: AclPermission;
  /** The permission after the staged change (absent when the row is staged for removal). */
  shown?: AclPermission;
  status: 'unchanged' | 'added' | 'changed' | 'removed';
  result?: AclOperationResult;
}

/** The table's rows, sorted by principal. */
export function rows(state: ViewState): Row[] {
  const loaded = state.loaded ?? [];
  const staged = new Map(state.staged.map((c) => [c.principal, c.permission]));
  const results = new Map(state.results.map((r) => [r.principal, r]));
  const principals = new Set([...loaded.map((e) => e.principal), ...staged.keys()]);
  const listed = new Map(loaded.map((e) => [e.principal, e.permission]));
  return [...principals].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((principal) => {
    const before = listed.get(principal);
    const change = staged.has(principal) ? staged.get(principal) : before;
    const status: Row['status'] =
      before === undefined ? 'added' : change === null ? 'removed' : change !== before ? 'changed' : 'unchanged';
    return { principal, listed: before, shown: change ?? undefined, status, result: results.get(principal) };
  });
}

/** Stages `change`; one that would leave no MANAGE holder waits for confirmation unless `confirmed`. */
export function stage(state: ViewState, change: AclChange, confirmed = false): ViewState {
  const loaded = state.loaded ?? [];
  if (!confirmed && removesLastManage(applyChanges(loaded, state.staged), [change])) {
    return { ...state, confirm: change };
  }
  return {
    ...state,
    confirm: null,
    staged: effectiveChanges(loaded, [...state.staged, change]),
    results: state.results.filter((r) => r.principal !== change.principal),
  };
}

/** Drops the staged change of one principal. */
export function unstage(state: ViewState, principal: string): ViewState {
  return { ...state, staged: state.staged.filter((c) => c.principal !== principal), confirm: null };
}

/** Stages the new-principal form's principal, or says why it cannot be added. */
export function addDraft(state: ViewState): ViewState {
  const { principal, permission } = state.draft;
  const existing = applyChanges(state.loaded ?? [], state.staged).map((e) => e.principal);
  const problem = principalProblem(principal, existing);
  if (problem) return { ...state, draft: { ...state.draft, problem } };
  return { ...stage(state, { principal, permission }), draft: { principal: '', permission, problem: '' } };
}

/** Forgets every staged change and result. */
export function discard(state: ViewState): ViewState {
  return { ...state, staged: [], results: [], conflict: null, confirm: null, message: '' };
}

/** After the person saw a conflict and chose to keep editing on top of the fresh listing. */
export function acceptConflict(state: ViewState): ViewState {
  if (!state.conflict) return state;
  return { ...state, loaded: state.conflict, staged: effectiveChanges(state.conflict, state.staged), conflict: null };
}

/** Applies a validated message from the host. */
export function onHostMessage(state: ViewState, message: HostToWebviewMessage): ViewState {
  switch (message.type) {
    case 'context': {
      const same = state.workspaceId === message.workspaceId && state.scope === message.scope;
      const base = same ? state : initialState();
      return { ...base, workspaceId: message.workspaceId, scope: message.scope, workspace: message.workspace, keyVault: message.keyVault };
    }
    case 'busy':
      return { ...state, phase: message.what, message: '' };
    case 'acls':
      return { ...state, phase: 'ready', message: '', loaded: message.entries, staged: effectiveChanges(message.entries, state.staged) };
    case 'listFailed':
      return { ...state, phase: message.noManage ? 'noManage' : 'listFailed', message: message.message, loaded: null, conflict: null, confirm: null };
    case 'conflict':
      return { ...state, phase: 'ready', conflict: message.current };
    case 'saved': {
      const failed = message.results.filter((r) => !r.ok).length;
      const done = message.results.length - failed;
      const loaded = message.entries ?? applyChanges(state.loaded ?? [], state.staged.filter((c) => !message.results.some((r) => r.principal === c.principal && !r.ok)));
      const staged = effectiveChanges(loaded, remainingChanges(state.staged, message.results));
      const summary = failed === 0
        ? `Saved: ${done} change${done === 1 ? '' : 's'} applied.`
        : `${failed} of ${message.results.length} changes failed and stay staged; ${done} applied.`;
      return { ...state, phase: 'ready', loaded, staged, results: message.results, conflict: null, message: summary };
    }
    case 'saveFailed':
      return { ...state, phase: 'ready', message: `Nothing was saved: ${message.message}` };
  }
}
