/**
 * Minimal glob matching for `ignorePaths` and `--exclude`: `**` (any number of path segments), `*` (within a
 * segment), `?`, `[abc]`, and `{a,b}`. Paths use `/`. A pattern without `/` matches the base name anywhere; a pattern
 * with `/` is anchored to the start of the relative path (a leading `/` or `./` is dropped) and may also match any
 * suffix that starts at a segment boundary when it starts with `**`.
 */
export function globToRegExp(glob: string): RegExp {
  let g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (g.endsWith('/')) g = g.slice(0, -1);
  const anchored = g.includes('/');
  g = g.replace(/^\//, '');
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      const close = g.indexOf('}', i + 1);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${g.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else re += escape(c);
  }
  return new RegExp(anchored ? `^${re}(?:/.*)?$` : `(?:^|/)${re}(?:/.*)?$`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the relative path matches any of the globs. */
export function matchesAnyGlob(relativePath: string, globs: readonly string[] | readonly RegExp[]): boolean {
  const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  for (const g of globs) if ((typeof g === 'string' ? globToRegExp(g) : g).test(p)) return true;
  return false;
}
