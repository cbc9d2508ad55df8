/**
 * Finds references to Databricks secrets in source text, for every form the detector knows:
 * `dbutils.secrets.get(scope="s", key="k")` (Python keyword or positional, Scala and R with any spacing, line
 * breaks inside the call, `getBytes` too), SQL `secret('s', 'k')`, and Spark configuration `{{secrets/s/k}}`.
 *
 * Offsets are string indices (UTF-16 code units) into the text given, end-exclusive, so a VS Code document maps them
 * with `positionAt`. An argument that is not a plain string literal (a variable, an f-string, a concatenation) has no
 * `value`: it cannot be checked, so callers must not report it. The parser never throws and tolerates unfinished
 * code (an unterminated string or call, as while typing): {@link completionContextAt} relies on that.
 */

/** How the secret is read. */
export type ReferenceForm = 'dbutils' | 'sql' | 'sparkconf';

/** One argument of a reference. */
export interface ReferenceArgument {
  /** The literal's content when the argument is a plain string literal without escapes; undefined otherwise. */
  readonly value: string | undefined;
  /** Where the argument's expression starts and ends (quotes included for a literal). */
  readonly start: number;
  readonly end: number;
  /** Where the literal's content starts and ends (inside the quotes); equal to start/end when not a literal. */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** False for a string literal whose closing quote is missing (the person is still typing). */
  readonly closed: boolean;
}

/** A reference to one secret. */
export interface SecretReference {
  readonly form: ReferenceForm;
  /** The whole reference: from `dbutils`/`secret`/`{{` to the closing `)`/`}}` (or the end of what was parsed). */
  readonly start: number;
  readonly end: number;
  readonly scope?: ReferenceArgument;
  readonly key?: ReferenceArgument;
  /** False while the call's closing parenthesis (or `}}`) is missing. */
  readonly complete: boolean;
}

const DBUTILS_CALL = /\bdbutils\s*\.\s*secrets\s*\.\s*(?:get|getBytes)\s*\(/g;
// `secret(` not preceded by a word character, `.` or `_` (so not `get_secret(` or `x.secret(`).
const SQL_CALL = /(?<![\w.])secret\s*\(/gi;
const SPARK_CONF = /\{\{\s*secrets\/([^/}\s]*)(?:\/([^}\s]*))?(\s*\}\})?/g;

/** Every secret reference in `text`, in order of position. */
export function findReferences(text: string): SecretReference[] {
  const found: SecretReference[] = [];
  for (const match of text.matchAll(DBUTILS_CALL)) {
    found.push(parseCall('dbutils', text, match.index, match.index + match[0].length));
  }
  for (const match of text.matchAll(SQL_CALL)) {
    const call = parseCall('sql', text, match.index, match.index + match[0].length);
    // `secret(` is a common word: only a call whose first argument is a string literal counts.
    if (call.scope?.contentStart !== call.scope?.start) found.push(call);
  }
  for (const match of text.matchAll(SPARK_CONF)) found.push(sparkConfReference(match));
  return found.sort((a, b) => a.start - b.start);
}

function sparkConfReference(match: RegExpMatchArray): SecretReference {
  const start = match.index ?? 0;
  const scopeStart = start + match[0].indexOf('secrets/') + 'secrets/'.length;
  const scopeText = match[1] ?? '';
  const scope = literalArgument(scopeText, scopeStart, scopeStart + scopeText.length, true);
  let key: ReferenceArgument | undefined;
  if (match[2] !== undefined) {
    const keyStart = scopeStart + scopeText.length + 1;
    key = literalArgument(match[2], keyStart, keyStart + match[2].length, true);
  }
  return { form: 'sparkconf', start, end: start + match[0].length, scope, key, complete: match[3] !== undefined };
}

function literalArgument(value: string, contentStart: number, contentEnd: number, closed: boolean): ReferenceArgument {
  return { value, start: contentStart, end: contentEnd, contentStart, contentEnd, closed };
}

/** Reads a call's arguments from just after its `(`: positional (scope, key) or named `scope=`/`key=` in any spacing. */
function parseCall(form: ReferenceForm, text: string, start: number, afterParen: number): SecretReference {
  const args: { name: string | undefined; arg: ReferenceArgument }[] = [];
  let i = afterParen;
  let complete = false;
  while (i < text.length) {
    i = skipSpace(text, i);
    if (i >= text.length) break;
    if (text[i] === ')') {
      complete = true;
      i++;
      break;
    }
    const named = /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(text.slice(i, i + 80));
    const name = named ? named[1] : undefined;
    if (named) i += named[0].length;
    const arg = readArgument(text, i);
    args.push({ name, arg });
    i = skipSpace(text, arg.end);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === ')') {
      complete = true;
      i++;
    }
    break;
  }
  const positional = args.filter((a) => a.name === undefined).map((a) => a.arg);
  const byName = (n: string): ReferenceArgument | undefined => args.find((a) => a.name === n)?.arg;
  const scope = form === 'sql' ? positional[0] : byName('scope') ?? (args[0]?.name === undefined ? positional[0] : undefined);
  const key = form === 'sql' ? positional[1] : byName('key') ?? (args[0]?.name === undefined ? positional[1] : undefined);
  return { form, start, end: i, scope, key, complete };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

/**
 * One argument expression starting at `i`: a plain string literal ('…' or "…", no prefix, no escapes) gets its value;
 * anything else runs to the next top-level `,` or `)` and has none.
 */
function readArgument(text: string, i: number): ReferenceArgument {
  const quote = text[i];
  if (quote === '"' || quote === "'") {
    let j = i + 1;
    let escaped = false;
    while (j < text.length && text[j] !== quote && text[j] !== '\n') {
      if (text[j] === '\\') {
        escaped = true;
        j++;
      }
      j++;
    }
    const closed = text[j] === quote;
    const content = text.slice(i + 1, Math.min(j, text.length));
    const end = closed ? j + 1 : Math.min(j, text.length);
    const followedByMore = closed && /^\s*[^\s,)]/.test(text.slice(end, end + 40)); // "a" + b, "a" "b", """a"""
    // A triple-quoted string reads as '' followed by more: covered by followedByMore.
    if (escaped || followedByMore) return expressionArgument(text, i);
    return { value: content, start: i, end, contentStart: i + 1, contentEnd: i + 1 + content.length, closed };
  }
  return expressionArgument(text, i);
}

function expressionArgument(text: string, i: number): ReferenceArgument {
  let depth = 0;
  let j = i;
  let quote: string | undefined;
  for (; j < text.length; j++) {
    const c = text[j] as string;
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if ((c === ',' || c === ')') && depth === 0) break;
  }
  let end = j;
  while (end > i && /\s/.test(text[end - 1] as string)) end--;
  return { value: undefined, start: i, end, contentStart: i, contentEnd: end, closed: true };
}

/** Where the cursor is when it sits inside a reference's scope or key literal: what completion should offer. */
export interface CompletionContext {
  readonly form: ReferenceForm;
  readonly argument: 'scope' | 'key';
  /** What is typed between the literal's opening quote (or `/`) and the cursor. */
  readonly prefix: string;
  /** The range completion replaces: the literal's content (up to the cursor when the string is unterminated). */
  readonly replaceStart: number;
  readonly replaceEnd: number;
  /** For the key argument: the scope's literal value, when there is one. */
  readonly scope: string | undefined;
}

/**
 * The completion context at `offset` in `text`, or undefined when the cursor is not inside a scope or key literal of a
 * reference. Works on unfinished calls (`dbutils.secrets.get(scope="da|`).
 */
export function completionContextAt(text: string, offset: number): CompletionContext | undefined {
  for (const ref of findReferences(text)) {
    if (ref.start > offset) break;
    for (const argument of ['scope', 'key'] as const) {
      const arg = ref[argument];
      if (!arg || arg.value === undefined) continue;
      const insideEnd = arg.closed ? arg.contentEnd : Math.max(arg.contentEnd, offset);
      if (offset < arg.contentStart || offset > insideEnd) continue;
      return {
        form: ref.form,
        argument,
        prefix: text.slice(arg.contentStart, offset),
        replaceStart: arg.contentStart,
        replaceEnd: arg.closed ? arg.contentEnd : offset,
        scope: argument === 'key' ? ref.scope?.value : undefined,
      };
    }
  }
  return undefined;
}
