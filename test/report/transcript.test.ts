import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createRedactor} from '../../source/secrets/redact.js';
import type {ProfileState} from '../../source/state/types.js';
import {renderTranscript, type LogExcerpt} from '../../source/report/transcript.js';
import {exampleRunbook} from './fixture-runbook.js';

const secret = 'glrt-s3cr3t-token-value';

const state: ProfileState = {
  schemaVersion: 1,
  runbookId: 'example',
  params: {namespace: 'ci'},
  target: 'simulated',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:05:00Z',
  branches: {
    fix: {
      branchId: 'narrow',
      at: '2026-01-01T00:03:00Z',
      previous: 'wide',
      reason: 'least privilege',
    },
  },
  steps: {
    first: {
      status: 'failed',
      outputs: {},
      attempts: [
        {
          n: 1,
          startedAt: '2026-01-01T00:00:00Z',
          endedAt: '2026-01-01T00:00:04Z',
          status: 'failed',
          logPath: '/p/logs/first.1.log',
          error: {code: 'exit-code', message: 'kubectl exited with 1', exitCode: 1, hint: 'look'},
        },
      ],
    },
  },
};

const logs = new Map<string, LogExcerpt>([
  [
    '/p/logs/first.1.log',
    {lines: ['token is ' + secret, '```', 'done'], truncated: true, missing: false},
  ],
]);

const render = (lang: 'en' | 'ja' = 'en') =>
  renderTranscript({
    runbook: exampleRunbook,
    state,
    profile: 'default',
    lang,
    plans: new Map([
      [
        'first',
        {
          label: 'first',
          title: 'First',
          rendered: true,
          effects: [{kind: 'command', file: 'kubectl', args: ['get', 'ns']}],
        },
      ],
    ]),
    logs,
    redact: createRedactor([secret]).redact,
    generatedAt: '2026-01-02T00:00:00Z',
  });

test('masks a secret that reached a log, wherever it appears', () => {
  const text = render();
  assert.doesNotMatch(text, new RegExp(secret));
  assert.match(text, /token is ••••/);
});

test('records steps, attempts with exit codes, the choice and why, commands and output', () => {
  const text = render();
  for (const expected of [
    '# Example runbook',
    '| namespace | `ci` |',
    '| token | (secret: never recorded) |',
    '### 1. Title of first (`first`)',
    'Status: **failed** · attempts: 1',
    '$ kubectl get ns',
    'Attempt 1: **failed**, exit code 1 — 2026-01-01T00:00:00Z (4.0s)',
    '> kubectl exited with 1',
    'Last 3 lines of `/p/logs/first.1.log`:',
    'Chose **narrow** at 2026-01-01T00:03:00Z (switched from `wide`) — least privilege',
    '### 3.1 Title of grant-narrow (`grant-narrow`)',
    '### 4. Title of last (`last`)',
  ]) {
    assert.ok(text.includes(expected), `missing: ${expected}\n---\n${text}`);
  }
});

test('fences output with more backticks than the output holds', () => {
  const text = render();
  assert.match(text, /^````\ntoken is ••••\n```\ndone\n````$/mu);
});

test('speaks Japanese under ja: statuses, attempts, the hint, the log excerpt and the choice', () => {
  const text = render('ja');
  for (const expected of [
    'プロファイル `default` の記録（Runbook `example`、対象 模擬ラボ）。',
    '| token | （秘密: 記録しません） |',
    '状態: **失敗** · 試行回数: 1',
    '試行 1: **失敗**、終了コード 1 — 2026-01-01T00:00:00Z (4.0s)',
    '> kubectl exited with 1',
    '> ヒント: look',
    '`/p/logs/first.1.log` の最後の 3 行:',
    '2026-01-01T00:03:00Z に **narrow** を選択（`wide` から切り替え） — least privilege',
  ]) {
    assert.ok(text.includes(expected), `missing: ${expected}\n---\n${text}`);
  }

  assert.doesNotMatch(text, /Status:|Attempt |Last \d+ lines|Hint:|Chose /u);
});
