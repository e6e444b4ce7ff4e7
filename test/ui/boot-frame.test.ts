import {test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {bootFrameText, type BootFrameProps} from '../../source/ui/boot-frame.js';

const base: BootFrameProps = {
  styled: true,
  title: 'GitLab Runner on Mirantis Kubernetes Engine',
  profile: 'default',
  target: 'simulated',
  lang: 'en',
  pending: ['lab', 'runbook'],
};

// Cursor-to-column escapes are replaced by the spaces a terminal would leave.
function screenLines(text: string): string[] {
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const [left = '', right = ''] = line
        .split(/\u001B\[(\d+)G/u)
        .reduce<string[]>((parts, part, index, all) => {
          if (index % 2 === 1) return parts;
          const column = index === 0 ? 1 : Number(all[index - 1]);
          const before = parts.join('');
          return [
            ...parts,
            ' '.repeat(Math.max(0, column - 1 - stringWidth(stripAnsi(before)))) + part,
          ];
        }, []);
      return stripAnsi(left + right);
    });
}

test('writes the header right-aligned to the width and one line per task, then the quit key', () => {
  const {text, lines} = bootFrameText(base, 80);
  const shown = screenLines(text);
  assert.equal(lines, 4);
  assert.deepEqual(shown, [
    'GitLab Runner on Mirantis Kubernetes Engine' +
      ' '.repeat(80 - 43 - 31) +
      ' profile: default  [SIMULATED] ',
    'starting the simulated lab…',
    'loading the runbook…',
    'q quit',
  ]);
  assert.equal(stringWidth(shown[0] ?? ''), 80);
});

test('clips a long title so the REAL mark and the profile still fit, in Japanese too', () => {
  const {text} = bootFrameText(
    {...base, lang: 'ja', target: 'real', title: 'とても長い題名'.repeat(10), pending: []},
    60,
  );
  const [header = '', quit] = screenLines(text);
  assert.equal(stringWidth(header), 60);
  assert.match(header, /…\s+プロファイル: default {2}\[実環境\] $/u);
  assert.equal(quit, 'q 終了');
});

test('draws the mark in the colour of its target when styled, and plain text when not', () => {
  assert.match(bootFrameText(base, 80).text, /\u001B\[1;7;35m \[SIMULATED\] \u001B\[0m/u);
  assert.match(bootFrameText({...base, target: 'real'}, 80).text, /\u001B\[1;7;31m \[REAL\] /u);
  const plain = bootFrameText({...base, styled: false}, 80).text;
  assert.doesNotMatch(plain, /\u001B\[[\d;]*m/u);
});
