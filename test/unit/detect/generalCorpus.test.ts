import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detect, type Confidence, type Finding } from '../../../src/core/detect';

/**
 * The general-code corpus (test/fixtures/general): excerpts of public test suites and examples that use
 * credentials, labelled line by line in labels.json and split by source repository into a tuning part and a
 * held-out part. Both parts are scored separately and printed; the bars apply to the held-out part.
 */
const root = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'general');

interface LabelLine {
  readonly line: number;
  readonly match: string;
  readonly reason: string;
}

interface LabelledFile {
  readonly part: 'tuning' | 'heldout';
  readonly sources: readonly string[];
  readonly positives: readonly LabelLine[];
  readonly negatives: readonly LabelLine[];
}

interface Labels {
  readonly split: { readonly tuning: readonly string[]; readonly heldout: readonly string[] };
  readonly files: Record<string, LabelledFile>;
}

/** Counts by line: a positive line with a finding is one true positive, a finding on any other line is one false positive. */
export interface PartScore {
  tp: number;
  fp: number;
  fn: number;
  /** True positives by the confidence of the best finding on the line. */
  readonly byConfidence: Record<Confidence, { tp: number; fp: number }>;
  readonly misses: string[];
}

const labels = JSON.parse(readFileSync(join(root, 'labels.json'), 'utf8')) as Labels;

const rank: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

function scorePart(part: 'tuning' | 'heldout', minConfidence: Confidence = 'low'): PartScore {
  const s: PartScore = { tp: 0, fp: 0, fn: 0, byConfidence: { high: { tp: 0, fp: 0 }, medium: { tp: 0, fp: 0 }, low: { tp: 0, fp: 0 } }, misses: [] };
  for (const [file, labelled] of Object.entries(labels.files)) {
    if (labelled.part !== part) continue;
    const text = readFileSync(join(root, file), 'utf8');
    const findings: Finding[] = detect(text, { fileName: file }).filter((f) => rank[f.confidence] >= rank[minConfidence]);
    const best = new Map<number, Finding>();
    for (const f of findings) {
      const line = f.range.start.line + 1;
      const had = best.get(line);
      if (!had || rank[f.confidence] > rank[had.confidence]) best.set(line, f);
    }
    const positive = new Set(labelled.positives.map((p) => p.line));
    for (const [line, f] of best) {
      if (positive.has(line)) {
        s.tp++;
        s.byConfidence[f.confidence].tp++;
      } else {
        s.fp++;
        s.byConfidence[f.confidence].fp++;
        s.misses.push(`false positive ${file}:${line} ${f.ruleId}/${f.confidence} (${f.name ?? f.context})`);
      }
    }
    for (const p of labelled.positives) {
      if (!best.has(p.line)) {
        s.fn++;
        s.misses.push(`missed ${file}:${p.line} (${p.reason})`);
      }
    }
  }
  return s;
}

function labelledPositives(part: 'tuning' | 'heldout'): number {
  return Object.values(labels.files).filter((f) => f.part === part).reduce((a, f) => a + f.positives.length, 0);
}

const precision = (s: PartScore): number => (s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp));
const recall = (s: PartScore): number => (s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn));

function row(name: string, s: PartScore): string {
  const c = s.byConfidence;
  return `| ${name.padEnd(8)} | ${String(s.tp + s.fn).padStart(9)} | ${String(s.tp).padStart(3)} | ${String(s.fp).padStart(3)} | ${String(s.fn).padStart(3)} | ${precision(s).toFixed(3)} | ${recall(s).toFixed(3)} | ${c.high.tp}/${c.medium.tp}/${c.low.tp} |`;
}

/** The bars for the held-out part (all levels together); the tuning part is held to the same bars. */
const MIN_PRECISION = 0.9;
const MIN_RECALL = 0.8;

describe('general-code corpus (test/fixtures/general, labels.json)', () => {
  const tuning = scorePart('tuning');
  const heldout = scorePart('heldout');
  const heldoutMeets = precision(heldout) >= MIN_PRECISION && recall(heldout) >= MIN_RECALL;

  after(() => {
    console.log(
      [
        '',
        'General-code corpus, all confidence levels together (TP by level: high/medium/low)',
        '| part     | positives |  TP |  FP |  FN | precision | recall | high/med/low |',
        '|---|---:|---:|---:|---:|---:|---:|---:|',
        row('tuning', tuning),
        row('held-out', heldout),
        '',
        `Held-out bar (precision >= ${MIN_PRECISION}, recall >= ${MIN_RECALL}): ${heldoutMeets ? 'met' : 'NOT MET'}`,
        '',
        ...tuning.misses.map((m) => `tuning: ${m}`),
        ...heldout.misses.map((m) => `held-out: ${m}`),
        '',
      ].join('\n'),
    );
  });

  it(`tuning part: precision ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL}, all levels together`, () => {
    assert.ok(precision(tuning) >= MIN_PRECISION && recall(tuning) >= MIN_RECALL, `${precision(tuning).toFixed(3)}/${recall(tuning).toFixed(3)}: ${tuning.misses.join('; ')}`);
  });

  it('held-out part: scored as it is, every level adds true positives only where labelled', () => {
    // No bar on the held-out figures here (they are printed and reported in the README); what must hold is that the
    // levels are nested: each higher --min-confidence keeps a subset of the findings.
    const low = scorePart('heldout', 'low');
    const medium = scorePart('heldout', 'medium');
    const high = scorePart('heldout', 'high');
    assert.ok(low.tp >= medium.tp && medium.tp >= high.tp && low.fp >= medium.fp && medium.fp >= high.fp);
    assert.equal(low.tp + low.fn, labelledPositives('heldout'));
  });

  it('labels name real lines: every labelled line contains its match text, no line is both', () => {
    for (const [file, labelled] of Object.entries(labels.files)) {
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      for (const l of [...labelled.positives, ...labelled.negatives]) {
        assert.ok(lines[l.line - 1]?.includes(l.match), `${file}:${l.line} does not contain ${JSON.stringify(l.match)}`);
        assert.ok(l.reason.length > 0, `${file}:${l.line} has no reason`);
      }
      const pos = new Set(labelled.positives.map((p) => p.line));
      assert.ok(!labelled.negatives.some((n) => pos.has(n.line)), file);
      assert.match(lines[0], /Excerpt/, `${file} has no source header`);
    }
  });

  it('is split by source repository: no repository in both parts, both parts have positives in Python and Scala', () => {
    const inPart = (part: 'tuning' | 'heldout'): Set<string> =>
      new Set(Object.values(labels.files).filter((f) => f.part === part).flatMap((f) => f.sources.map((s) => s.split(' ')[0])));
    const t = inPart('tuning');
    const h = inPart('heldout');
    assert.deepEqual([...t].filter((r) => h.has(r)), []);
    assert.deepEqual([...t].sort(), [...labels.split.tuning].sort());
    assert.deepEqual([...h].sort(), [...labels.split.heldout].sort());
    for (const part of ['tuning', 'heldout'] as const) {
      for (const dir of ['python/', 'scala/']) {
        const n = Object.entries(labels.files).filter(([f, l]) => l.part === part && f.startsWith(dir)).reduce((a, [, l]) => a + l.positives.length, 0);
        assert.ok(n > 0, `${part} has no ${dir} positives`);
      }
    }
  });
});
