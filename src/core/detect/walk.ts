import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Notebooks are read up to this many times `maxFileBytes`: the limit applies to their source cells, not outputs. */
export const NOTEBOOK_READ_FACTOR = 16;

/** Why a path was left out, when the person should hear about it. */
export type SkipReason = 'too-large' | 'excluded' | 'link-loop' | 'broken-link';

/** A file chosen for scanning, or a reason it was left out. */
export type WalkEntry =
  /** `size` is known only when the walk had to stat the file (named on the command line, or a symbolic link). */
  | { readonly kind: 'file'; readonly path: string; readonly size?: number }
  | { readonly kind: 'skipped'; readonly path: string; readonly reason: SkipReason; readonly detail?: string }
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
  /**
   * Lists a repository's tracked files that its ignore rules match (`git ls-files -ci --exclude-standard`), as
   * paths relative to `root`; git tracks them, so they are scanned. Default: runs git (none when git is missing).
   */
  readonly trackedIgnored?: (root: string) => readonly string[];
}

/** git matches .gitignore patterns case-sensitively unless core.ignorecase (set on case-insensitive file systems). */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

interface IgnoreLevel {
  readonly dir: string;
  readonly rules: Ignore;
}

function loadGitignore(dir: string): IgnoreLevel | undefined {
  try {
    return { dir, rules: ignore({ ignorecase: IGNORE_CASE }).add(readFileSync(join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

/** A git repository met by the walk; the tracked files its rules ignore are listed on the first ignored path. */
interface Repo {
  readonly root: string;
  tracked?: { readonly files: ReadonlySet<string>; readonly dirs: ReadonlySet<string> };
}

/** The nearest repository root at or above `dir` (a directory holding `.git`), or undefined. */
function repoRootOf(dir: string): string | undefined {
  for (let i = 0; i < 64; i++) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/** .gitignore files from the repository root down to `dir`'s parent (none outside a repository). */
function ancestorLevels(dir: string, root: string | undefined): IgnoreLevel[] {
  if (root === undefined || root === dir) return [];
  const chain: string[] = [];
  for (let d = dirname(dir); ; d = dirname(d)) {
    chain.unshift(d);
    if (d === root || dirname(d) === d) break;
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

/** `git ls-files` for tracked files that the ignore rules match; empty when git is missing or fails. */
function gitTrackedIgnored(root: string): string[] {
  try {
    const out = execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--ignored', '--exclude-standard'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10000, maxBuffer: 64 * 1024 * 1024,
    });
    return out.split('\0').filter((p) => p !== '');
  } catch {
    return [];
  }
}

/** The identity of a folder (device + inode), or undefined when it cannot be stat'ed. */
function folderId(path: string): string | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

function errorMessage(e: unknown): string {
  return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String((e as Error).message);
}

/**
 * Lists the files to scan under `paths`: directories are walked honouring `.gitignore` files as git does (the
 * repository's and nested ones; a nested repository's own rules only; tracked files are scanned even when a rule
 * matches them), skipping `.git` and excluded paths; hidden files such as `.env` are included. Files and
 * directories named explicitly are always scanned (unless excluded), even where an enclosing .gitignore ignores
 * them. Each real folder (device + inode) and each file is listed once, however many links or overlapping paths
 * lead to it; a link back into a folder already walked, and a link to nothing, come back as `skipped` entries.
 * Ignored and excluded paths are never stat'ed or followed. Missing or unreadable paths come back as `error` entries.
 */
export function* walk(paths: readonly string[], options: WalkOptions): Generator<WalkEntry> {
  const cwd = options.cwd ?? process.cwd();
  const trackedIgnored = options.trackedIgnored ?? gitTrackedIgnored;
  const rel = (p: string): string => relative(cwd, p).split(sep).join('/') || '.';
  const limit = (p: string): number => options.maxFileBytes * (/\.ipynb$/i.test(p) ? NOTEBOOK_READ_FACTOR : 1);
  const folders = new Map<string, string>(); // folder id → the path it was walked as
  const files = new Set<string>(); // absolute paths, and device:inode of files that were stat'ed
  const once = (path: string, id?: string): boolean => {
    if (files.has(path) || (id !== undefined && files.has(id))) return false;
    files.add(path);
    if (id !== undefined) files.add(id);
    return true;
  };
  /** Whether the repository tracks `path` (or, for a folder, something inside it) although a rule ignores it. */
  const tracked = (repo: Repo | undefined, path: string, isDir: boolean): boolean => {
    if (!repo) return false;
    if (!repo.tracked) {
      const list = trackedIgnored(repo.root);
      const dirs = new Set<string>();
      for (const f of list) for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) dirs.add(f.slice(0, i));
      repo.tracked = { files: new Set(list), dirs };
    }
    const r = relative(repo.root, path).split(sep).join('/');
    return isDir ? repo.tracked.dirs.has(r) : repo.tracked.files.has(r);
  };
  for (const given of paths) {
    const abs = resolve(cwd, given);
    let st;
    try {
      st = statSync(abs, { bigint: true });
    } catch (e) {
      yield { kind: 'error', path: given, message: errorMessage(e) };
      continue;
    }
    if (st.isFile()) {
      if (!once(abs, `${st.dev}:${st.ino}`)) continue;
      if (options.excluded(rel(abs))) yield { kind: 'skipped', path: abs, reason: 'excluded' };
      else if (st.size > limit(abs)) yield { kind: 'skipped', path: abs, reason: 'too-large' };
      else yield { kind: 'file', path: abs, size: Number(st.size) };
      continue;
    }
    if (!st.isDirectory()) continue;
    const rootId = `${st.dev}:${st.ino}`;
    if (folders.has(rootId)) continue; // named twice, or inside a folder named before
    // A directory the person names is scanned even when the repository ignores it (a scanner that silently
    // skipped `.venv/` or `build/` because someone asked for exactly that would hide secrets); rules of
    // .gitignore files inside it still apply.
    const root = repoRootOf(abs);
    const repo: Repo | undefined = root === undefined ? undefined : { root };
    const ancestors = ancestorLevels(abs, root);
    const base = isIgnored(ancestors, abs, true) ? [] : ancestors;
    folders.set(rootId, abs);
    const stack: Array<{ dir: string; levels: IgnoreLevel[]; repo: Repo | undefined }> = [{ dir: abs, levels: base, repo }];
    while (stack.length) {
      const { dir, levels: parentLevels, repo: parentRepo } = stack.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (e) {
        yield { kind: 'error', path: dir, message: errorMessage(e) };
        continue;
      }
      // A nested repository: git applies its own rules only (the outer repository does not track its files).
      const nested = dir !== abs && entries.some((e) => e.name === '.git');
      const inherited = nested ? [] : parentLevels;
      const repoHere: Repo | undefined = nested ? { root: dir } : parentRepo;
      const own = entries.some((e) => e.name === '.gitignore' && !e.isDirectory()) && !inherited.some((l) => l.dir === dir) ? loadGitignore(dir) : undefined;
      const levels = own ? [...inherited, own] : inherited;
      const ignoredPath = (full: string, isDir: boolean): boolean => isIgnored(levels, full, isDir) && !tracked(repoHere, full, isDir);
      const subdirs: Array<{ path: string; link: boolean }> = [];
      for (const entry of entries) {
        const name = entry.name;
        if (name === '.git') continue;
        const full = join(dir, name);
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        let size: number | undefined;
        let fileId: string | undefined;
        if (!isDir && !isFile) {
          // A symbolic link (or a file system that does not say): checked against the rules before it is followed
          // (git does not follow links: a rule for the link's own name applies).
          if (ignoredPath(full, false) || (entry.isSymbolicLink() && ignoredPath(full, true))) continue;
          if (options.excluded(rel(full))) {
            yield { kind: 'skipped', path: full, reason: 'excluded' };
            continue;
          }
          let s;
          try {
            s = statSync(full, { bigint: true });
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code === 'ENOENT' || code === 'ELOOP') yield { kind: 'skipped', path: full, reason: code === 'ENOENT' ? 'broken-link' : 'link-loop' };
            else yield { kind: 'error', path: full, message: errorMessage(e) };
            continue;
          }
          isDir = s.isDirectory();
          isFile = s.isFile();
          size = Number(s.size);
          if (!isDir) fileId = `${s.dev}:${s.ino}`;
        }
        if (!isDir && !isFile) continue;
        if (ignoredPath(full, isDir)) continue;
        if (options.excluded(rel(full))) {
          if (!isDir) yield { kind: 'skipped', path: full, reason: 'excluded' };
          continue;
        }
        if (isDir) subdirs.push({ path: full, link: !entry.isDirectory() });
        else if (!once(full, fileId)) continue;
        else if (size !== undefined && size > limit(full)) yield { kind: 'skipped', path: full, reason: 'too-large' };
        else yield size === undefined ? { kind: 'file', path: full } : { kind: 'file', path: full, size };
      }
      // Each folder is claimed when first seen, in name order: a link to a folder claimed before is not followed.
      const next: string[] = [];
      for (const sub of subdirs) {
        const subId = folderId(sub.path);
        if (subId === undefined) {
          yield { kind: 'error', path: sub.path, message: 'cannot read the folder' };
          continue;
        }
        const seen = folders.get(subId);
        if (seen === undefined) {
          folders.set(subId, sub.path);
          next.push(sub.path);
        } else if (sub.link) yield { kind: 'skipped', path: sub.path, reason: 'link-loop', detail: rel(seen) };
        // else: a folder named on the command line as well, walked once already
      }
      for (let i = next.length - 1; i >= 0; i--) stack.push({ dir: next[i], levels, repo: repoHere });
    }
  }
}

/** True when the bytes look binary (a NUL byte in the first 8 KiB). */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).indexOf(0) >= 0;
}
