import {test} from 'node:test';
import assert from 'node:assert/strict';
import {trapSignals} from '../../source/cli/signals.js';

test('cancels once on SIGINT, remembers exit code 130, and ignores an immediate repeat', async () => {
  let calls = 0;
  const trap = trapSignals(() => calls++);
  try {
    process.kill(process.pid, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(process.pid, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(calls, 1);
    assert.equal(trap.caught(), 130);
  } finally {
    trap.dispose();
  }

  assert.equal(process.listenerCount('SIGINT'), 0);
});
