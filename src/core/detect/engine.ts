import { classifyName, isExampleComment, isObviouslyNotSecret, nameWords, passesGenericFloor, SUPPRESS_MARKER, SUPPRESS_NEXT_LINE_MARKER } from './filters';
import { literalAround, tokenizeLine, type Literal, type LineTokens } from './literals';
import { buildAutomaton, withStops, type Keyword, type KeywordAutomaton } from './automaton';
import { PROVIDER_RULES, SITE_KEYWORDS, type ProviderRule } from './rules';
import { findSite, type Site } from './sites';
import { shannonEntropy } from './entropy';
import { isPlainCredential, onlyFillerWords } from './plain';
import type { Confidence, ContextKind, Language } from './types';

/** A string literal holding a finding: its raw source content and the findings it holds. */
export interface RawLiteral {
  readonly start: number;
  readonly end: number;
  readonly prefix: string;
  readonly quote: string;
  readonly triple: boolean;
  /** Offset of the content on the line, and the content as written (escapes included). */
  readonly contentStart: number;
  readonly content: string;
  /**
   * Every finding inside the literal, by position (this one included), when there are several: the replacement
   * replaces each of them (keeping the rest of the literal as it is would quote the others' secrets). Undefined
   * when the finding is the only one.
   */
  readonly parts?: readonly RawFinding[];
}

/** A finding in the coordinates of the text given to `scanText` (lines and characters 0-based). */
export interface RawFinding {
  readonly ruleId: string;
  readonly line: number;
  readonly start: number;
  readonly endLine: number;
  readonly end: number;
  readonly confidence: Confidence;
  readonly context: ContextKind;
  readonly name?: string;
  readonly defaultKey: string;
  /**
   * Where `defaultKey` was read from the line (a host name near a URL's password), and the rule's own key to use
   * instead when that text belongs to a finding: a key must never carry a piece of a secret.
   */
  readonly keyFrom?: { readonly start: number; readonly end: number; readonly fallback: string };
  readonly secret: string;
  /** The literal holding the secret on `line`, for the replacement. */
  readonly literal?: RawLiteral;
  /** Rank for overlap resolution (lower wins). */
  readonly rank: number;
}

const SITE_BIT = 1 << 24;
const PEM_BIT = 1 << 25;
/** `key` ending a longer name (`api_key`, `accountKey`, `fs.s3a.secret.key`); checked where it matches. */
const KEY_TAIL_BIT = 1 << 26;
/** `# MAGIC`, `// MAGIC`, `-- MAGIC`: a Databricks notebook's magic line (when at the start of a line). */
const MAGIC_BIT = 1 << 27;
/** `dbsecrets: ignore-next-line`: from here on, each scanned line needs its previous line. */
const NEXT_LINE_BIT = 1 << 28;

/** The keyword prefilter: which rules may match on a line, from the keywords found in it. */
function buildPrefilter(): KeywordAutomaton {
  const list: Keyword[] = [];
  PROVIDER_RULES.forEach((r, i) => r.keywords.forEach((word) => list.push({ word, mask: 1 << i })));
  SITE_KEYWORDS.forEach((word) => list.push({ word, mask: word === '-----begin' ? PEM_BIT | SITE_BIT : SITE_BIT }));
  // A bare `key` is everywhere in notebooks (`dbutils.secrets.get(scope=..., key=...)`, `key_cols`) and never a
  // credential name; only `key` after a letter or digit (optionally joined by `_`, `.` or `-`) counts.
  list.push({ word: 'key', mask: KEY_TAIL_BIT });
  for (const comment of ['#', '//', '--']) list.push({ word: `${comment} magic`, mask: MAGIC_BIT });
  list.push({ word: SUPPRESS_NEXT_LINE_MARKER, mask: NEXT_LINE_BIT });
  return buildAutomaton(list);
}

/** [A-Za-z0-9] */
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Whether a `key` ends a longer name (`[A-Za-z0-9][_.-]?key`), from the two codes before it (-1 before the start). */
function isKeyTail(p: number, q: number): boolean {
  return isAlnum(p) || ((p === 95 || p === 46 || p === 45) && isAlnum(q));
}

const PREFILTER = buildPrefilter();

/** The automaton's state at the last keyword end a `next` call returned. */
let hitState = 0;
/** Newlines the `next` calls have passed since the driver reset it. */
let newlines = 0;

/**
 * Runs the prefilter automaton over `text` from `from` in state `state`, counting newlines; returns the index of the
 * next character where a keyword ends (its state in `hitState`), or -1. Kept small on purpose: V8 optimises it
 * within the first file, where a loop inside a big function would run unoptimised while that is compiled.
 */
function nextInText(text: string, from: number, state: number): number {
  const { classOf, next, acceptFrom } = PREFILTER;
  const n = text.length;
  let lines = 0;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lines++;
    state = next[state + (c < 256 ? classOf[c] : 0)];
    if (state >= acceptFrom) {
      hitState = state;
      newlines += lines;
      return i;
    }
  }
  newlines += lines;
  return -1;
}

/** `nextInText` over bytes (ASCII or UTF-8: keywords are ASCII, and every byte of a multi-byte character is class 0). */
function nextInBytes(bytes: Uint8Array, from: number, state: number): number {
  const { classOf, next, acceptFrom } = PREFILTER;
  const n = bytes.length;
  let lines = 0;
  for (let i = from; i < n; i++) {
    const c = bytes[i];
    if (c === 10) lines++;
    state = next[state + classOf[c]];
    if (state >= acceptFrom) {
      hitState = state;
      newlines += lines;
      return i;
    }
  }
  newlines += lines;
  return -1;
}

/** What the line driver needs from a text or from a file's bytes. */
interface Source {
  readonly length: number;
  /** See `nextInText`. */
  next(from: number, state: number): number;
  code(i: number): number;
  /** Start of the line holding offset `i`, and the offset of the newline ending it (or the length). */
  lineStart(i: number): number;
  lineEnd(i: number): number;
  /** The text of [start, end) (whole lines or parts of one). */
  slice(start: number, end: number): string;
  startsWith(prefix: string, at: number): boolean;
  /** Whether [start, end) holds a `"` or `'`. */
  hasQuote(start: number, end: number): boolean;
}

function textSource(text: string): Source {
  return {
    length: text.length,
    next: (from, state) => nextInText(text, from, state),
    code: (i) => text.charCodeAt(i),
    lineStart: (i) => text.lastIndexOf('\n', i - 1) + 1,
    lineEnd: (i) => {
      const e = text.indexOf('\n', i);
      return e < 0 ? text.length : e;
    },
    slice: (start, end) => text.slice(start, end),
    startsWith: (prefix, at) => text.startsWith(prefix, at),
    hasQuote: (start, end) => {
      for (let i = start; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === 34 || c === 39) return true;
      }
      return false;
    },
  };
}

function bytesSource(bytes: Buffer, encoding: 'latin1' | 'utf8'): Source {
  return {
    length: bytes.length,
    next: (from, state) => nextInBytes(bytes, from, state),
    code: (i) => bytes[i],
    // Plain loops: lines are short, and Buffer's indexOf costs more per call than a line's worth of bytes.
    lineStart: (i) => {
      let j = i - 1;
      while (j >= 0 && bytes[j] !== 10) j--;
      return j + 1;
    },
    lineEnd: (i) => {
      let j = i;
      while (j < bytes.length && bytes[j] !== 10) j++;
      return j;
    },
    slice: (start, end) => bytes.toString(encoding, start, end),
    startsWith: (prefix, at) => {
      if (at + prefix.length > bytes.length) return false;
      for (let k = 0; k < prefix.length; k++) if (bytes[at + k] !== prefix.charCodeAt(k)) return false;
      return true;
    },
    hasQuote: (start, end) => {
      for (let i = start; i < end; i++) if (bytes[i] === 34 || bytes[i] === 39) return true;
      return false;
    },
  };
}

const MAX_HITS_PER_LINE = 64;
const MAX_SITES_PER_LINE = 2000;
const ALL_BITS = SITE_BIT | PEM_BIT | ((1 << PROVIDER_RULES.length) - 1);

/** Languages whose values may be unquoted (`NAME=value`, `name: value`, `spark.x value`). */
const UNQUOTED: Partial<Record<Language, RegExp>> = {
  // A `#` starts a comment only after whitespace (as python-dotenv, bash and YAML read it): inside a value it is kept.
  env: /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]{0,127})\s*=\s*([^\s'"#]\S{0,2047})/,
  shell: /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]{0,127})=([^\s'"#$`(][^\s;]{0,2047})/,
  yaml: /^\s*-?\s*([A-Za-z_][A-Za-z0-9_.-]{0,127})\s*:\s+([^\s'"#{[&*!|>]\S{0,2047})/,
  sparkconf: /^\s*((?:spark|fs)\.[A-Za-z0-9_.-]{1,200})\s*[=\s]\s*([^\s'"#][^\s#]{0,2047})/,
  sql: /^\s*SET\s+((?:spark|fs)\.[A-Za-z0-9_.-]{1,200})\s*=\s*([^\s'";][^\s;]{0,2047})/i,
  // IPython's `%env NAME=value` (or `%env NAME value`) line magic; only lines starting with `%` are tried.
  python: /^%env\s+([A-Za-z_][A-Za-z0-9_]{0,127})(?:\s*=\s*|\s+)([^\s'"#$]\S{0,2047})/,
};

/** Whether a line of `language` may hold an unquoted value (`NAME=value`), from its first character code. */
function mayBeUnquoted(language: Language, first: number): boolean {
  return UNQUOTED[language] !== undefined && (language !== 'python' || first === 37 /* % */);
}

interface UnquotedSite extends Site {
  readonly valueStart: number;
  readonly valueEnd: number;
}

function unquotedSite(line: string, language: Language): UnquotedSite | undefined {
  const re = UNQUOTED[language];
  if (!re) return undefined;
  const m = re.exec(line);
  if (!m) return undefined;
  const valueStart = m.index + m[0].length - m[2].length;
  const kind: ContextKind = language === 'env' || language === 'shell' || language === 'python' ? 'environment' : language === 'yaml' ? 'dict-entry' : 'spark-conf';
  return { name: m[1], kind, valueStart, valueEnd: valueStart + m[2].length };
}

/** Unescapes the content of a literal as the language would (only the common escapes). */
function unescape(raw: string, lit: Literal, language: Language): string {
  if (!raw.includes('\\') && !(language === 'sql' && raw.includes(lit.quote + lit.quote))) return raw;
  if (language === 'sql') return raw.split(lit.quote + lit.quote).join(lit.quote);
  if (lit.prefix.includes('r') || lit.prefix === 'raw') return raw;
  return raw.replace(/\\([\\'"nt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

const nameClassCache = new Map<string, boolean>();
/** classifyName, memoised (names repeat a lot within and across files). */
function isCredentialName(name: string): boolean {
  let v = nameClassCache.get(name);
  if (v === undefined) {
    v = classifyName(name) !== undefined;
    if (nameClassCache.size > 10000) nameClassCache.clear();
    nameClassCache.set(name, v);
  }
  return v;
}

const URLISH = new Set(['url-password', 'jdbc-password', 'slack-webhook', 'azure-sas-token', 'azure-storage-connection-string']);

/** A key read from the line (`<host>-password`) and where its name came from. */
interface HostKey {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

function hostKeyAt(m: RegExpExecArray | null, base: number): HostKey | undefined {
  if (!m?.indices?.[1]) return undefined;
  return { key: `${m[1]}-password`, start: base + m.indices[1][0], end: base + m.indices[1][1] };
}

/**
 * The key for a password in a URL or connection string, named after its host (`pg1-password`). The host is read
 * outside the secret (after its end, or before its start), never from the secret itself.
 */
function hostKey(line: string, s: number, e: number, ruleId: string): HostKey | undefined {
  if (ruleId === 'url-password') return hostKeyAt(/^@([A-Za-z0-9-]{1,63})/d.exec(line.slice(e, e + 64)), e);
  if (ruleId === 'jdbc-password') {
    // `jdbc:oracle:thin:user/password@//host` names the host after the password; other forms before it.
    const after = hostKeyAt(/^@\/{0,2}([A-Za-z0-9-]{1,63})/d.exec(line.slice(e, e + 66)), e);
    if (after) return after;
    const from = Math.max(0, s - 400);
    const before = line.slice(from, s);
    const at = before.lastIndexOf('//');
    return at < 0 ? undefined : hostKeyAt(/^\/\/([A-Za-z0-9-]{1,63})/d.exec(before.slice(at)), from + at);
  }
  if (ruleId === 'kafka-jaas-password') {
    // The login's user name makes the key (`svc-ingest-password`); Event Hubs' `$ConnectionString` does not.
    return hostKeyAt(/\busername\s*=\s*\\?["']([A-Za-z0-9][A-Za-z0-9._-]{0,62})\\?["']/di.exec(line), 0);
  }
  return undefined;
}

/**
 * A whole line that only reads a secret: `name = dbutils.secrets.get(scope="...", key="...")` (Python, Scala `val`,
 * R `<-`), optionally followed by a comment without quotes. Its literals are a scope and a key, never a secret, and
 * such lines are the most common credential-named lines in Databricks notebooks, so they skip tokenising.
 */
const SECRET_LOOKUP_LINE =
  /^\s*(?:(?:val|var)\s+)?[A-Za-z_][\w.]{0,127}\s*(?:=|<-)\s*dbutils\.secrets\.get(?:Bytes)?\(\s*(?:scope\s*=\s*)?(?:"[^"\\\n]{0,256}"|'[^'\\\n]{0,256}')\s*,\s*(?:key\s*=\s*)?(?:"[^"\\\n]{0,256}"|'[^'\\\n]{0,256}')\s*\)\s*(?:(?:#|\/\/)[^"'`]*)?$/;

/** `name = "literal"` (Python, Scala `val`/`var`, R `<-`), optionally followed by a comment without quotes. */
const PLAIN_ASSIGNMENT = /^\s*(?:(?:val|var)\s+)?([A-Za-z_]\w{0,127})\s*(?:=|<-)\s*(?:"[^"\\\n]{0,1024}"|'[^'\\\n]{0,1024}')\s*(?:(?:#|\/\/)[^"'`]*)?$/;

/**
 * A line whose only literal is assigned to a name that is not a credential name (`password_col = "pwd_hash"`,
 * `token_url = "https://..."`): the name-bound rules cannot report it, so it skips tokenising. Used only for lines
 * with credential-word keywords and no provider keyword.
 */
function isPlainAssignmentToOtherName(line: string): boolean {
  if (!PLAIN_ASSIGNMENT.test(line)) return false; // test(): no match array for the many lines that fail
  let i = 0;
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  if ((line.startsWith('val', i) || line.startsWith('var', i)) && (line.charCodeAt(i + 3) === 32 || line.charCodeAt(i + 3) === 9)) {
    i += 3;
    while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  }
  let j = i;
  while (j < line.length && (isAlnum(line.charCodeAt(j)) || line.charCodeAt(j) === 95)) j++;
  return !isCredentialName(line.slice(i, j));
}

class LineScanner {
  readonly out: RawFinding[] = [];
  constructor(
    private readonly text: string,
    private readonly language: Language,
    private readonly disabled: ReadonlySet<string>,
  ) {}

  /** Whether a line with these rules can only report something if it holds a quote (no unquoted values here). */
  needsQuotes(mask: number, first: number): boolean {
    return mask === SITE_BIT && !mayBeUnquoted(this.language, first);
  }

  scanLine(line: string, lineNo: number, lineOffset: number, mask: number, prevLine: string): void {
    if (line.includes(SUPPRESS_MARKER) && !line.includes(SUPPRESS_NEXT_LINE_MARKER)) return;
    if (prevLine.includes(SUPPRESS_NEXT_LINE_MARKER)) return;
    // Only credential-name keywords, no string literal and no unquoted-value syntax: nothing can be bound here.
    if (mask === SITE_BIT && !mayBeUnquoted(this.language, line.charCodeAt(0)) && (line.indexOf('"') < 0 && line.indexOf("'") < 0 || SECRET_LOOKUP_LINE.test(line) || isPlainAssignmentToOtherName(line))) return;
    const tokens = tokenizeLine(line, this.language, MAX_SITES_PER_LINE);
    const found: RawFinding[] = [];
    const unq = unquotedSite(line, this.language);
    let siteCache: Array<Site | null> | undefined;
    const siteOf = (_lit: Literal, index: number): Site | undefined => {
      siteCache ??= [];
      let site = siteCache[index];
      if (site === undefined) site = siteCache[index] = findSite(line, tokens.literals, index, this.language) ?? null;
      return site ?? undefined;
    };
    const credentialSite = (_lit: Literal, index: number): Site | undefined => {
      const cached = siteCache?.[index];
      if (cached !== undefined) return cached ?? undefined;
      return findSite(line, tokens.literals, index, this.language, isCredentialName);
    };

    {
      for (let i = 0; i < PROVIDER_RULES.length; i++) {
        if ((mask & (1 << i)) === 0) continue;
        const rule = PROVIDER_RULES[i];
        if (this.disabled.has(rule.id)) continue;
        this.runProvider(rule, i, line, lineNo, tokens, unq, siteOf, found);
      }
    }
    if (mask & PEM_BIT && !this.disabled.has('private-key')) this.runPem(line, lineNo, lineOffset, tokens, found);
    if (mask & SITE_BIT && this.language !== 'markdown') this.runSites(line, lineNo, tokens, unq, credentialSite, found);
    if (found.length === 0) return;
    this.resolveOverlaps(found, tokens, line);
  }

  private runProvider(
    rule: ProviderRule, rank: number, line: string, lineNo: number, tokens: LineTokens, unq: UnquotedSite | undefined,
    siteOf: (lit: Literal, index: number) => Site | undefined, found: RawFinding[],
  ): void {
    const re = rule.pattern;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const span = rule.group >= 0 ? m.indices?.[rule.group] : m.indices?.slice(1).find((x) => x !== undefined);
      if (!span) continue;
      const [s, e] = span;
      const secret = line.slice(s, e);
      if (rule.accept && !rule.accept(secret, line)) continue;
      const idx = literalAround(tokens.literals, s, e);
      const lit = idx >= 0 ? tokens.literals[idx] : undefined;
      let context: ContextKind = URLISH.has(rule.id) ? 'url' : 'bare-literal';
      let name: string | undefined;
      const whole = lit !== undefined && lit.contentStart === s && lit.contentEnd === e;
      if (lit) {
        const site = siteOf(lit, idx);
        if (site && (whole || !URLISH.has(rule.id))) {
          context = site.kind;
          name = site.name;
        }
      } else if (unq && s >= unq.valueStart && e <= unq.valueEnd) {
        if (unq.valueStart === s && unq.valueEnd === e) name = unq.name;
        context = URLISH.has(rule.id) && !name ? 'url' : unq.kind;
      }
      if (name !== undefined && !whole && !(unq && unq.valueStart === s)) name = undefined;
      if (name !== undefined && !isCredentialName(name) && /(?:^|[._])(?:url|uri|endpoint|host)$/i.test(name)) name = undefined;
      const host = hostKey(line, s, e, rule.id);
      const f = this.make(rule.id, lineNo, s, lineNo, e, rule.confidence, context, name, host?.key ?? rule.defaultKey, secret, lit, line, rank);
      found.push(host ? { ...f, keyFrom: { start: host.start, end: host.end, fallback: rule.defaultKey } } : f);
    }
  }

  private readonly endMarkers = new Map<string, { from: number; at: number }>();

  /** Next occurrence of `marker` at or after `from`, memoised so many BEGIN lines without an END stay linear. */
  private nextEnd(marker: string, from: number): number {
    const memo = this.endMarkers.get(marker);
    if (memo && from >= memo.from && (memo.at < 0 || from <= memo.at)) return memo.at;
    const at = this.text.indexOf(marker, from);
    this.endMarkers.set(marker, { from, at });
    return at;
  }

  private runPem(line: string, lineNo: number, lineOffset: number, tokens: LineTokens, found: RawFinding[]): void {
    const re = /-----BEGIN ((?:RSA |EC |OPENSSH |DSA |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const absStart = lineOffset + m.index;
      const endMarker = `-----END ${m[1]}-----`;
      const endAt = this.nextEnd(endMarker, absStart + m[0].length);
      if (endAt < 0 || endAt - absStart > 20000) continue;
      const absEnd = endAt + endMarker.length;
      const block = this.text.slice(absStart, absEnd);
      const body = block.slice(m[0].length, block.length - endMarker.length).replace(/\\n|\\r|[\s"',+]/g, '');
      if (body.length < 64 || isObviouslyNotSecret(body) || shannonEntropy(body) < 4) continue;
      let endLine = lineNo;
      let lastNl = -1;
      for (let i = block.indexOf('\n'); i >= 0; i = block.indexOf('\n', i + 1)) {
        endLine++;
        lastNl = i;
      }
      const end = endLine === lineNo ? m.index + block.length : block.length - lastNl - 1;
      const s = m.index;
      const gcp = /private_key["']?\s*[:=]/.test(line.slice(0, s));
      const ruleId = gcp ? 'gcp-service-account-key' : 'private-key';
      if (this.disabled.has(ruleId)) continue;
      const idx = endLine === lineNo ? literalAround(tokens.literals, s, end) : -1;
      const lit = idx >= 0 ? tokens.literals[idx] : undefined;
      const secret = block.replace(/\\n/g, '\n');
      found.push(this.make(ruleId, lineNo, s, endLine, end, 'high', gcp ? 'dict-entry' : 'bare-literal', undefined, gcp ? 'gcp-service-account-key' : 'private-key', secret, lit, line, -1));
      if (endLine !== lineNo) break;
      re.lastIndex = end;
    }
  }

  private runSites(
    line: string, lineNo: number, tokens: LineTokens, unq: UnquotedSite | undefined,
    credentialSite: (lit: Literal, index: number) => Site | undefined, found: RawFinding[],
  ): void {
    const lits = tokens.literals;
    // Real code never has thousands of literals on a line; generated or minified text is not worth more.
    const limit = Math.min(lits.length, MAX_SITES_PER_LINE);
    for (let i = 0; i < limit; i++) {
      const lit = lits[i];
      const len = lit.contentEnd - lit.contentStart;
      if (!lit.closed || len < 3 || len > 1024) continue;
      const site = credentialSite(lit, i);
      if (!site) continue;
      this.site(site.name, site.kind, line, lineNo, lit.contentStart, lit.contentEnd, unescape(line.slice(lit.contentStart, lit.contentEnd), lit, this.language), lit, found);
    }
    if (unq) this.site(unq.name, unq.kind, line, lineNo, unq.valueStart, unq.valueEnd, line.slice(unq.valueStart, unq.valueEnd), undefined, found);
  }

  private site(name: string, kind: ContextKind, line: string, lineNo: number, s: number, e: number, value: string, lit: Literal | undefined, found: RawFinding[]): void {
    const cls = classifyName(name);
    if (!cls) return;
    const words = nameWords(name);
    // AWS secret access keys are 40 base64 characters; `SECRET_KEY` or an aws/s3 name next to one is enough.
    const awsName = words.includes('aws') || words.includes('s3a') || words.includes('s3') || (words.includes('secret') && words.includes('key'));
    if (cls === 'secret' && awsName && /^[A-Za-z0-9/+]{40}$/.test(value) && !isObviouslyNotSecret(value) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value) && shannonEntropy(value) >= 3.5 && !/EXAMPLE/.test(value)) {
      if (!this.disabled.has('aws-secret-access-key')) found.push(this.make('aws-secret-access-key', lineNo, s, lineNo, e, 'high', kind, name, 'aws-secret-access-key', value, lit, line, 100));
      return;
    }
    // medium: a value that looks generated; low: a plain or short value that is still not a placeholder (plain.ts).
    // Neither for a stand-in made of filler words (`myPass`, `test_password1`), however varied its letters.
    if (onlyFillerWords(value)) return;
    const confidence: Confidence | undefined = passesGenericFloor(value, cls) ? 'medium' : isPlainCredential(value, cls, name) ? 'low' : undefined;
    if (!confidence) return;
    const ruleId = cls === 'password' ? 'generic-password' : 'generic-secret';
    if (this.disabled.has(ruleId)) return;
    found.push(this.make(ruleId, lineNo, s, lineNo, e, confidence, kind, name, ruleId === 'generic-password' ? 'password' : 'secret', value, lit, line, 101));
  }

  private make(
    ruleId: string, line: number, start: number, endLine: number, end: number, confidence: Confidence, context: ContextKind,
    name: string | undefined, defaultKey: string, secret: string, lit: Literal | undefined, text: string, rank: number,
  ): RawFinding {
    const literal: RawLiteral | undefined = lit && !lit.triple && lit.closed && endLine === line
      ? { start: lit.start, end: lit.end, prefix: lit.prefix, quote: lit.quote, triple: lit.triple, contentStart: lit.contentStart, content: text.slice(lit.contentStart, lit.contentEnd) }
      : undefined;
    return { ruleId, line, start, endLine, end, confidence, context, name, defaultKey, secret, literal, rank };
  }

  /** Keeps the best-ranked finding where findings overlap; drops findings inside example comments. */
  private resolveOverlaps(found: RawFinding[], tokens: LineTokens, line: string): void {
    const exampleComment = tokens.commentStart < line.length && isExampleComment(line.slice(tokens.commentStart));
    found.sort((a, b) => a.start - b.start || a.rank - b.rank);
    let last: RawFinding | undefined;
    const kept: RawFinding[] = [];
    for (const f of found) {
      if (exampleComment && f.start >= tokens.commentStart) continue;
      if (last && f.line === last.line && f.start < last.end && last.endLine === last.line) {
        if (f.rank < last.rank) {
          kept[kept.length - 1] = f;
          last = f;
        }
        continue;
      }
      kept.push(f);
      last = f;
    }
    for (const f of withoutQuotedSecrets(kept, found, line.length)) this.out.push(f);
  }
}

/** End of finding `f` on its first line. */
function endOnLine(f: RawFinding, lineEnd: number): number {
  return f.endLine === f.line ? f.end : lineEnd;
}

/**
 * The kept findings of a line made safe to print: a literal's findings each get the list of all of them (the
 * replacement replaces every one); a literal whose remaining text still overlaps a finding (one dropped as an
 * overlap) gets no replacement; a key read from text that belongs to a finding falls back to the rule's key.
 * `kept` are disjoint and sorted by start; the work is O(n log n) in the findings of the line.
 */
function withoutQuotedSecrets(kept: RawFinding[], found: readonly RawFinding[], lineEnd: number): RawFinding[] {
  if (found.length === 1) return kept; // the usual line: one finding, nothing else to quote
  // Sorted, disjoint spans of every finding's text on the line (kept ones cover dropped ones where they overlap).
  const spans: Array<[number, number]> = [];
  for (const g of [...found].sort((x, y) => x.start - y.start)) {
    const e = endOnLine(g, lineEnd);
    const last = spans[spans.length - 1];
    if (last && g.start <= last[1]) last[1] = Math.max(last[1], e);
    else spans.push([g.start, e]);
  }
  /** Whether [from, to) overlaps the text of any finding. */
  const touchesSecret = (from: number, to: number): boolean => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][1] <= from) lo = mid + 1;
      else if (spans[mid][0] >= to) hi = mid - 1;
      else return true;
    }
    return false;
  };
  const keyed = kept.map((f) => (f.keyFrom && touchesSecret(f.keyFrom.start, f.keyFrom.end) ? { ...f, defaultKey: f.keyFrom.fallback, keyFrom: undefined } : f));
  const byLiteral = new Map<number, RawFinding[]>();
  for (const f of keyed) {
    if (!f.literal) continue;
    const group = byLiteral.get(f.literal.start);
    if (group) group.push(f);
    else byLiteral.set(f.literal.start, [f]);
  }
  const safe = new Map<number, boolean>();
  return keyed.map((f) => {
    const lit = f.literal;
    if (!lit) return f;
    const parts = byLiteral.get(lit.start)!;
    let ok = safe.get(lit.start);
    if (ok === undefined) {
      // The text kept as a literal is the content minus the parts: it must not touch any finding.
      ok = true;
      let from = lit.contentStart;
      for (let k = 0; k <= parts.length && ok; k++) {
        const to = k < parts.length ? parts[k].start : lit.contentStart + lit.content.length;
        if (to > from && touchesSecret(from, to)) ok = false;
        if (k < parts.length) from = parts[k].end;
      }
      safe.set(lit.start, ok);
    }
    return ok ? (parts.length > 1 ? { ...f, literal: { ...lit, parts } } : f) : { ...f, literal: undefined };
  });
}

/** A line the driver skipped because it starts with the skip prefix (a notebook's magic line). */
export interface SkippedLine {
  readonly line: number;
  /** Offsets of the line's first character and of the newline ending it (or the end). */
  readonly start: number;
  readonly end: number;
}

/**
 * The line driver: one pass of the prefilter automaton over `src`; only lines with a keyword are cut out, and only
 * the rules whose keywords occur run on them. Lines starting with `skipLinePrefix` are not scanned but reported to
 * `onSkipped` (when they hold the prefix as a keyword, which a notebook's magic prefix is).
 */
function scanSource(src: Source, scanner: LineScanner, skipLinePrefix: string | undefined, abortMask: number, onSkipped?: (line: SkippedLine) => void): RawFinding[] | undefined {
  let lineNo = 0;
  let lineStart = 0;
  let lineEnd = -1;
  let mask = 0;
  // A line is skipped when the line before it holds the marker, which the automaton has passed by then.
  let needPrevLine = false;
  const flush = (): void => {
    if (skipLinePrefix !== undefined && src.startsWith(skipLinePrefix, lineStart)) {
      onSkipped?.({ line: lineNo, start: lineStart, end: lineEnd });
      return;
    }
    const rules = mask & ~(MAGIC_BIT | NEXT_LINE_BIT);
    if (rules === 0) return;
    const end = lineEnd > lineStart && src.code(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    if (scanner.needsQuotes(rules, lineStart < end ? src.code(lineStart) : -1) && !src.hasQuote(lineStart, end)) return; // not even decoded
    const prev = needPrevLine && lineStart > 0 ? src.slice(src.lineStart(lineStart - 1), lineStart) : '';
    scanner.scanLine(src.slice(lineStart, end), lineNo, lineStart, rules, prev);
  };
  newlines = 0;
  let hits = 0;
  let state = 0;
  for (let i = src.next(0, 0); i >= 0; i = src.next(i + 1, state)) {
    state = hitState;
    // A keyword ends at i (keywords hold no newline, so it started on the same line).
    if (i > lineEnd) {
      if (mask !== 0) flush();
      mask = 0;
      hits = 0;
      lineNo = newlines;
      lineStart = src.lineStart(i);
      lineEnd = src.lineEnd(i);
    }
    let m = PREFILTER.masks[(state / PREFILTER.classes) | 0];
    if (m & abortMask) return undefined;
    if (m & NEXT_LINE_BIT) needPrevLine = true;
    if (m & KEY_TAIL_BIT) m = (m & ~KEY_TAIL_BIT) | (isKeyTail(i >= 3 ? src.code(i - 3) : -1, i >= 4 ? src.code(i - 4) : -1) ? SITE_BIT : 0);
    mask |= m;
    if (++hits === MAX_HITS_PER_LINE) {
      // A keyword-stuffed line (minified or generated text): run every rule once instead of probing on.
      mask |= ALL_BITS;
      if (lineEnd >= src.length) break;
      i = lineEnd; // the loop goes on after this line's newline, which the automaton did not see
      newlines++;
      state = 0;
    }
  }
  if (mask !== 0) flush();
  return scanner.out;
}

/**
 * Scans `text` as `language`, line by line (see `scanSource`). Lines starting with `skipLinePrefix` (a notebook's
 * `# MAGIC` lines, scanned separately) are skipped.
 */
export function scanText(text: string, language: Language, disabled: ReadonlySet<string> = new Set(), skipLinePrefix?: string): RawFinding[] {
  return scanSource(textSource(text), new LineScanner(text, language, disabled), skipLinePrefix, 0) ?? [];
}

/**
 * `scanText` for a file held as bytes (ASCII or UTF-8), decoding only the lines the prefilter flags: most of a file
 * never becomes a string. Gives up (undefined) at the first `-----BEGIN`: a PEM block spans lines, so the caller
 * scans the whole text instead. Magic lines (starting with `skipLinePrefix`) go to `onSkipped`.
 */
export function scanBytes(bytes: Buffer, encoding: 'latin1' | 'utf8', language: Language, disabled: ReadonlySet<string>, skipLinePrefix?: string, onSkipped?: (line: SkippedLine) => void): RawFinding[] | undefined {
  return scanSource(bytesSource(bytes, encoding), new LineScanner('', language, disabled), skipLinePrefix, PEM_BIT, onSkipped);
}

/** The prefilter for JSON strings: a string's quote, backslash and control characters lead to its stop state. */
const JSON_STRING_PREFILTER = withStops(PREFILTER, [34, 92, ...Array.from({ length: 32 }, (_, c) => c)]);

/**
 * The prefilter for a caller that runs the automaton inside its own loop over raw bytes: the `.ipynb` reader, over
 * each source string as it finds the string's end. `hitMask` is the mask to record for a keyword end at `i` reached
 * in `state` (`key` tails resolved), or 0 when it does not count; a recorded mask may hold `PEM_BIT`.
 */
export const BYTE_PREFILTER = {
  automaton: JSON_STRING_PREFILTER,
  hitMask(state: number, bytes: Uint8Array, i: number): number {
    let m = JSON_STRING_PREFILTER.masks[(state / JSON_STRING_PREFILTER.classes) | 0];
    if (m & KEY_TAIL_BIT) m = (m & ~KEY_TAIL_BIT) | (isKeyTail(i >= 3 ? bytes[i - 3] : -1, i >= 4 ? bytes[i - 4] : -1) ? SITE_BIT : 0);
    return m & ~MAGIC_BIT;
  },
};

/** Whether a mask from `BYTE_PREFILTER` holds a PEM header (a block over several lines: the caller scans the text). */
export function hasPemHeader(mask: number): boolean {
  return (mask & PEM_BIT) !== 0;
}

/** Whether a mask from `BYTE_PREFILTER` carries an `ignore-next-line` marker. */
export function hasNextLineMarker(mask: number): boolean {
  return (mask & NEXT_LINE_BIT) !== 0;
}

/** The rule bits of a line whose keyword masks OR to `mask` over `hits` keyword ends (as `scanSource` does). */
export function lineRules(mask: number, hits: number): number {
  return (hits >= MAX_HITS_PER_LINE ? mask | ALL_BITS : mask) & ~(MAGIC_BIT | NEXT_LINE_BIT);
}

/** Scans lines a caller cut out itself, in one language; `rules` must come from `lineRules`. */
export class LineBatch {
  private readonly scanner: LineScanner;

  constructor(language: Language, disabled: ReadonlySet<string>) {
    this.scanner = new LineScanner('', language, disabled);
  }

  /** Scans `line` (no newline) as line `lineNo`; `prevLine` matters only when it holds an `ignore-next-line` marker. */
  scan(line: string, lineNo: number, rules: number, prevLine: string): void {
    if (rules !== 0) this.scanner.scanLine(line, lineNo, 0, rules, prevLine);
  }

  get findings(): RawFinding[] {
    return this.scanner.out;
  }
}
