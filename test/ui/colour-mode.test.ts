import {test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {applyColourMode} from '../../source/ui/colour-mode.js';

const table: ReadonlyArray<[string, Record<string, string>, boolean]> = [
  ['keeps colour in a terminal', {}, true],
  ['drops colour for NO_COLOR', {NO_COLOR: '1'}, false],
  ['drops colour for FORCE_COLOR=0', {FORCE_COLOR: '0'}, false],
  ['keeps colour for an empty NO_COLOR', {NO_COLOR: ''}, true],
];

for (const [title, env, coloured] of table) {
  test(`${title}: the interface's painter follows it`, () => {
    const before = chalk.level;
    try {
      chalk.level = 3;
      applyColourMode({isTTY: true}, env);
      assert.equal(chalk.red('failed') !== 'failed', coloured);
    } finally {
      chalk.level = before;
    }
  });
}
