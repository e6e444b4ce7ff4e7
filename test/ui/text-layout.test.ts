import test from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {fit, formatClock, formatDuration, truncate, wrapText} from '../../source/ui/text-layout.js';

test('counts a Japanese character as two cells when fitting', () => {
  assert.deepEqual([fit('事前確認', 10), stringWidth(fit('事前確認', 10))], ['事前確認  ', 10]);
});

test('cuts wide text on a cell boundary with an ellipsis', () => {
  assert.equal(truncate('MKE をインストール', 9), 'MKE をイ…');
});

test('cuts plain ASCII output to exactly the width, and leaves a fitting line alone', () => {
  const line = 'line 42 ' + 'x'.repeat(72);
  assert.deepEqual(
    [truncate(line, 20), truncate(line, 80), truncate('hello', 5), truncate('hello!', 5)],
    ['line 42 xxxxxxxxxxx…', line, 'hello', 'hell…'],
  );
});

test('fills a Japanese row beside an English word instead of breaking at the last space', () => {
  assert.deepEqual(
    wrapText(
      'glrt- で始まる Runner 認証トークン(GitLab 15.10 以降)か、旧来の登録トークン(記事)。values.yaml には書かず',
      40,
    ),
    [
      'glrt- で始まる Runner 認証トークン',
      '(GitLab 15.10 以降)か、旧来の登録トーク',
      'ン(記事)。values.yaml には書かず',
    ],
  );
  assert.deepEqual(wrapText('設定を「確認」する', 9), ['設定を', '「確認」', 'する']);
});

test('wraps English at spaces and Japanese anywhere', () => {
  assert.deepEqual(wrapText('Writes the Vagrantfile and runs vagrant up.', 16), [
    'Writes the',
    'Vagrantfile and',
    'runs vagrant up.',
  ]);
  assert.deepEqual(wrapText('Vagrantfile を書き vagrant up する。', 12), [
    'Vagrantfile',
    'を書き',
    'vagrant up',
    'する。',
  ]);
});

test('formats durations and clocks', () => {
  assert.deepEqual(
    [
      formatDuration(4400),
      formatDuration(65_000),
      formatDuration(1_200_000),
      formatDuration(3_720_000),
      formatClock(3_723_000),
      formatClock(7000),
    ],
    ['4s', '1m 05s', '20m', '1h 02m', '1:02:03', '0:07'],
  );
});
