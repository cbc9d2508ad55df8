/**
 * The ACL panel's script (bundled for the browser as dist/webview/acl.js). Says `ready`, then draws whatever the
 * host sends; every host message is validated first. State is kept with setState so it survives hiding and
 * reloading.
 */
import { parseMessage, HostToWebview, type WebviewToHostMessage } from '../../shared/aclProtocol';
import { render, type Actions } from './render';
import * as S from './state';

const vscode = acquireVsCodeApi();
const root = document.getElementById('app')!;
let state = S.restoreState(vscode.getState());

function send(message: WebviewToHostMessage): void {
  vscode.postMessage(message);
}

/** Replaces the state, keeps it, and redraws, keeping the focused control focused. */
function update(next: S.ViewState): void {
  state = next;
  vscode.setState({
    workspaceId: state.workspaceId,
    scope: state.scope,
    workspace: state.workspace,
    keyVault: state.keyVault,
    loaded: state.loaded,
    staged: state.staged,
    draft: state.draft,
  });
  draw();
}

function draw(): void {
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.focus;
  root.replaceChildren(render(state, actions));
  root.setAttribute('aria-busy', String(state.phase === 'loading' || state.phase === 'saving' || state.phase === 'starting'));
  if (focused) {
    const again = [...root.querySelectorAll<HTMLElement>('[data-focus]')].find((el) => el.dataset.focus === focused && !el.hasAttribute('disabled'));
    again?.focus();
  }
}

const actions: Actions = {
  refresh: () => send({ type: 'refresh' }),
  setPermission: (principal, permission) => update(S.stage(state, { principal, permission })),
  remove: (principal) => {
    const row = S.rows(state).find((r) => r.principal === principal);
    update(row?.status === 'added' ? S.unstage(state, principal) : S.stage(state, { principal, permission: null }));
  },
  restore: (principal) => update(S.unstage(state, principal)),
  confirm: (yes) => update(yes && state.confirm ? S.stage(state, state.confirm, true) : { ...state, confirm: null }),
  draftInput: (principal) => {
    state = { ...state, draft: { ...state.draft, principal, problem: '' } };
    vscode.setState({ ...(vscode.getState() as object), draft: state.draft });
  },
  draftPermission: (permission) => update({ ...state, draft: { ...state.draft, permission } }),
  add: () => update(S.addDraft(state)),
  save: () => {
    if (!state.loaded || state.staged.length === 0) return;
    send({ type: 'save', loaded: state.loaded, changes: state.staged, force: false });
  },
  discard: () => update(S.discard(state)),
  saveAnyway: () => {
    if (!state.conflict || state.staged.length === 0) return;
    const next = S.acceptConflict(state);
    update(next);
    if (next.staged.length > 0 && next.loaded) send({ type: 'save', loaded: next.loaded, changes: next.staged, force: true });
  },
  keepEditing: () => update(S.acceptConflict(state)),
};

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseMessage(HostToWebview, event.data);
  if (!parsed.ok) {
    console.warn(`ACL panel: ignored a message from the host (${parsed.problem})`);
    return;
  }
  update(S.onHostMessage(state, parsed.message));
});

draw();
send({ type: 'ready' });
