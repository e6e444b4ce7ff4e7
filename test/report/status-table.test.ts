import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ProfileState} from '../../source/state/types.js';
import {createPaint} from '../../source/report/paint.js';
import {statusTable} from '../../source/report/status-table.js';
import {reportWords} from '../../source/report/words.js';
import {exampleRunbook} from './fixture-runbook.js';

const format = {
  lang: 'en' as const,
  paint: createPaint(false),
  now: Date.parse('2026-01-01T00:10:00Z'),
};

const state: ProfileState = {
  schemaVersion: 1,
  runbookId: 'example',
  params: {},
  target: 'simulated',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:05:00Z',
  branches: {fix: {branchId: 'narrow', at: '2026-01-01T00:03:00Z'}},
  steps: {
    first: {
      status: 'done',
      outputs: {},
      attempts: [
        {
          n: 1,
          startedAt: '2026-01-01T00:00:00Z',
          endedAt: '2026-01-01T00:00:04Z',
          status: 'done',
          logPath: '/p/logs/first.1.log',
        },
      ],
    },
    second: {
      status: 'failed',
      outputs: {},
      attempts: [
        {
          n: 1,
          startedAt: '2026-01-01T00:01:00Z',
          endedAt: '2026-01-01T00:01:01Z',
          status: 'failed',
          logPath: '/p/logs/second.1.log',
        },
        {
          n: 2,
          startedAt: '2026-01-01T00:02:00Z',
          endedAt: '2026-01-01T00:03:05Z',
          status: 'failed',
          logPath: '/p/logs/second.2.log',
        },
      ],
    },
  },
};

test('lists every step with status, attempts, last duration and log, and only the chosen branch', () => {
  assert.deepEqual(statusTable(exampleRunbook, state, format), [
    'STEP                   TITLE                  STATUS     TRIES  TOOK    LOG',
    '─────────────────────  ─────────────────────  ─────────  ─────  ──────  ────────────────────',
    'first                  Title of first         ✓ done     1      4.0s    /p/logs/first.1.log',
    'second                 Title of second        ✗ failed   2      1m 05s  /p/logs/second.2.log',
    'fix                    Choose a fix           ⑂ narrow',
    '  narrow/grant-narrow  Title of grant-narrow  · pending  0      —',
    'last                   Title of last          · pending  0      —',
  ]);
});

test('lists every branch under a choice not made yet', () => {
  const lines = statusTable(exampleRunbook, undefined, format);
  assert.deepEqual(
    lines.slice(2).map((line) => line.trim().split(/\s{2,}/u)[0]),
    ['first', 'second', 'fix', 'wide/grant-wide', 'narrow/grant-narrow', 'last'],
  );
  assert.match(lines[4] ?? '', /\? not chosen/);
});

test('speaks Japanese in its heads and statuses when asked, columns still aligned', () => {
  const lines = statusTable(exampleRunbook, state, {...format, lang: 'ja'});
  assert.deepEqual(
    [lines[0], lines[2]?.includes('✓ 完了'), lines[3]?.includes('✗ 失敗'), lines.at(-1)],
    [
      '手順                   題名               状態      回数  所要    ログ',
      true,
      true,
      'last                   last の題          · 未実行  0     —',
    ],
  );
});

test('names the target in Japanese in the status header', () => {
  assert.equal(
    reportWords.ja.statusHeader('example', 'default', {...state, target: 'simulated'}),
    `example · プロファイル default · シミュレーション · 最終更新 ${state.updatedAt}`,
  );
  assert.equal(
    reportWords.ja.statusHeader('example', 'default', {...state, target: 'real'}),
    `example · プロファイル default · 実機 · 最終更新 ${state.updatedAt}`,
  );
});
