import { strict as assert } from 'node:assert';
import { buildAutomaton, withStops, type Keyword, type KeywordAutomaton } from '../../../src/core/detect/automaton';

/** Every (end index, mask) the automaton reports on `text`. */
function run(a: KeywordAutomaton, text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    s = a.next[s + (c < 256 ? a.classOf[c] : 0)];
    if (s >= a.acceptFrom) out.push([i, a.masks[s / a.classes]]);
  }
  return out;
}

/** The same, the slow obvious way: every keyword at every position, ignoring ASCII case. */
function naive(keywords: readonly Keyword[], text: string): Array<[number, number]> {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const byEnd = new Map<number, number>();
  for (const { word, mask } of keywords) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
      const end = at + word.length - 1;
      byEnd.set(end, (byEnd.get(end) ?? 0) | mask);
    }
  }
  return [...byEnd].sort((a, b) => a[0] - b[0]);
}

/** 200 random texts of up to 300 characters from `alphabet` (seeded: the same every run). */
function randomTexts(seed: number, alphabet: string): string[] {
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const texts: string[] = [];
  for (let round = 0; round < 200; round++) {
    let text = '';
    const len = 1 + rnd(300);
    for (let i = 0; i < len; i++) text += alphabet[rnd(alphabet.length)];
    texts.push(text);
  }
  return texts;
}

describe('keyword automaton (prefilter)', () => {
  const keywords: Keyword[] = [
    { word: 'pass', mask: 1 }, { word: 'password=', mask: 2 }, { word: 'sig', mask: 4 }, { word: 'sig=', mask: 8 },
    { word: '==', mask: 16 }, { word: '://', mask: 32 }, { word: 'secret', mask: 64 }, { word: 'key', mask: 128 },
    { word: 'apikey', mask: 256 }, { word: 'assassin', mask: 512 }, { word: 'ss', mask: 1024 }, { word: '-----begin', mask: 2048 },
  ];
  const a = buildAutomaton(keywords);

  it('reports every keyword end with the union of the masks of all keywords ending there (overlaps, suffixes)', () => {
    const text = 'PassWord=x; sig=abc==; ApiKey: s3://b; ASSASSIN sss -----BEGIN key';
    assert.deepEqual(run(a, text), naive(keywords, text));
    // Where `apikey` ends, `key` ends too: one report carries both masks.
    assert.deepEqual(run(a, 'apikey'), [[5, 256 | 128]]);
  });

  it('matches the obvious search on random text over the keywords\' alphabet, in upper and lower case', () => {
    for (const text of randomTexts(12345, 'passwordsigkeyapincrtbg=:/-SAPIK \n\u00e9\u2603')) {
      assert.deepEqual(run(a, text), naive(keywords, text), text);
    }
  });

  it('with stop bytes: reaches the stop state exactly at them, and elsewhere reports what the plain automaton does', () => {
    const stops = [34, 92, 10];
    const w = withStops(a, stops);
    assert.throws(() => withStops(a, ['s'.charCodeAt(0)]), /used by a keyword/);
    for (const text of randomTexts(777, 'passwordsigkeyapincrtbg=:/-SAPIK "\\\n')) {
      // As a caller does: after a stop byte, go on from the start state.
      const got: Array<[number, number]> = [];
      const stopsAt: number[] = [];
      let s = 0;
      for (let i = 0; i < text.length; i++) {
        s = w.next[s + w.classOf[text.charCodeAt(i)]];
        if (s === w.stop) {
          stopsAt.push(i);
          s = 0;
        } else if (s >= w.acceptFrom) got.push([i, w.masks[s / w.classes]]);
      }
      assert.deepEqual(got, run(a, text), text);
      assert.deepEqual(stopsAt, [...text].flatMap((c, i) => (stops.includes(c.charCodeAt(0)) ? [i] : [])), text);
    }
  });

  it('keeps the table small and refuses keywords it cannot match', () => {
    assert.ok(a.classes < 32, `${a.classes} classes`);
    assert.equal(a.classOf['x'.charCodeAt(0)], 0, 'a letter no keyword uses is class 0');
    assert.equal(a.classOf['P'.charCodeAt(0)], a.classOf['p'.charCodeAt(0)], 'upper case folds onto lower case');
    assert.throws(() => buildAutomaton([{ word: 'caf\u00e9', mask: 1 }]), /ASCII/);
    assert.throws(() => buildAutomaton([{ word: 'a\nb', mask: 1 }]), /newline/);
  });
});
