/**
 * The secret and scope commands' implementations: the entry of the lazily loaded bundle `dist/commands.js`
 * (see esbuild.mjs and src/host/lazyCommands.ts), so activation does not pay for them. The modules whose classes
 * or state must be one with the extension's (errors, the API loader) are taken from the extension bundle itself
 * (listed in src/host/shared.ts).
 */
export { createScopeFlow, createScopeFlowFromCommand, type CreateScopeArgs } from './createScope';
export { putSecretFlow, type PutResult } from './putSecret';
export { updateSecretFlow } from './updateSecret';
export { deleteSecretsFlow, type DeleteSecretsResult } from './deleteSecret';
export { deleteScopeFlow } from './deleteScope';
export { copyReferenceFlow } from './copyReference';
export { insertReferenceFlow } from './insertReference';
export { copyValueFlow } from './copyValue';
export { importEnvFlow, type ImportReport } from './importEnv';
export { pickWorkspace, pickScope, askKeyName } from '../pick';
