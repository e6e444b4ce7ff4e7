import {test} from 'node:test';
import assert from 'node:assert/strict';
import {unifiedDiff} from '../../source/procedure/unified-diff.js';

test('prints a diff -u with file headers, one hunk, and context lines', () => {
  const before = ['rbac:', '  create: false', '', '## Define', 'a: 1', ''].join('\n');
  const after = ['rbac:', '  create: true', '', '## Define', 'a: 1', ''].join('\n');
  assert.equal(
    unifiedDiff('values.yaml.orig', 'values.yaml', before, after),
    [
      '--- values.yaml.orig',
      '+++ values.yaml',
      '@@ -1,5 +1,5 @@',
      ' rbac:',
      '-  create: false',
      '+  create: true',
      ' ',
      ' ## Define',
      ' a: 1',
      '',
    ].join('\n'),
  );
});

test('prints only the headers when nothing changed', () => {
  assert.equal(unifiedDiff('a', 'b', 'x\n', 'x\n'), '--- a\n+++ b\n');
});
