/** Ids of the commands this extension contributes (see package.json `contributes.commands`). */
export const CommandIds = {
  addWorkspace: 'databricksSecrets.workspace.add',
  removeWorkspace: 'databricksSecrets.workspace.remove',
  setToken: 'databricksSecrets.workspace.setToken',
  refresh: 'databricksSecrets.explorer.refresh',
  showLog: 'databricksSecrets.showLog',
  createScope: 'databricksSecrets.scope.create',
  deleteScope: 'databricksSecrets.scope.delete',
  putSecret: 'databricksSecrets.secret.put',
  updateSecret: 'databricksSecrets.secret.update',
  deleteSecret: 'databricksSecrets.secret.delete',
  copyReference: 'databricksSecrets.secret.copyReference',
  insertReference: 'databricksSecrets.secret.insertReference',
  copyValue: 'databricksSecrets.secret.copyValue',
  importEnv: 'databricksSecrets.scope.importEnv',
} as const;

/** Id of the explorer view. */
export const EXPLORER_VIEW_ID = 'databricksSecrets.explorer';
