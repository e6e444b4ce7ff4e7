import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openEngine} from '../../source/engine/engine.js';
import {engineOptions, fixture, tempDir} from './helpers.js';
import {isGone} from '../integrations/process-gone.js';

function alive(pid: number): boolean {
  return !isGone(pid);
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }

    await sleep(20);
  }
}

test('cancelling a long step ends its whole process group and records it interrupted', async () => {
  const {dir, cleanup} = await tempDir();
  const pidfile = path.join(dir, 'pids');
  const engine = await openEngine(
    engineOptions(await fixture('long'), dir, {paramSources: {set: {pidfile}, env: {}}}),
  );
  try {
    let started = false;
    engine.subscribe((event) => {
      if (event.type === 'step-output' && event.lines.includes('started')) {
        started = true;
      }
    });
    const outcome = engine.runFrom();
    await waitFor(() => started);
    const pids = (await readFile(pidfile, 'utf8')).split(' ').map(Number);
    assert.equal(pids.length, 2);
    assert.ok(pids.every((pid) => alive(pid)));
    assert.equal(engine.state().steps['wait']?.status, 'running');

    engine.cancel();
    assert.equal(await outcome, 'stopped');
    await waitFor(() => pids.every((pid) => !alive(pid)), 5000);
    const record = engine.state().steps['wait'];
    assert.equal(record?.status, 'interrupted');
    assert.equal(record?.attempts[0]?.error?.code, 'cancelled');
    assert.equal(engine.state().steps['after'], undefined);
  } finally {
    await engine.close();
    await cleanup();
  }
});
