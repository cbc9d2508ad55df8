import * as vscode from 'vscode';
import { formatForLanguage, secretReference } from '../commands/secretReference';
import type { ExplorerNode } from './nodes/types';

/** Mime type of the secrets dragged out of the explorer: JSON `[{ scope, key }]` (names only, never values). */
export const SECRET_REFERENCE_MIME = 'application/vnd.databricks-secrets.reference+json';

interface DraggedSecret {
  readonly scope: string;
  readonly key: string;
}

function parseDragged(text: string): DraggedSecret[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is DraggedSecret => typeof item === 'object' && item !== null && typeof item.scope === 'string' && typeof item.key === 'string',
    );
  } catch {
    return [];
  }
}

/**
 * Lets key nodes be dragged out of the explorer. The drag carries the scope and key names; dropped into an
 * editor, {@link SecretReferenceDropProvider} writes the reference in that editor's language. Editors without the
 * provider get the Spark configuration form as plain text.
 */
export class ExplorerDragAndDrop implements vscode.TreeDragAndDropController<ExplorerNode> {
  readonly dragMimeTypes = [SECRET_REFERENCE_MIME, 'text/plain'];
  readonly dropMimeTypes: readonly string[] = [];

  handleDrag(source: readonly ExplorerNode[], dataTransfer: vscode.DataTransfer): void {
    const secrets: DraggedSecret[] = [];
    for (const node of source) if (node.kind === 'secret') secrets.push({ scope: node.parent.scope.name, key: node.secret.key });
    if (secrets.length === 0) return;
    dataTransfer.set(SECRET_REFERENCE_MIME, new vscode.DataTransferItem(JSON.stringify(secrets)));
    dataTransfer.set('text/plain', new vscode.DataTransferItem(secrets.map((s) => secretReference('spark', s.scope, s.key)).join('\n')));
  }
}

/** Turns secrets dropped from the explorer into references in the target document's language. */
export class SecretReferenceDropProvider implements vscode.DocumentDropEditProvider {
  async provideDocumentDropEdits(
    document: vscode.TextDocument,
    _position: vscode.Position,
    dataTransfer: vscode.DataTransfer,
  ): Promise<vscode.DocumentDropEdit | undefined> {
    const item = dataTransfer.get(SECRET_REFERENCE_MIME);
    if (!item) return undefined;
    const secrets = parseDragged(await item.asString());
    if (secrets.length === 0) return undefined;
    const format = formatForLanguage(document.languageId);
    return new vscode.DocumentDropEdit(secrets.map((s) => secretReference(format, s.scope, s.key)).join('\n'));
  }
}

/** Registers the drop provider for every document (editors and notebook cells). */
export function registerSecretReferenceDrop(): vscode.Disposable {
  return vscode.languages.registerDocumentDropEditProvider('*', new SecretReferenceDropProvider());
}
