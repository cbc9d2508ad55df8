export { completionContextAt, findReferences } from './parse';
export type { CompletionContext, ReferenceArgument, ReferenceForm, SecretReference } from './parse';
export { closestName } from './closest';
export { findUsages, notebookCellSources } from './usages';
export type { Usage } from './usages';
