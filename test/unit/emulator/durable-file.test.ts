import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DurableFile } from '../../../src/core/emulator/durableFile';
import { tempDir } from './helpers';

describe('emulator: DurableFile (atomic, coalesced writes)', () => {
  it('each commit resolves only once a file containing its change is in place', async () => {
    const file = join(tempDir(), 'state.json');
    const state: number[] = [];
    const durable = new DurableFile(file, () => JSON.stringify(state));
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        state.push(i); // change memory, then wait for durability
        await durable.commit();
        assert.ok((JSON.parse(readFileSync(file, 'utf8')) as number[]).includes(i), `change ${i} is on disk when its commit resolves`);
      }),
    );
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as number[]).length, 100);
    assert.ok(durable.writes >= 1 && durable.writes < 100, `100 concurrent commits coalesced into ${durable.writes} writes`);
    assert.deepEqual(readdirSync(join(file, '..')), ['state.json'], 'no temporary file is left');
  });

  it('flushed() resolves at once when nothing is pending, and waits for a pending write otherwise', async () => {
    const file = join(tempDir(), 'state.json');
    let content = 'a';
    const durable = new DurableFile(file, () => content);
    await durable.flushed();
    assert.equal(durable.writes, 0);
    content = 'b';
    void durable.commit();
    await durable.flushed();
    assert.equal(readFileSync(file, 'utf8'), 'b');
  });

  it('a failed write rejects its commits with a message naming the file, and a later commit recovers', async () => {
    const dir = join(tempDir(), 'not-yet');
    const file = join(dir, 'state.json');
    const durable = new DurableFile(file, () => 'x');
    await assert.rejects(durable.commit(), (e: Error) => e.message.includes(file));
    mkdirSync(dir);
    await durable.commit();
    assert.equal(readFileSync(file, 'utf8'), 'x');
  });
});
