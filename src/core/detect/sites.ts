import type { Literal } from './literals';
import type { ContextKind, Language } from './types';

/** Where a string literal is bound: the name it is assigned/passed to and the syntactic kind. */
export interface Site {
  readonly name: string;
  readonly kind: ContextKind;
}

/** How far back (characters) site analysis looks; bounds the work per literal so long lines stay linear. */
const LOOKBACK = 240;

/**
 * The dotted identifier ending at `end` (what `/[A-Za-z_][A-Za-z0-9_.]*$/` finds in the `max` characters before
 * `end`), by a backward scan: no slice, and no regex attempt from every position of a long run of name characters.
 */
function identTail(line: string, end: number, max: number): string | undefined {
  const stop = Math.max(0, end - max);
  let q = end;
  while (q > stop && isNameChar(line.charCodeAt(q - 1))) q--;
  while (q < end && !isNameStart(line.charCodeAt(q))) q++;
  return q < end ? line.slice(q, end) : undefined;
}

/** [A-Za-z_] */
function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** [A-Za-z0-9_.] */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46;
}
const CONF_SETTERS = /(?:^|\.)(?:conf\.set|set|config|setConf|setString|hadoopConfiguration\.set|setdefault|putenv|put|update|option|add_header|header|setHeader)$/;

function skipSpaceBack(line: string, i: number): number {
  while (i > 0 && (line.charCodeAt(i - 1) === 32 || line.charCodeAt(i - 1) === 9)) i--;
  return i;
}

/** The literal ending exactly at `end` (after trailing spaces are skipped), searched backwards from index `from`. */
function literalEndingAt(literals: readonly Literal[], from: number, end: number): number {
  for (let k = from; k >= 0 && k >= from - 2; k--) if (literals[k].end === end) return k;
  return -1;
}

/** Text of a literal's content (unescaped only for the common `\"` case; names never need more). */
function contentOf(line: string, l: Literal): string {
  return line.slice(l.contentStart, l.contentEnd);
}

/**
 * The innermost unclosed bracket before `pos`, skipping literals, within LOOKBACK characters: returns the bracket
 * and, for `(`, the dotted call name before it (`spark.conf.set`, `os.getenv`).
 */
export function enclosing(line: string, literals: readonly Literal[], litIndex: number, pos: number): { bracket: string; call: string } | undefined {
  let depth = 0;
  let k = litIndex - 1;
  const stop = Math.max(0, pos - LOOKBACK);
  for (let i = pos - 1; i >= stop; i--) {
    while (k >= 0 && literals[k].start > i) k--;
    if (k >= 0 && literals[k].end > i && literals[k].start <= i) {
      i = literals[k].start;
      k--;
      continue;
    }
    const c = line[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) {
        if (c !== '(') return { bracket: c, call: '' };
        const to = skipSpaceBack(line, i);
        return { bracket: c, call: identTail(line, to, to - Math.max(0, i - 80)) ?? '' };
      }
      depth--;
    }
  }
  return undefined;
}

function kindForName(name: string, fallback: ContextKind): ContextKind {
  return /^(?:spark\.|fs\.)/i.test(name) ? 'spark-conf' : fallback;
}

/**
 * Finds the site of literal `literals[index]` on `line`: `name = "v"`, `name: T = "v"`, `f(name="v")`, `{"name": "v"}`,
 * `"name" -> "v"`, `name <- "v"`, `os.environ["NAME"] = "v"`, `.option("name", "v")`, `spark.conf.set("k", "v")`,
 * SQL `IDENTIFIED BY 'v'` and `OPTIONS (name 'v')`, comparisons `name == "v"` / `"v" != name`, user-then-password calls
 * (`HTTPBasicAuth("u", "v")`, `smtp.login("u", "v")`) and `set_password("v")`. Returns undefined for any other position
 * (call arguments such as `os.getenv("X", "default")`, concatenations).
 */
export function findSite(
  line: string,
  literals: readonly Literal[],
  index: number,
  language: Language,
  accept: (name: string) => boolean = () => true,
): Site | undefined {
  const site = findSiteInner(line, literals, index, language, accept);
  return site && accept(site.name) ? site : undefined;
}

function findSiteInner(line: string, literals: readonly Literal[], index: number, language: Language, accept: (name: string) => boolean): Site | undefined {
  const lit = literals[index];
  // A literal followed by `+`, `%`, `.format(`, `*` or `[` is part of an expression: its value is not the secret.
  let a = lit.end;
  while (a < line.length && (line.charCodeAt(a) === 32 || line.charCodeAt(a) === 9)) a++;
  const next = line[a];
  if (next === '+' || next === '%' || next === '*' || next === '[' || (next === '.' && /^\.(?:format|join|replace)\b/.test(line.slice(a, a + 9)))) return undefined;

  if ((next === '=' || next === '!') && line[a + 1] === '=') return comparedAfter(line, a);

  const opEnd = skipSpaceBack(line, lit.start);
  if (opEnd === 0) return undefined;
  const c1 = line[opEnd - 1];
  const c2 = opEnd >= 2 ? line[opEnd - 2] : '';

  if (c1 === '=' && (c2 === '=' || c2 === '!')) return comparedBefore(line, opEnd - 2);
  if (c1 === '(') return passwordCallSite(line, opEnd - 1, a);

  if (c1 === '=' && c2 !== '=' && c2 !== '!' && c2 !== '<' && c2 !== '>' && c2 !== '+' && c2 !== '-' && c2 !== '*' && c2 !== '/') {
    return assignmentSite(line, literals, index, opEnd - (c2 === ':' ? 2 : 1), language, accept);
  }
  if (c1 === '-' && c2 === '<') return assignmentSite(line, literals, index, opEnd - 2, language, accept);
  if (c1 === '>' && c2 === '-') {
    const k = literalEndingAt(literals, index - 1, skipSpaceBack(line, opEnd - 2));
    return k >= 0 ? { name: contentOf(line, literals[k]), kind: 'dict-entry' } : undefined;
  }
  if (c1 === ':') {
    const before = skipSpaceBack(line, opEnd - 1);
    const k = literalEndingAt(literals, index - 1, before);
    if (k >= 0) return { name: contentOf(line, literals[k]), kind: kindForName(contentOf(line, literals[k]), 'dict-entry') };
    if (language === 'yaml' || language === 'plaintext' || language === 'json') {
      const name = identTail(line, before, 128);
      if (name !== undefined) return { name, kind: 'dict-entry' };
    }
    return undefined;
  }
  if (c1 === ',') {
    const k = literalEndingAt(literals, index - 1, skipSpaceBack(line, opEnd - 1));
    if (k < 0) return undefined;
    const basic = basicAuthSite(line, literals, k);
    if (basic) return basic;
    if (!accept(contentOf(line, literals[k]))) return undefined;
    const enc = enclosing(line, literals, k, literals[k].start);
    if (!enc || enc.bracket !== '(' || !CONF_SETTERS.test(enc.call)) return undefined;
    // The name literal must be the first argument.
    const argStart = skipSpaceBack(line, literals[k].start);
    if (line[argStart - 1] !== '(') return undefined;
    const name = contentOf(line, literals[k]);
    const call = enc.call;
    let kind: ContextKind = 'dict-entry';
    if (/(?:^|\.)option$/.test(call)) kind = 'jdbc-option';
    else if (/environ\.setdefault$|putenv$/.test(call)) kind = 'environment';
    else if (/(?:conf\.set|config|setConf|hadoopConfiguration\.set|\.set)$/.test(call) || /^(?:spark\.|fs\.)/.test(name)) kind = 'spark-conf';
    return { name, kind };
  }
  if (language === 'sql') return sqlSite(line, opEnd);
  return undefined;
}

/**
 * Calls taking a user name then a password: HTTP basic auth (`HTTPBasicAuth`, aiohttp's `BasicAuth`, httr's
 * `authenticate`), credential objects (`BasicHttpCredentials`, `BasicAuthCredentials`, `UsernamePasswordCredentials`,
 * `PasswordAuthentication`) and logins (`smtp.login`, paramiko's `auth_password`).
 */
const BASIC_AUTH_CALL =
  /(?:^|\.)(?:HTTP(?:Basic|Digest|Proxy)Auth|BasicAuth|authenticate|Basic(?:Http|Auth)?Credentials|UsernamePassword(?:Credentials|AuthenticationToken)|PasswordAuthentication|login|auth_password|authPassword)$/;

/** A comparison's other side, read back from `opAt` (the first character of `==`, `===`, `!=` or `!==`). */
function comparedBefore(line: string, opAt: number): Site | undefined {
  let p = opAt;
  while (p > 0 && (line[p - 1] === '=' || line[p - 1] === '!')) p--;
  const end = skipSpaceBack(line, p);
  const name = identTail(line, end, 160);
  return name === undefined ? undefined : { name: name.replace(/^(?:self|this|cls)\./, ''), kind: 'comparison' };
}

/** `"literal" == name`: the name after the operator that starts at `opAt`. */
function comparedAfter(line: string, opAt: number): Site | undefined {
  const m = /^[=!]={1,2}\s*([A-Za-z_][\w.]{0,127})(?![\w.(\[])/.exec(line.slice(opAt, opAt + 140));
  return m ? { name: m[1].replace(/^(?:self|this|cls)\./, ''), kind: 'comparison' } : undefined;
}

/** `user.set_password("v")`, `check_password("v")`: the only argument of a call that takes a password. */
const PASSWORD_CALL = /(?:^|\.)(?:set|check|verify|update|change|reset)_?[Pp]assword$/;

function passwordCallSite(line: string, openAt: number, afterLiteral: number): Site | undefined {
  if (line[afterLiteral] !== ')') return undefined;
  const call = identTail(line, skipSpaceBack(line, openAt), 80);
  return call !== undefined && PASSWORD_CALL.test(call) ? { name: 'password', kind: 'keyword-argument' } : undefined;
}

/**
 * HTTP basic auth with literal credentials: the password after the user name in `auth=("user", "pw")` (requests,
 * httpx), `HTTPBasicAuth("user", "pw")`, aiohttp's `BasicAuth(...)` or R httr's `authenticate(...)`. `k` is the user name's literal, which must open the tuple or the call.
 * The name is `<user>_password`, so the suggested key names the account.
 */
function basicAuthSite(line: string, literals: readonly Literal[], k: number): Site | undefined {
  const open = skipSpaceBack(line, literals[k].start);
  if (line[open - 1] !== '(') return undefined;
  const before = skipSpaceBack(line, open - 1);
  const isTuple = /\bauth\s*=$/i.test(line.slice(Math.max(0, before - 12), before));
  if (!isTuple && !BASIC_AUTH_CALL.test(identTail(line, before, 80) ?? '')) return undefined;
  const user = contentOf(line, literals[k]);
  return { name: /^[A-Za-z0-9_.@-]{1,64}$/.test(user) ? `${user}_password` : 'password', kind: 'keyword-argument' };
}

function assignmentSite(line: string, literals: readonly Literal[], index: number, opAt: number, language: Language, accept: (name: string) => boolean): Site | undefined {
  let end = skipSpaceBack(line, opAt);
  if (end === 0) return undefined;
  // os.environ["NAME"] = "v" / conf["password"] = "v"
  if (line[end - 1] === ']') {
    const k = literalEndingAt(literals, index - 1, skipSpaceBack(line, end - 1));
    if (k < 0) return undefined;
    const base = line.slice(Math.max(0, literals[k].start - 40), skipSpaceBack(line, literals[k].start));
    if (!base.endsWith('[')) return undefined;
    const kind: ContextKind = /environ\s*\[$/.test(base) ? 'environment' : 'dict-entry';
    return { name: contentOf(line, literals[k]), kind: kindForName(contentOf(line, literals[k]), kind) };
  }
  let name = identTail(line, end, 160);
  if (name === undefined) return undefined;
  // A type annotation: `token: str = "v"`, `val password: String = "v"`.
  const beforeName = skipSpaceBack(line, end - name.length);
  if (line[beforeName - 1] === ':' && line[beforeName - 2] !== ':') {
    const typeStart = skipSpaceBack(line, beforeName - 1);
    const typed = identTail(line, typeStart, 128);
    if (typed === undefined) return undefined;
    name = typed;
    end = typeStart;
  }
  if (name.includes('.')) name = name.replace(/^(?:self|this|cls|os\.environ)\./, '');
  if (!accept(name)) return undefined; // the bracket scan below is the costly part
  const enc = enclosing(line, literals, index, line.lastIndexOf(name, end));
  let kind: ContextKind = 'assignment';
  if (language === 'env' || language === 'shell') kind = 'environment';
  if (enc && enc.bracket === '(') {
    kind = /(?:^|\.)(?:setenv|Sys\.setenv)$/.test(enc.call) ? 'environment' : 'keyword-argument';
  }
  if (language === 'sql' && /^(?:spark\.|fs\.)/i.test(name)) kind = 'spark-conf';
  return { name, kind: kindForName(name, kind) };
}

/** SQL: `IDENTIFIED BY 'v'`, `PASSWORD 'v'` and `password 'v'` inside OPTIONS (...). */
function sqlSite(line: string, opEnd: number): Site | undefined {
  const before = line.slice(Math.max(0, opEnd - 120), opEnd);
  const ident = /\bIDENTIFIED\s+BY$/i.exec(before);
  if (ident) {
    const user = /\bUSER\s+[`"']?([A-Za-z0-9_.@-]+)/i.exec(before);
    return { name: user ? `${user[1]}_password` : 'password', kind: 'assignment' };
  }
  const opt = /(?:^|[\s(,])([A-Za-z_][A-Za-z0-9_.]*)$/.exec(before);
  if (opt) return { name: opt[1], kind: 'jdbc-option' };
  return undefined;
}
