import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Keeps a file in step with in-memory state, durably and with coalesced writes.
 *
 * Callers change memory synchronously, then call {@link commit}; it resolves once a write that began after the
 * change has been fsync'ed and renamed into place. Writes never overlap: while one is running, all later commits
 * are batched into the next one, so 50 concurrent writers cost a handful of fsyncs instead of 50 while each is
 * still only answered after its own change is on disk. Each write goes to a temporary file, is fsync'ed, renamed
 * over the target, and the directory is fsync'ed, so the file is always either the old or the new complete state.
 */
export class DurableFile {
  private requested = 0;
  private durable = 0;
  private running = false;
  private waiters: { generation: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private readonly tempPath: string;
  private completedWrites = 0;

  /** @param snapshot produces the full file content from the current in-memory state. */
  constructor(
    readonly path: string,
    private readonly snapshot: () => string,
  ) {
    // One writer per file, so a fixed name: a temp file left by a crash is simply overwritten next time.
    this.tempPath = `${path}.tmp`;
  }

  /** Number of complete file writes so far (shows how many changes were coalesced per write). */
  get writes(): number {
    return this.completedWrites;
  }

  /** Records that memory changed and resolves once that change is durable. */
  commit(): Promise<void> {
    const generation = ++this.requested;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ generation, resolve, reject }));
    void this.pump();
    return done;
  }

  /** Resolves once every change recorded so far is durable (immediately if nothing is pending). */
  flushed(): Promise<void> {
    if (this.durable >= this.requested) return Promise.resolve();
    const generation = this.requested;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ generation, resolve, reject }));
    void this.pump();
    return done;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.durable < this.requested) {
        const target = this.requested;
        const content = this.snapshot(); // taken synchronously: contains every change up to `target`
        try {
          await writeAtomically(this.path, this.tempPath, content);
          this.durable = target;
          this.completedWrites++;
          this.settle((w) => w.generation <= target, (w) => w.resolve());
        } catch (error) {
          const failure = new Error(`Could not write ${this.path}: ${(error as Error).message}`);
          this.settle((w) => w.generation <= target, (w) => w.reject(failure));
          // `durable` stays behind, so the next commit or flush rewrites the full state.
          if (this.requested === target) break;
        }
      }
    } finally {
      this.running = false;
    }
  }

  private settle(match: (w: DurableFile['waiters'][number]) => boolean, act: (w: DurableFile['waiters'][number]) => void): void {
    const ready = this.waiters.filter(match);
    this.waiters = this.waiters.filter((w) => !match(w));
    ready.forEach(act);
  }
}

/** Writes `content` to `path` through `tempPath`: write, fsync, rename, fsync the directory. */
export async function writeAtomically(path: string, tempPath: string, content: string): Promise<void> {
  const handle = await fs.open(tempPath, 'w', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tempPath, path);
  await syncDirectory(dirname(path));
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}
