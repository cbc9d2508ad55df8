import * as vscode from 'vscode';
import { pickScope } from '../pick/scopePicker';
import { commandTarget } from '../pick/target';
import { pickWorkspace } from '../pick/workspacePicker';
import { WorkspaceOperationError } from '../errors/hostErrors';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { REFERENCE_FORMATS, secretReference, type ReferenceFormat } from './secretReference';

/** A scope and key a reference points at. */
export interface ReferenceTarget {
  readonly scope: string;
  readonly key: string;
}

/** The scope and key: from a key node or `{ workspaceId, scope, key }`, else picked (workspace, scope, key). */
export async function referenceTarget(deps: CommandDeps, arg: unknown): Promise<ReferenceTarget | undefined> {
  const target = commandTarget(arg);
  if (target.scope !== undefined && target.key !== undefined) return { scope: target.scope, key: target.key };
  const workspace = await pickWorkspace(deps, arg, { placeHolder: vscode.l10n.t('Workspace of the secret') });
  if (!workspace) return undefined;
  const scope = target.scope ?? (await pickScope(deps, workspace, { allowCreate: false, placeHolder: vscode.l10n.t('Scope of the secret') }))?.name;
  if (scope === undefined) return undefined;
  const listing = await deps.model.secrets(workspace, scope);
  if (!listing.ok) throw new WorkspaceOperationError(workspace, listing.error);
  const picked = await deps.prompts.pick(
    listing.items.map((s) => ({ label: s.key })),
    { title: vscode.l10n.t('Secret in scope {0}', scope), placeHolder: vscode.l10n.t('Secret to reference') },
  );
  return picked ? { scope, key: picked.label } : undefined;
}

/** Names of the formats in the QuickPick. */
function formatLabel(format: ReferenceFormat): string {
  switch (format) {
    case 'python':
      return 'Python';
    case 'scala':
      return 'Scala';
    case 'r':
      return 'R';
    case 'sql':
      return 'SQL';
    case 'spark':
      return vscode.l10n.t('Spark config / cluster environment variable');
  }
}

/**
 * Copy Secret Reference: asks for the language (the one last used first) and copies the code that reads the
 * secret. Returns the text copied, or undefined when cancelled.
 */
export async function copyReferenceFlow(deps: CommandDeps, arg?: unknown): Promise<string | undefined> {
  const target = await referenceTarget(deps, arg);
  if (!target) return undefined;
  const last = deps.recent.referenceFormat;
  const ordered = [...REFERENCE_FORMATS.filter((f) => f === last), ...REFERENCE_FORMATS.filter((f) => f !== last)];
  const picked = await deps.prompts.pick(
    ordered.map((format) => ({ label: formatLabel(format), description: secretReference(format, target.scope, target.key), format })),
    { title: vscode.l10n.t('Copy reference to {0}', target.key), placeHolder: vscode.l10n.t('Language of the reference') },
  );
  if (!picked) return undefined;
  const text = secretReference(picked.format, target.scope, target.key);
  await vscode.env.clipboard.writeText(text);
  await deps.recent.useReferenceFormat(picked.format);
  deps.prompts.status(vscode.l10n.t('$(clippy) Copied {0} reference to {1}', formatLabel(picked.format), target.key));
  return text;
}

