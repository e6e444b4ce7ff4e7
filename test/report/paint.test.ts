import {test} from 'node:test';
import assert from 'node:assert/strict';
import {colorWanted, createPaint} from '../../source/report/paint.js';

const cases: Array<[string, boolean, Record<string, string>, boolean]> = [
  ['colours a terminal', true, {}, true],
  ['does not colour a pipe', false, {}, false],
  ['does not colour a terminal when NO_COLOR is set', true, {NO_COLOR: '1'}, false],
  ['ignores an empty NO_COLOR', true, {NO_COLOR: ''}, true],
  ['colours a pipe when FORCE_COLOR asks', false, {FORCE_COLOR: '1'}, true],
  ['does not colour a terminal with FORCE_COLOR=0', true, {FORCE_COLOR: '0'}, false],
  ['lets NO_COLOR win over FORCE_COLOR', false, {NO_COLOR: '1', FORCE_COLOR: '1'}, false],
];

for (const [title, isTTY, env, expected] of cases) {
  test(`${title}`, () => {
    assert.equal(colorWanted({isTTY}, env), expected);
  });
}

test('leaves text alone when colour is off and wraps it in SGR codes when on', () => {
  assert.equal(createPaint(false).red('x'), 'x');
  assert.equal(createPaint(true).red('x'), '\u001B[31mx\u001B[39m');
});
