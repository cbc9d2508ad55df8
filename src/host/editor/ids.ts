/** Ids of the editor commands (see package.json `contributes.commands`). */
export const EditorCommandIds = {
  move: 'databricksSecrets.editor.moveToSecret',
  moveAll: 'databricksSecrets.editor.moveAllInFile',
  ignore: 'databricksSecrets.editor.ignoreFinding',
  scanWorkspace: 'databricksSecrets.editor.scanWorkspace',
} as const;

/** globalState key of the workspace the last move went to (an id, never a token). */
export const LAST_WORKSPACE_STATE = 'databricksSecrets.editor.lastWorkspace';
/** globalState key of the scope the last move went to, per workspace id. */
export const LAST_SCOPE_STATE = 'databricksSecrets.editor.lastScope';
