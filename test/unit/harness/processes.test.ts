import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../integration/driver/freePort';
import { ProcessSupervisor, waitForOutput } from '../../integration/driver/processes';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('harness: ProcessSupervisor', () => {
  it('stops a child and the grandchild it started, runs clean-ups, and removes scratch folders', async () => {
    const supervisor = new ProcessSupervisor();
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-test-'));
    supervisor.removeOnStop(scratch);
    let cleaned = false;
    supervisor.onStop('flag', () => void (cleaned = true));
    const proc = supervisor.spawn('sh', 'sh', ['-c', 'sleep 60 & echo "grandchild $!"; wait']);
    const match = await waitForOutput(proc, /grandchild (\d+)/, 5000);
    const grandchild = Number(match[1]);
    assert.ok(alive(grandchild));
    await supervisor.stopAll(2000);
    assert.equal(await gone(grandchild), true, 'the grandchild outlived stopAll');
    assert.notEqual(proc.child.pid, undefined);
    assert.equal(await gone(proc.child.pid as number), true);
    assert.equal(cleaned, true);
    assert.equal(fs.existsSync(scratch), false);
  });

  it('kills with SIGKILL a process that ignores SIGTERM', async () => {
    const supervisor = new ProcessSupervisor();
    const proc = supervisor.spawn('stubborn', 'sh', ['-c', 'trap "" TERM; echo ready; while :; do sleep 0.1; done']);
    await waitForOutput(proc, /ready/, 5000);
    const started = Date.now();
    await supervisor.stopAll(300);
    assert.equal(await proc.exited, 'SIGKILL');
    assert.ok(Date.now() - started < 5000);
  });

  it('waitForOutput rejects with the output when the process exits before printing the pattern', async () => {
    const supervisor = new ProcessSupervisor();
    const proc = supervisor.spawn('quitter', 'sh', ['-c', 'echo "no luck here"; exit 3']);
    await assert.rejects(waitForOutput(proc, /listening/, 5000), /exited \(3\).*\n.*no luck here/s);
    await supervisor.stopAll();
  });

  it('freePort gives a port that can be bound on 127.0.0.1', async () => {
    const port = await freePort();
    assert.ok(port > 0 && port < 65536);
    const net = await import('node:net');
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((r) => server.close(r));
  });
});
