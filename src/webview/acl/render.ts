/**
 * Draws the ACL webview from its state. Every control has the accessible name the tests and screen readers use:
 * "Permission for PRINCIPAL", "Remove PRINCIPAL", "Principal", "Permission", "Add", "Save", "Discard", "Refresh".
 */
import { ACL_PERMISSIONS, conflicts, diffAcls, principalKind, type AclDiffRow, type AclPermission } from '../../shared/acl';
import { h, type Child } from './dom';
import { rows, type Row, type ViewState } from './state';

/** What the person can do; main.ts wires these to state changes and host messages. */
export interface Actions {
  refresh(): void;
  setPermission(principal: string, permission: AclPermission): void;
  remove(principal: string): void;
  restore(principal: string): void;
  confirm(yes: boolean): void;
  draftInput(principal: string): void;
  draftPermission(permission: AclPermission): void;
  add(): void;
  save(): void;
  discard(): void;
  saveAnyway(): void;
  keepEditing(): void;
}

const KIND_LABEL = { user: 'User', group: 'Group', 'service-principal': 'Service principal' } as const;

/** The whole page for `state`. */
export function render(state: ViewState, actions: Actions): HTMLElement {
  const busy = state.phase === 'loading' || state.phase === 'saving' || state.phase === 'starting';
  const editable = state.loaded !== null;
  return h('div', { class: 'acl' },
    h('header', {},
      h('h1', {}, 'Permissions of scope ', h('span', { class: 'scope' }, state.scope || '…')),
      h('p', { class: 'muted' }, state.workspace),
      state.keyVault && h('p', { class: 'note' },
        'This scope is backed by Azure Key Vault. Its secrets live in the vault, but who may use them through Databricks is set here.'),
      h('div', { class: 'toolbar' }, button('Refresh', 'Refresh', actions.refresh, { disabled: busy, focus: 'refresh' })),
    ),
    h('p', { class: `status ${state.phase === 'listFailed' ? 'error' : ''}`, role: 'status', 'aria-live': 'polite' }, statusText(state)),
    state.phase === 'noManage' && h('div', { class: 'no-manage', role: 'alert' },
      h('p', {}, state.message),
      h('p', { class: 'muted' }, 'Listing or changing a scope\'s permissions needs MANAGE on it (or being a workspace admin).')),
    state.conflict && conflictBanner(state, actions),
    editable && table(state, actions, busy),
    editable && addForm(state, actions, busy),
    editable && changesSection(state),
    editable && h('div', { class: 'actions' },
      button('Save', 'Save', actions.save, { disabled: busy || state.staged.length === 0 || state.conflict !== null, primary: true, focus: 'save' }),
      button('Discard', 'Discard', actions.discard, { disabled: busy || (state.staged.length === 0 && state.results.length === 0), focus: 'discard' })),
  );
}

function statusText(state: ViewState): string {
  switch (state.phase) {
    case 'starting':
    case 'loading':
      return 'Loading permissions…';
    case 'saving':
      return 'Saving…';
    case 'listFailed':
      return state.message;
    case 'noManage':
      return '';
    case 'ready':
      return state.message;
  }
}

function table(state: ViewState, actions: Actions, busy: boolean): HTMLElement {
  const all = rows(state);
  return h('table', {},
    h('caption', {}, `Who may use this scope (${all.filter((r) => r.status !== 'removed').length})`),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Principal'),
      h('th', { scope: 'col' }, 'Type'),
      h('th', { scope: 'col' }, 'Permission'),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')),
      h('th', { scope: 'col' }, 'Change'))),
    h('tbody', {}, all.length === 0
      ? h('tr', {}, h('td', { colspan: '5', class: 'muted' }, 'No one has a permission on this scope (workspace admins can still manage it).'))
      : all.map((row) => tableRow(row, state, actions, busy))),
  );
}

function tableRow(row: Row, state: ViewState, actions: Actions, busy: boolean): Child {
  const p = row.principal;
  const removed = row.status === 'removed';
  const select = h('select', {
    'aria-label': `Permission for ${p}`,
    'data-focus': `perm:${p}`,
    disabled: busy || removed,
    onchange: (event) => actions.setPermission(p, (event.target as HTMLSelectElement).value as AclPermission),
  }, ACL_PERMISSIONS.map((perm) => h('option', { value: perm, selected: perm === (row.shown ?? row.listed) }, perm)));
  const toggle = removed
    ? button('Restore', `Restore ${p}`, () => actions.restore(p), { disabled: busy, focus: `restore:${p}` })
    : button('Remove', `Remove ${p}`, () => actions.remove(p), { disabled: busy, focus: `remove:${p}` });
  const confirming = state.confirm?.principal === p;
  return [
    h('tr', { class: `row ${row.status}`, 'data-principal': p },
      h('th', { scope: 'row', class: 'principal' }, p),
      h('td', { class: 'muted' }, KIND_LABEL[principalKind(p)]),
      h('td', {}, select),
      h('td', {}, toggle),
      h('td', { class: 'change' }, changeText(row), row.result && resultText(row))),
    confirming && h('tr', { class: 'confirm' }, h('td', { colspan: '5' },
      h('div', { role: 'alert' },
        h('span', {}, state.confirm?.permission === null
          ? `Removing ${p} leaves no one with MANAGE on this scope: only workspace admins could then manage it. `
          : `Changing ${p} to ${state.confirm?.permission} leaves no one with MANAGE on this scope: only workspace admins could then manage it. `),
        button(state.confirm?.permission === null ? 'Remove anyway' : 'Change anyway', undefined, () => actions.confirm(true), { focus: `confirm:${p}` }),
        button('Cancel', undefined, () => actions.confirm(false), { focus: `cancel:${p}` })))),
  ];
}

function changeText(row: Row): Child {
  switch (row.status) {
    case 'added':
      return h('span', { class: 'badge added' }, 'added');
    case 'removed':
      return h('span', { class: 'badge removed' }, 'removed');
    case 'changed':
      return h('span', { class: 'badge changed' }, `${row.listed} → ${row.shown}`);
    case 'unchanged':
      return null;
  }
}

function resultText(row: Row): Child {
  const result = row.result;
  if (!result) return null;
  return result.ok
    ? h('span', { class: 'result ok' }, 'Saved')
    : h('span', { class: 'result failed', role: 'alert' }, `Failed: ${result.error ?? 'unknown error'}`);
}

function addForm(state: ViewState, actions: Actions, busy: boolean): HTMLElement {
  const problem = state.draft.problem;
  return h('form', {
    class: 'add',
    onsubmit: (event) => {
      event.preventDefault();
      actions.add();
    },
  },
    h('h2', {}, 'Add a principal'),
    h('div', { class: 'fields' },
      h('input', {
        type: 'text',
        'aria-label': 'Principal',
        placeholder: 'user@example.com, a group, or an application id',
        'data-focus': 'draft',
        value: state.draft.principal,
        'aria-invalid': problem ? 'true' : undefined,
        'aria-describedby': problem ? 'draft-problem' : undefined,
        spellcheck: 'false',
        autocomplete: 'off',
        disabled: busy,
        oninput: (event) => actions.draftInput((event.target as HTMLInputElement).value),
      }),
      h('select', {
        'aria-label': 'Permission',
        'data-focus': 'draft-permission',
        disabled: busy,
        onchange: (event) => actions.draftPermission((event.target as HTMLSelectElement).value as AclPermission),
      }, ACL_PERMISSIONS.map((perm) => h('option', { value: perm, selected: perm === state.draft.permission }, perm))),
      h('button', { type: 'submit', 'data-focus': 'add', disabled: busy }, 'Add')),
    problem && h('p', { id: 'draft-problem', class: 'error', role: 'alert' }, problem),
  );
}

function changesSection(state: ViewState): Child {
  const loaded = state.loaded ?? [];
  const diff = diffAcls(loaded, [...loaded.filter((e) => !state.staged.some((c) => c.principal === e.principal)),
    ...state.staged.filter((c) => c.permission !== null).map((c) => ({ principal: c.principal, permission: c.permission! }))]);
  if (diff.length === 0) return null;
  return h('section', { class: 'changes', 'aria-label': 'Staged changes' },
    h('h2', {}, `Staged changes (${diff.length})`),
    h('ul', {}, diff.map((row) => h('li', { class: row.kind }, diffLine(row)))));
}

function diffLine(row: AclDiffRow): string {
  switch (row.kind) {
    case 'added':
      return `+ ${row.principal}: ${row.to}`;
    case 'removed':
      return `− ${row.principal} (was ${row.from})`;
    case 'changed':
      return `~ ${row.principal}: ${row.from} → ${row.to}`;
  }
}

function conflictBanner(state: ViewState, actions: Actions): HTMLElement {
  const changed = conflicts(state.loaded ?? [], state.conflict ?? [], state.staged);
  return h('section', { class: 'conflict', role: 'alert', 'aria-label': 'Changed since loaded' },
    h('p', {}, 'Someone changed these permissions since the panel listed them. Nothing was saved. Their changes:'),
    h('ul', {}, changed.map((row) => h('li', {}, diffLine(row), row.overlaps ? ' (you have a staged change for this principal)' : ''))),
    h('div', { class: 'actions' },
      button('Save anyway', 'Save anyway', actions.saveAnyway, { primary: true, focus: 'save-anyway' }),
      button('Review first', 'Review first', actions.keepEditing, { focus: 'review' })),
  );
}

function button(text: string, label: string | undefined, onClick: () => void, options: { disabled?: boolean; primary?: boolean; focus?: string } = {}): HTMLButtonElement {
  return h('button', {
    type: 'button',
    class: options.primary ? 'primary' : 'secondary',
    'aria-label': label && label !== text ? label : undefined,
    'data-focus': options.focus,
    disabled: options.disabled,
    onclick: onClick,
  }, text);
}
