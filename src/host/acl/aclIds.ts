/** Id of the "Manage Permissions" command (package.json `contributes.commands`). */
export const MANAGE_PERMISSIONS_COMMAND = 'databricksSecrets.scope.managePermissions';

/** View type of the ACL editor's webview panels (and of their serializer: `onWebviewPanel:` activation). */
export const ACL_PANEL_VIEW_TYPE = 'databricksSecrets.acl';
