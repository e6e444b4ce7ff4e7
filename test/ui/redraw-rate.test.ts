import {test} from 'node:test';
import assert from 'node:assert/strict';
import {redrawEveryMs} from '../../source/ui/use-engine-state.js';

test('redraws ten times a second for a quiet running step, four during a flood, once when idle', () => {
  const now = Date.now();
  assert.deepEqual(
    [
      redrawEveryMs(true, undefined),
      redrawEveryMs(true, now - 5000),
      redrawEveryMs(true, now - 10),
      redrawEveryMs(false, now - 10),
    ],
    [100, 100, 250, 1000],
  );
});
