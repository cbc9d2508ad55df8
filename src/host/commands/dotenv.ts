/**
 * Reads `.env` files for Import .env File into Scope. No `vscode` import (unit-tested with plain mocha).
 * Understands `KEY=value`, `export KEY=value`, `#` comments, blank lines, single quotes (literal), double quotes
 * (with \n, \t, \", \\ escapes, and spanning lines) and unquoted values with a trailing ` # comment`.
 */

/** One variable of a `.env` file. */
export interface EnvEntry {
  /** The name as written. */
  readonly name: string;
  /** A valid secret key name derived from it. */
  readonly key: string;
  readonly value: string;
  /** 1-based line of the name. */
  readonly line: number;
}

const NAME = /^[A-Za-z_][^\s=#'"]*$/;

/** A valid secret key for a variable name: characters outside `[A-Za-z0-9_.-]` become `_`, at most 128. */
export function keyForName(name: string): string {
  const key = name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 128);
  return key === '' ? '_' : key;
}

/** Parses a `.env` file's text. Later definitions of a name replace earlier ones. Lines that are not assignments are skipped. */
export function parseDotenv(text: string): EnvEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const byName = new Map<string, EnvEntry>();
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice('export '.length).trimStart();
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const name = line.slice(0, eq).trim();
    if (!NAME.test(name)) continue;
    let rest = line.slice(eq + 1).trimStart();
    let value: string;
    if (rest.startsWith('"')) {
      let body = rest.slice(1);
      let end = closingQuote(body);
      while (end < 0 && i + 1 < lines.length) {
        i++;
        body += `\n${lines[i]}`;
        end = closingQuote(body);
      }
      if (end < 0) end = body.length;
      value = body.slice(0, end).replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' })[c] ?? c);
    } else if (rest.startsWith("'")) {
      const end = rest.indexOf("'", 1);
      value = end < 0 ? rest.slice(1) : rest.slice(1, end);
    } else {
      const hash = rest.search(/\s#/);
      if (hash >= 0) rest = rest.slice(0, hash);
      value = rest.trim();
    }
    byName.delete(name);
    byName.set(name, { name, key: keyForName(name), value, line: lineNo });
  }
  return [...byName.values()];
}

/** Index of the first unescaped `"` in `text`, or -1. */
function closingQuote(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}
