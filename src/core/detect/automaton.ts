/**
 * A case-insensitive multi-keyword matcher (Aho–Corasick compiled to a DFA) for the engine's prefilter.
 *
 * One pass over a text, one table lookup per character, no backtracking and no allocation: the states are
 * numbered so that every state where a keyword ends comes last (`acceptFrom`), so the hot loop tests one number.
 * Characters are first mapped to classes (characters that behave alike in every state share one), which keeps the
 * table a few kilobytes and in the CPU's first-level cache.
 */
export interface KeywordAutomaton {
  /** Class of each character code below 256; class 0 is "not in any keyword" (and every code from 256 up). */
  readonly classOf: Uint8Array;
  /** Number of classes; a state's row starts at `state * classes`. */
  readonly classes: number;
  /** `next[row + class]` is the next state's row start. The start state's row is 0. */
  readonly next: Int32Array;
  /** Row starts from here on are states where at least one keyword ends. */
  readonly acceptFrom: number;
  /** Union of the masks of every keyword ending in a state, by state number (row start / classes). */
  readonly masks: Int32Array;
}

/** A keyword (matched case-insensitively; ASCII only) and the bits it sets. */
export interface Keyword {
  readonly word: string;
  readonly mask: number;
}

const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Builds the automaton for `keywords` (non-empty, ASCII, no newline). */
export function buildAutomaton(keywords: readonly Keyword[]): KeywordAutomaton {
  // 1. The trie of lower-cased keywords (edges[s][c], -1 for none), and the codes keywords use.
  const edges: Int32Array[] = [new Int32Array(128).fill(-1)];
  const own: number[] = [0];
  const usedSet = new Set<number>();
  for (const { word, mask } of keywords) {
    let s = 0;
    for (let i = 0; i < word.length; i++) {
      const c = lower(word.charCodeAt(i));
      if (c > 127 || c === 10) throw new Error(`keyword ${JSON.stringify(word)}: ASCII without newlines only`);
      usedSet.add(c);
      let t = edges[s][c];
      if (t < 0) {
        t = edges.length;
        edges.push(new Int32Array(128).fill(-1));
        own.push(0);
        edges[s][c] = t;
      }
      s = t;
    }
    own[s] |= mask;
  }
  const used = [...usedSet];
  // 2. Failure links and the full transition function, breadth first (a state's failure is always shallower).
  // Codes no keyword uses go back to the start from every state, so only used codes need a row entry.
  const count = edges.length;
  const fail = new Array<number>(count).fill(0);
  const out = [...own];
  const full: Int32Array[] = new Array<Int32Array>(count);
  const order: number[] = [0];
  for (let k = 0; k < order.length; k++) {
    const s = order[k];
    // Indexed loops: this runs once per process, before V8 has optimised anything, where iterators are slow.
    const row = new Int32Array(128);
    const e = edges[s];
    const back = s === 0 ? undefined : full[fail[s]];
    for (let u = 0; u < used.length; u++) {
      const c = used[u];
      row[c] = e[c] >= 0 ? e[c] : back === undefined ? 0 : back[c];
    }
    full[s] = row;
    for (let u = 0; u < used.length; u++) {
      const c = used[u];
      const t = e[c];
      if (t < 0) continue;
      fail[t] = s === 0 ? 0 : full[fail[s]][c];
      out[t] |= out[fail[t]];
      order.push(t);
    }
  }
  // 3. Character classes: codes whose column is the same in every state (upper case folds onto lower case).
  const classOf = new Uint8Array(256);
  const byColumn = new Map<string, number>();
  const representative: number[] = [];
  byColumn.set('', 0); // every code from 128 up, and any code no keyword uses, goes back to the start
  representative.push(128);
  const columns = new Map<number, string>();
  const column = (c: number): string => {
    let key = columns.get(c);
    if (key === undefined) columns.set(c, (key = full.map((r) => r[c]).join(',')));
    return key;
  };
  for (let c = 0; c < 256; c++) {
    const key = c < 128 && usedSet.has(lower(c)) ? column(lower(c)) : '';
    let k = byColumn.get(key);
    if (k === undefined) {
      k = byColumn.size;
      byColumn.set(key, k);
      representative.push(c);
    }
    classOf[c] = k;
  }
  const classes = byColumn.size;
  if (classes > 255) throw new Error('too many character classes');
  // 4. Number the states so that accepting ones come last, and lay out the table by row.
  const number = new Int32Array(count);
  let rejecting = 0;
  for (let s = 0; s < count; s++) if (out[s] === 0) number[s] = rejecting++;
  for (let s = 0, a = rejecting; s < count; s++) if (out[s] !== 0) number[s] = a++;
  const next = new Int32Array(count * classes);
  const masks = new Int32Array(count);
  const columnOf = new Int32Array(classes);
  for (let k = 0; k < classes; k++) columnOf[k] = representative[k] >= 128 ? -1 : lower(representative[k]);
  for (let s = 0; s < count; s++) {
    const row = number[s] * classes;
    const r = full[s];
    masks[number[s]] = out[s];
    for (let k = 0; k < classes; k++) next[row + k] = columnOf[k] < 0 ? 0 : number[r[columnOf[k]]] * classes;
  }
  return { classOf, classes, next, acceptFrom: rejecting * classes, masks };
}

/** An automaton with stop bytes (see `withStops`). */
export interface StoppingAutomaton extends KeywordAutomaton {
  /** Row start of the stop state: reached on a stop byte from every state (it is past `acceptFrom`, mask 0). */
  readonly stop: number;
}

/**
 * A copy of `a` in which each of `stops` (bytes no keyword uses) leads from every state to one extra state, `stop`,
 * numbered last, so past `acceptFrom`. A loop that must also notice those bytes (a JSON string's quote, backslash and
 * control characters) then still tests one number per byte. Every other byte moves exactly as in `a`; on a stop byte
 * `a` would have gone back to the start, and the caller goes on from there (or from wherever it chooses).
 */
export function withStops(a: KeywordAutomaton, stops: readonly number[]): StoppingAutomaton {
  const classes = a.classes + 1;
  const states = a.next.length / a.classes;
  const stop = states * classes;
  const widen = (row: number): number => (row / a.classes) * classes;
  const next = new Int32Array((states + 1) * classes);
  for (let s = 0; s <= states; s++) {
    const from = s === states ? 0 : s * a.classes; // the stop state moves as the start state does
    for (let k = 0; k < a.classes; k++) next[s * classes + k] = widen(a.next[from + k]);
    next[s * classes + a.classes] = stop;
  }
  const classOf = Uint8Array.from(a.classOf);
  for (const b of stops) {
    if (a.classOf[b] !== 0) throw new Error(`stop byte ${b} is used by a keyword`);
    classOf[b] = a.classes;
  }
  const masks = new Int32Array(states + 1);
  masks.set(a.masks);
  return { classOf, classes, next, acceptFrom: widen(a.acceptFrom), masks, stop };
}
