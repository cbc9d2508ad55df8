/** Ids of the commands this extension contributes (see package.json `contributes.commands`). */
export const CommandIds = {
  addWorkspace: 'databricksSecrets.workspace.add',
  removeWorkspace: 'databricksSecrets.workspace.remove',
  setToken: 'databricksSecrets.workspace.setToken',
  refresh: 'databricksSecrets.explorer.refresh',
  showLog: 'databricksSecrets.showLog',
  signOut: 'databricksSecrets.workspace.signOut',
  importProfiles: 'databricksSecrets.workspace.importProfiles',
} as const;

/** Id of the explorer view. */
export const EXPLORER_VIEW_ID = 'databricksSecrets.explorer';
