/** Types for preflight.cjs (plain CommonJS so it runs before anything is built). */
export interface Requirement {
  name: string;
  need: 'build' | 'browser';
  debian: string;
  commands?: string[];
  pkgConfig?: string;
  headers?: string[];
  files?: string[];
  browser?: boolean;
}
export interface Probe {
  platform: string;
  isRoot: boolean;
  hasApt: boolean;
  hasCommand(name: string): boolean;
  fileExists(file: string): boolean;
  pkgConfigExists(module: string): boolean;
  chromiumPath: string;
  codeServerInstalled: boolean;
}
export type Purpose = 'test' | 'demo';
export type Decision =
  | { action: 'ok' }
  | { action: 'install'; packages: string[]; command: string }
  | { action: 'stop'; message: string };
export const REQUIREMENTS: Requirement[];
export const PURPOSES: Record<Purpose, Array<'build' | 'browser'>>;
export function findMissing(purpose: Purpose, probe: Probe): Requirement[];
export function decide(purpose: Purpose, missing: Requirement[], probe: Probe): Decision;
export function aptInstallCommand(missing: Requirement[]): string;
export function debianPackages(missing: Requirement[]): string[];
export function stopMessage(purpose: Purpose, missing: Requirement[], probe: Probe): string;
export function harnessVersions(root?: string): { codeServer: string; nodeMajor: number };
export function codeServerInstalled(root?: string): boolean;
export interface MainDeps {
  probe?: () => Probe;
  runApt?: (args: string[]) => { ok: boolean; output: string };
  out?: (line: string) => void;
  err?: (line: string) => void;
}
export function main(argv?: string[], deps?: MainDeps): number;
