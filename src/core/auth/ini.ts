/**
 * A reader for the INI dialect of `~/.databrickscfg`, as the Databricks CLI and Go SDK read it (they load the file
 * with go-ini's default options):
 *
 * - a UTF-8 byte-order mark is skipped; lines end with LF or CRLF (a lone CR too);
 * - blank lines and lines whose first non-blank character is `#` or `;` are comments;
 * - `[name]` opens a section (name trimmed; text after `]` ignored); a repeated section adds to the first;
 * - `key = value` or `key: value` (the first `=` or `:`); key and value trimmed; a later duplicate key wins;
 * - in a value, `#` or `;` starts an inline comment, unless the value is wrapped in backticks (kept whole);
 *   a value wrapped in matching single or double quotes loses the quotes;
 * - keys before the first section header belong to `DEFAULT`; key names and section names are case-sensitive.
 *
 * Unlike go-ini, which refuses the whole file, a line it cannot read (no `=` or `:`, an unclosed `[`, an empty
 * name) is skipped and reported by line number. Problems never quote the line: it may hold a token.
 */

/** Name of the section that keys before any header belong to. */
export const DEFAULT_SECTION = 'DEFAULT';

/** One section of the file, in first-appearance order. */
export interface IniSection {
  name: string;
  /** 1-based line of the first `[name]` header (0 for keys before any header). */
  line: number;
  /** The section's own keys and values; nothing inherited. */
  values: Map<string, string>;
  /** Lines inside this section that could not be read. */
  badLines: number[];
}

/** A line that could not be read. The message names the rule, never the line's text. */
export interface IniProblem {
  line: number;
  message: string;
}

/** What {@link parseIni} found. */
export interface IniDocument {
  sections: IniSection[];
  problems: IniProblem[];
}

/** Parses INI text as described in the module comment; never throws on content. */
export function parseIni(text: string): IniDocument {
  // A byte-order mark needs no code of its own: String.prototype.trim removes U+FEFF with the other blanks.
  const lines = text.split(/\r\n|\n|\r/);
  const sections: IniSection[] = [];
  const byName = new Map<string, IniSection>();
  const problems: IniProblem[] = [];

  const section = (name: string, line: number): IniSection => {
    let found = byName.get(name);
    if (!found) {
      found = { name, line, values: new Map(), badLines: [] };
      byName.set(name, found);
      sections.push(found);
    }
    return found;
  };
  // undefined: before any header (keys go to DEFAULT); null: after an unreadable header (keys go nowhere).
  let current: IniSection | null | undefined;
  const bad = (line: number, message: string): void => {
    problems.push({ line, message });
    current?.badLines.push(line);
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      const close = line.indexOf(']');
      if (close < 0) {
        current = null; // keys after an unreadable header belong to no profile
        bad(lineNo, `line ${lineNo}: a section header has no closing "]"`);
        return;
      }
      const name = line.slice(1, close).trim();
      if (name === '') {
        current = null;
        bad(lineNo, `line ${lineNo}: a section header has an empty name`);
        return;
      }
      current = section(name, lineNo);
      return;
    }
    const delimiter = line.search(/[=:]/);
    if (delimiter < 0) {
      bad(lineNo, `line ${lineNo}: expected "key = value" but found no "=" or ":"`);
      return;
    }
    const key = unquote(line.slice(0, delimiter).trim());
    if (key === '') {
      bad(lineNo, `line ${lineNo}: "=" or ":" with no key name before it`);
      return;
    }
    if (current === undefined) current = section(DEFAULT_SECTION, 0);
    if (current === null) return;
    current.values.set(key, readValue(line.slice(delimiter + 1)));
  });
  return { sections, problems };
}

function readValue(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('`')) {
    const end = value.indexOf('`', 1);
    if (end > 0) return value.slice(1, end);
  }
  const comment = value.search(/[#;]/);
  return unquote((comment < 0 ? value : value.slice(0, comment)).trim());
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
    return value.slice(1, -1);
  }
  return value;
}
