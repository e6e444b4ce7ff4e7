import {test} from 'node:test';
import assert from 'node:assert/strict';
import {elapsedMs, formatDuration} from '../../source/report/duration.js';

test('formats durations the way people read them', () => {
  const cases: Array<[number, string]> = [
    [0, '0ms'],
    [850, '850ms'],
    [4200, '4.2s'],
    [59_949, '59.9s'],
    [185_000, '3m 05s'],
    [3_720_000, '1h 02m'],
    [-1, '—'],
    [Number.NaN, '—'],
  ];
  assert.deepEqual(
    cases.map(([ms]) => formatDuration(ms)),
    cases.map(([, text]) => text),
  );
});

test('measures between ISO timestamps and gives up on missing ones', () => {
  assert.equal(elapsedMs('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:02.500Z'), 2500);
  assert.equal(elapsedMs('2026-01-01T00:00:00.000Z', undefined), undefined);
  assert.equal(elapsedMs('garbage', '2026-01-01T00:00:00.000Z'), undefined);
});
