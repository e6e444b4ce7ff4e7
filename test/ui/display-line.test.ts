import {test} from 'node:test';
import assert from 'node:assert/strict';
import {displayLine} from '../../source/ui/display-line.js';

test('shows a child output line as plain text that cannot move the cursor or tear the frame', () => {
  assert.deepEqual(
    [
      displayLine('\u001B[32mok\u001B[0m done', 40),
      displayLine('a\tb', 40),
      displayLine('progress 10%\r', 40),
      displayLine('\u001B[2J\u001B[Hwiped?', 40),
      displayLine('bell\u0007 and backspace\u0008', 40),
    ],
    ['ok done', 'a       b', 'progress 10%', 'wiped?', 'bell and backspace'],
  );
});

test('cuts a line at the pane edge without a mark, a wide Japanese line on a cell boundary', () => {
  assert.deepEqual(
    [displayLine('\u001B[1mインストール完了\u001B[0m', 9), displayLine('x'.repeat(80), 56).length],
    ['インスト', 56],
  );
});
