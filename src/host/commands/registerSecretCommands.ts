import type * as vscode from 'vscode';
import { loadCommands, type CommandsModule } from '../lazyCommands';
import type { CommandDeps } from './commandDeps';
import { CommandIds } from './ids';
import { registerCommand } from './runCommand';

/** Each secret or scope command and the flow (in the lazily loaded commands bundle) that carries it out. */
const FLOWS: ReadonlyArray<readonly [string, (m: CommandsModule, deps: CommandDeps, args: unknown[]) => unknown]> = [
  [CommandIds.createScope, (m, deps, [arg, answers]) => m.createScopeFlowFromCommand(deps, arg, answers)],
  [CommandIds.deleteScope, (m, deps, [arg]) => m.deleteScopeFlow(deps, arg)],
  [CommandIds.putSecret, (m, deps, [arg]) => m.putSecretFlow(deps, arg)],
  [CommandIds.updateSecret, (m, deps, [arg]) => m.updateSecretFlow(deps, arg)],
  [CommandIds.deleteSecret, (m, deps, [arg, selection]) => m.deleteSecretsFlow(deps, arg, selection)],
  [CommandIds.copyReference, (m, deps, [arg]) => m.copyReferenceFlow(deps, arg)],
  [CommandIds.insertReference, (m, deps, [arg]) => m.insertReferenceFlow(deps, arg)],
  [CommandIds.copyValue, (m, deps, [arg]) => m.copyValueFlow(deps, arg)],
  [CommandIds.importEnv, (m, deps, [arg, second]) => m.importEnvFlow(deps, arg, second)],
];

/**
 * Registers the secret and scope commands: Create Scope, Delete Scope, Put Secret, Update Secret Value, Delete
 * Secret, Copy Secret Reference, Insert Secret Reference, Copy Secret Value, Import .env File into Scope. Each runs
 * through `registerCommand` (errors shown with their next step); the implementations load on first use.
 */
export function registerSecretCommands(deps: CommandDeps): vscode.Disposable[] {
  return FLOWS.map(([id, run]) => registerCommand(deps.log, id, (...args: unknown[]) => run(loadCommands(), deps, args)));
}
