import {test} from 'node:test';
import assert from 'node:assert/strict';
import {renderTable} from '../../source/report/table.js';

test('rules each column as wide as it is, the last one at most 60 columns', () => {
  const long = 'x'.repeat(200);
  assert.deepEqual(
    renderTable(
      ['STEP', 'WHAT'],
      [
        ['vms', 'vagrant up'],
        ['kubeconfig', long],
      ],
    ),
    [
      'STEP        WHAT',
      `${'─'.repeat(10)}  ${'─'.repeat(60)}`,
      'vms         vagrant up',
      `kubeconfig  ${long}`,
    ],
  );
});
