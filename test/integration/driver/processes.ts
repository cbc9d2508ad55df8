import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';

/** A child process started through a {@link ProcessSupervisor}. */
export interface SupervisedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  readonly exited: Promise<number | string>;
}

/** Something to undo when the supervisor stops (e.g. closing an in-process server or a browser). */
export type Cleanup = () => Promise<void> | void;

const MAX_OUTPUT_CHARS = 2_000_000;

/**
 * Owns every process and resource a driver starts, and stops them all: on {@link stopAll}, on SIGINT/SIGTERM/SIGHUP,
 * and (synchronously, with SIGKILL) when the Node process exits any other way. Children run in their own process
 * group so that their own children (e.g. VS Code's extension host) are stopped with them.
 */
export class ProcessSupervisor {
  private readonly processes: SupervisedProcess[] = [];
  private readonly cleanups: { name: string; fn: Cleanup }[] = [];
  private readonly scratchDirs: string[] = [];
  private stopping: Promise<void> | undefined;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    console.error(`\nReceived ${signal}; stopping everything that was started...`);
    void this.stopAll().finally(() => process.exit(this.signalExitCode ?? (signal === 'SIGINT' ? 130 : 143)));
  };
  private readonly onExit = (): void => this.killAllNow();

  /** @param signalExitCode exit code after a signal-triggered stop (default 130 for SIGINT, 143 otherwise). */
  constructor(private readonly signalExitCode?: number) {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
    process.on('SIGHUP', this.onSignal);
    process.on('exit', this.onExit);
  }

  /** Starts `command` in its own process group, capturing its output; `echo` also copies it to this process's stderr. */
  spawn(name: string, command: string, args: readonly string[], options: SpawnOptions & { echo?: boolean } = {}): SupervisedProcess {
    const { echo, ...spawnOptions } = options;
    const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const append = (chunk: Buffer): void => {
      const s = chunk.toString('utf8');
      text = (text + s).slice(-MAX_OUTPUT_CHARS);
      if (echo) process.stderr.write(s);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    const exited = new Promise<number | string>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
      child.once('error', (err) => {
        append(Buffer.from(`\n[${name}] failed to start: ${err.message}\n`));
        resolve('spawn-error');
      });
    });
    const proc: SupervisedProcess = { name, child, output: () => text, exited };
    this.processes.push(proc);
    return proc;
  }

  /** Registers a clean-up step, run in reverse order of registration by {@link stopAll}. */
  onStop(name: string, fn: Cleanup): void {
    this.cleanups.push({ name, fn });
  }

  /** Deletes `dir` once every process has stopped (scratch folders such as a per-run user-data-dir). */
  removeOnStop(dir: string): void {
    this.scratchDirs.push(dir);
  }

  /** True once {@link stopAll} has begun (processes ending after that are expected to end). */
  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Stops every process (SIGTERM to its group, SIGKILL after `graceMs`) and runs the clean-ups. Safe to call twice. */
  stopAll(graceMs = 5000): Promise<void> {
    this.stopping ??= this.doStop(graceMs);
    return this.stopping;
  }

  private async doStop(graceMs: number): Promise<void> {
    for (const { name, fn } of [...this.cleanups].reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error(`Clean-up "${name}" failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await Promise.all(this.processes.map((p) => stopProcess(p, graceMs)));
    for (const dir of this.scratchDirs) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    process.off('SIGHUP', this.onSignal);
    process.off('exit', this.onExit);
  }

  private killAllNow(): void {
    for (const p of this.processes) signalGroup(p.child, 'SIGKILL');
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null && child.pid !== undefined;
}

/** Sends `signal` to the child's whole process group (falls back to the child alone). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

async function stopProcess(p: SupervisedProcess, graceMs: number): Promise<void> {
  if (!isRunning(p.child)) {
    signalGroup(p.child, 'SIGKILL'); // its children may outlive it
    return;
  }
  signalGroup(p.child, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([p.exited, timer])) === 'timeout') {
    signalGroup(p.child, 'SIGKILL');
    await p.exited;
  }
  signalGroup(p.child, 'SIGKILL'); // whatever is left of the group
}

/** Waits until `proc` prints something matching `pattern`; rejects if it exits first or after `timeoutMs`. */
export function waitForOutput(proc: SupervisedProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const m = proc.output().match(pattern);
      if (m) {
        finish();
        resolve(m);
        return true;
      }
      return false;
    };
    const onData = (): void => void check();
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${proc.name} did not print ${pattern} within ${timeoutMs} ms. Its output:\n${tail(proc.output())}`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      proc.child.stdout?.off('data', onData);
      proc.child.stderr?.off('data', onData);
    };
    proc.child.stdout?.on('data', onData);
    proc.child.stderr?.on('data', onData);
    void proc.exited.then((code) => {
      if (!check()) {
        finish();
        reject(new Error(`${proc.name} exited (${code}) before it printed ${pattern}. Its output:\n${tail(proc.output())}`));
      }
    });
    check();
  });
}

/** The last `lines` lines of a process's output, for error messages. */
export function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}
