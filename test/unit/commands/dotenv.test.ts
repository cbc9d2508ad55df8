import * as assert from 'node:assert/strict';
import { keyForName, parseDotenv } from '../../../src/host/commands/dotenv';

describe('.env reader (Import .env File into Scope)', () => {
  it('reads plain, exported, quoted and commented lines', () => {
    const entries = parseDotenv(
      [
        '# a comment',
        '',
        'PLAIN=value',
        'export EXPORTED=yes',
        'SPACED = padded  # trailing comment',
        'HASH=abc#def',
        "SINGLE='literal \\n $X # kept'",
        'DOUBLE="line1\\nline2 \\"q\\""',
        'MULTI="-----BEGIN KEY-----',
        'abc',
        '-----END KEY-----"',
        'EMPTY=',
        'not an assignment',
        '=novalue',
      ].join('\n'),
    );
    const byName = Object.fromEntries(entries.map((e) => [e.name, e.value]));
    assert.deepEqual(byName, {
      PLAIN: 'value',
      EXPORTED: 'yes',
      SPACED: 'padded',
      HASH: 'abc#def',
      SINGLE: 'literal \\n $X # kept',
      DOUBLE: 'line1\nline2 "q"',
      MULTI: '-----BEGIN KEY-----\nabc\n-----END KEY-----',
      EMPTY: '',
    });
    assert.equal(entries.find((e) => e.name === 'MULTI')?.line, 9);
  });

  it('keeps the last definition of a name', () => {
    assert.deepEqual(parseDotenv('A=1\nB=2\nA=3').map((e) => [e.name, e.value]), [['B', '2'], ['A', '3']]);
  });

  it('maps names to valid secret key names', () => {
    assert.equal(keyForName('DB_PASSWORD'), 'DB_PASSWORD');
    assert.equal(keyForName('APP:TOKEN'), 'APP_TOKEN');
    assert.equal(keyForName('a'.repeat(200)).length, 128);
    const [entry] = parseDotenv('SERVICE/KEY=v');
    assert.deepEqual([entry.name, entry.key], ['SERVICE/KEY', 'SERVICE_KEY']);
    for (const e of parseDotenv('x.y-z=1\nAPP:TOKEN=2\nw@x=3')) assert.match(e.key, /^[A-Za-z0-9_.-]{1,128}$/);
  });
});
