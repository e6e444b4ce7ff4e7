import test from 'node:test';
import assert from 'node:assert/strict';
import {createRingBuffer} from '../../source/ui/ring-buffer.js';

test('keeps only the last lines, oldest first, and counts everything pushed', () => {
  const ring = createRingBuffer(3);
  ring.push(['a', 'b']);
  ring.push(['c', 'd']);
  assert.deepEqual([ring.snapshot(), ring.total()], [['b', 'c', 'd'], 4]);
});

test('keeps the tail of a batch longer than the ring', () => {
  const ring = createRingBuffer(2);
  ring.push(['1', '2', '3', '4', '5']);
  assert.deepEqual(ring.snapshot(), ['4', '5']);
});

test('forgets everything on clear', () => {
  const ring = createRingBuffer(2);
  ring.push(['x']);
  ring.clear();
  assert.deepEqual([ring.snapshot(), ring.total()], [[], 0]);
});

test('refuses a capacity that is not a positive integer', () => {
  assert.throws(() => createRingBuffer(0), {name: 'TypeError', message: /`capacity`/});
});
