import type { E2eFlow } from '../flow';
import { editorMoveFlow } from './editorMove';
import { explorerFlow } from './explorer';

/** Every browser flow, run in order, each on a fresh workbench page. Later issues append theirs here. */
export const FLOWS: readonly E2eFlow[] = [explorerFlow, editorMoveFlow];
