import { strict as assert } from 'node:assert';
import { isAscii } from 'node:buffer';
import { detect } from '../../../src/core/detect';
import { detectBytes } from '../../../src/core/detect/scan';
import { FakeSecrets } from '../../fixtures/detect/fake-secrets';

const MB = 1024 * 1024;
/** The brief's cap for 1 MB of adversarial input, measured as this process's CPU time (the test machine is shared). */
const CAP_MS = 200;

function cpuMs(fn: () => void): number {
  const c = process.cpuUsage();
  fn();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
}

function fill(unit: string, bytes = MB): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

const g = new FakeSecrets(1234);
const adversarial: Array<[string, string]> = [
  ['one huge line of letters', fill('a')],
  ['long run of double quotes', fill('"')],
  ['long run of single quotes', fill("'")],
  ['backslashes', fill('\\')],
  ['equals signs', fill('=')],
  ['unclosed strings', fill('password = "abc')],
  ['quote-backslash pairs', fill('"\\')],
  ['deep JSON', '['.repeat(MB / 2) + ']'.repeat(MB / 2)],
  ['deep JSON objects', fill('{"a":')],
  ['keyword soup', fill('password=token=secret=key=dapi==://sig=eyJ')],
  ['base64 run without padding', fill('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo')],
  ['near-JWTs', fill('eyJ') ],
  ['URL prefixes', fill('a://b:c')],
  ['many short lines', fill('token = "x"\n')],
  ['magic lines', '# Databricks notebook source\n' + fill('# MAGIC %sql\n')],
  ['PEM headers without end', fill('-----BEGIN PRIVATE KEY-----')],
  ['CRLF and NULs', fill('pwd = "a\r\n\u0000')],
];

describe('detect: fuzz and adversarial input', () => {
  for (const [name, text] of adversarial) {
    for (const fileName of ['x.py', 'x.sql', 'x.ipynb', '.env']) {
      it(`${name} (${fileName}): never throws, under ${CAP_MS} ms of CPU per MB, from text and from bytes`, () => {
        detect(text.slice(0, 4096), { fileName }); // warm up
        let whole: unknown;
        const ms = cpuMs(() => (whole = detect(text, { fileName })));
        const perMb = ms / (text.length / MB);
        assert.ok(perMb < CAP_MS, `${name} in ${fileName}: ${perMb.toFixed(0)} ms per MB`);
        // The command line's path: the file's bytes, decoded only where it must (or declined: then the text above).
        const bytes = Buffer.from(text);
        let fromBytes: unknown;
        const bytesMs = cpuMs(() => (fromBytes = detectBytes(bytes, isAscii(bytes) ? 'latin1' : 'utf8', { fileName })));
        assert.ok(bytesMs / (text.length / MB) < CAP_MS, `${name} in ${fileName} from bytes: ${(bytesMs / (text.length / MB)).toFixed(0)} ms per MB`);
        if (fromBytes !== undefined) assert.deepEqual(fromBytes, whole, `${name} in ${fileName}: the bytes path differs`);
      });
    }
  }

  it('1 MB with a token on every line (~23,000 findings) stays linear: under 50 µs of CPU per finding', () => {
    const text = fill(`t = "${g.databricksPat()}"\n`);
    detect(text.slice(0, 50000), { fileName: 'x.py' });
    let n = 0;
    const ms = cpuMs(() => (n = detect(text, { fileName: 'x.py' }).length));
    assert.ok(n > 20000, `${n} findings`);
    assert.ok((ms * 1000) / n < 50, `${((ms * 1000) / n).toFixed(1)} µs per finding`);
  });

  it('notebooks with random edits (mostly no longer JSON) never throw from bytes, and equal detect() when read', () => {
    const pat = g.databricksPat();
    const base = JSON.stringify({
      cells: [
        { cell_type: 'code', execution_count: null, metadata: {}, outputs: [{ text: ['x\n'] }], source: ['import os\n', `token = "${pat}"\n`, `db_password = "${g.password()}"\n`, '%sql\n'] },
        { cell_type: 'markdown', metadata: {}, source: `# hi\npassword = "${g.password()}"` },
      ],
      metadata: { kernelspec: { language: 'python' } }, nbformat: 4, nbformat_minor: 5,
    }, null, 1);
    const alphabet = '"\\{}[],: \n\tu0aZ/nr-1e.+q';
    let read = 0;
    for (let round = 0; round < 3000; round++) {
      let s = base;
      for (let m = 0, edits = 1 + Math.floor(g.next() * 3); m < edits; m++) {
        const i = Math.floor(g.next() * s.length);
        const c = alphabet[Math.floor(g.next() * alphabet.length)];
        const op = g.next();
        s = op < 0.4 ? s.slice(0, i) + c + s.slice(i + 1) : op < 0.7 ? s.slice(0, i) + c + s.slice(i) : s.slice(0, i) + s.slice(i + 1);
      }
      const fromBytes = detectBytes(Buffer.from(s, 'latin1'), 'latin1', { fileName: 'n.ipynb' });
      if (fromBytes === undefined) continue;
      read++;
      assert.deepEqual(fromBytes, detect(s, { fileName: 'n.ipynb' }), s);
    }
    assert.ok(read > 20, `only ${read} edited notebooks were still read from the bytes`);
  });

  it('random printable and structural noise never throws', () => {
    const alphabet = 'abcXYZ019 _-=:;,.()[]{}<>"\'\\/\n\t#%$@!?*+`~|&^dapiAKIAeyJghp_sk-xoxb-password';
    for (let round = 0; round < 300; round++) {
      const len = Math.floor(g.next() * 4000);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(g.next() * alphabet.length)];
      for (const fileName of ['a.py', 'a.scala', 'a.r', 'a.sql', 'a.ipynb', '.env', 'a.yaml', 'a.conf', 'a.txt']) {
        const findings = detect(s, { fileName });
        for (const f of findings) {
          assert.ok(f.range.start.line <= f.range.end.line);
          assert.ok(f.secret.length > 0);
        }
      }
    }
  });
});
