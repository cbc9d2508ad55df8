import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** A file chosen for scanning, or a reason it was left out. */
export type WalkEntry =
  /** `size` is known only when the walk had to stat the file (named on the command line, or a symbolic link). */
  | { readonly kind: 'file'; readonly path: string; readonly size?: number }
  | { readonly kind: 'skipped'; readonly path: string; readonly reason: 'too-large' | 'excluded' }
  | { readonly kind: 'error'; readonly path: string; readonly message: string };

export interface WalkOptions {
  /**
   * Files larger than this many bytes are skipped, when the walk knows their size. Files found in directories are
   * not stat'ed (one system call each, slow in VMs): whoever reads them checks the size (as `FileScanner` does).
   */
  readonly maxFileBytes: number;
  /** Returns true for paths (relative to the working directory, `/`-separated) that must not be scanned. */
  readonly excluded: (relativePath: string) => boolean;
  /** Working directory for relative paths (default `process.cwd()`). */
  readonly cwd?: string;
}

interface IgnoreLevel {
  readonly dir: string;
  readonly rules: Ignore;
}

function loadGitignore(dir: string): IgnoreLevel | undefined {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return undefined;
  try {
    return { dir, rules: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

/** Ancestors' .gitignore files up to the repository root (the nearest directory holding `.git`). */
function ancestorLevels(start: string): IgnoreLevel[] {
  const chain: string[] = [];
  let dir = dirname(start);
  for (let i = 0; i < 64; i++) {
    chain.unshift(dir);
    if (existsSync(join(dir, '.git'))) break;
    const up = dirname(dir);
    if (up === dir) return []; // not inside a repository: only the scanned tree's own .gitignore files apply
    dir = up;
  }
  return chain.map(loadGitignore).filter((l): l is IgnoreLevel => l !== undefined);
}

/** Git-like decision over nested .gitignore files: deeper files override shallower ones; `!` re-includes. */
function isIgnored(levels: readonly IgnoreLevel[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    let rel = relative(level.dir, path);
    if (!rel || rel.startsWith('..')) continue;
    rel = rel.split(sep).join('/') + (isDir ? '/' : '');
    const r = level.rules.test(rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Lists the files to scan under `paths`: directories are walked honouring `.gitignore` files (the repository's and
 * nested ones), skipping `.git` and excluded paths; hidden files such as `.env` are included. Files and directories
 * named explicitly are always scanned (unless excluded), even where an enclosing .gitignore ignores them. Missing or unreadable paths come back as `error` entries.
 */
export function* walk(paths: readonly string[], options: WalkOptions): Generator<WalkEntry> {
  const cwd = options.cwd ?? process.cwd();
  const rel = (p: string): string => relative(cwd, p).split(sep).join('/') || '.';
  for (const given of paths) {
    const abs = resolve(cwd, given);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      yield { kind: 'error', path: given, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String((e as Error).message) };
      continue;
    }
    if (st.isFile()) {
      if (options.excluded(rel(abs))) yield { kind: 'skipped', path: abs, reason: 'excluded' };
      else if (st.size > options.maxFileBytes) yield { kind: 'skipped', path: abs, reason: 'too-large' };
      else yield { kind: 'file', path: abs, size: st.size };
      continue;
    }
    if (!st.isDirectory()) continue;
    // A directory the person names is scanned even when the repository ignores it (a scanner that silently
    // skipped `.venv/` or `build/` because someone asked for exactly that would hide secrets); rules of
    // .gitignore files inside it still apply.
    const ancestors = ancestorLevels(join(abs, '.'));
    const base = isIgnored(ancestors, abs, true) ? [] : ancestors;
    const stack: Array<{ dir: string; levels: IgnoreLevel[] }> = [{ dir: abs, levels: base }];
    while (stack.length) {
      const { dir, levels: parentLevels } = stack.pop()!;
      const own = loadGitignore(dir);
      const levels = own && !parentLevels.some((l) => l.dir === dir) ? [...parentLevels, own] : parentLevels;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (e) {
        yield { kind: 'error', path: dir, message: String((e as Error).message) };
        continue;
      }
      const subdirs: string[] = [];
      for (const entry of entries) {
        const name = entry.name;
        if (name === '.git') continue;
        const full = join(dir, name);
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        let size: number | undefined;
        if (!isDir && !isFile) {
          // A symbolic link (or a file system that does not say): follow it.
          try {
            const s = statSync(full);
            isDir = s.isDirectory();
            isFile = s.isFile();
            size = s.size;
          } catch (e) {
            yield { kind: 'error', path: full, message: String((e as Error).message) };
            continue;
          }
        }
        if (!isDir && !isFile) continue;
        if (isIgnored(levels, full, isDir)) continue;
        if (options.excluded(rel(full))) {
          if (!isDir) yield { kind: 'skipped', path: full, reason: 'excluded' };
          continue;
        }
        if (isDir) subdirs.push(full);
        else if (size !== undefined && size > options.maxFileBytes) yield { kind: 'skipped', path: full, reason: 'too-large' };
        else yield size === undefined ? { kind: 'file', path: full } : { kind: 'file', path: full, size };
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i], levels });
    }
  }
}

/** True when the bytes look binary (a NUL byte in the first 8 KiB). */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).indexOf(0) >= 0;
}
