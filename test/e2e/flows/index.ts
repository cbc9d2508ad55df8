import type { E2eFlow } from '../flow';
import { aclFlow } from './acl';
import { editorMoveFlow } from './editorMove';
import { explorerFlow } from './explorer';
import { putAndDeleteSecretFlow } from './putAndDeleteSecret';

/** Every browser flow, run in order, each on a fresh workbench page. Later issues append theirs here. */
export const FLOWS: readonly E2eFlow[] = [explorerFlow, putAndDeleteSecretFlow, editorMoveFlow, aclFlow];
