import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {EngineEvent} from '../../source/engine/events.js';
import {createLineReporter, formatEvent} from '../../source/report/line-reporter.js';
import {createPaint} from '../../source/report/paint.js';
import {exampleRunbook} from './fixture-runbook.js';

const plain = {paint: createPaint(false), lang: 'en' as const, runbook: exampleRunbook};

const cases: Array<[string, EngineEvent, string[]]> = [
  [
    'announces the run with its target',
    {type: 'run-started', runbookId: 'example', profile: 'default', target: 'simulated', at: 0},
    ['▶ example · profile default · SIMULATED'],
  ],
  [
    'names the step by its title and gives the log path when it starts',
    {type: 'step-started', stepId: 'first', attempt: 2, logPath: '/s/logs/first.2.log', at: 0},
    ['[first] ▶ Title of first (attempt 2)', '[first] log: /s/logs/first.2.log'],
  ],
  [
    'prefixes every output line with the step id',
    {type: 'step-output', stepId: 'first', lines: ['one', 'two'], stream: 'stdout'},
    ['[first] one', '[first] two'],
  ],
  [
    'shows planned commands as argument lists with env keys only',
    {
      type: 'step-plan',
      stepId: 'first',
      effects: [{kind: 'command', file: 'helm', args: ['install', 'a b'], env: ['TOKEN']}],
    },
    ['[first] $ helm install "a b" (env: TOKEN)'],
  ],
  [
    'reports a check that does not hold',
    {type: 'check-result', stepId: 'first', checkId: 'exists', holds: false, detail: 'not found'},
    ['[first] ✗ check exists: not found'],
  ],
  [
    'reports a done step with its duration',
    {type: 'step-finished', stepId: 'first', status: 'done', durationMs: 4200, at: 0},
    ['[first] ✓ done in 4.2s'],
  ],
  [
    "reports a failed step with the tool's words, its exit code and the hint",
    {
      type: 'step-finished',
      stepId: 'first',
      status: 'failed',
      durationMs: 1200,
      at: 0,
      error: {
        code: 'exit-code',
        message: 'kubectl exited with 1',
        detail: 'Error from server (Forbidden): nope\nsecond line',
        exitCode: 1,
        hint: 'check the kubeconfig',
      },
    },
    [
      '[first] ✗ failed after 1.2s (exit code 1): kubectl exited with 1',
      '[first]   Error from server (Forbidden): nope',
      '[first]   second line',
      '[first] hint: check the kubeconfig',
    ],
  ],
  [
    'reports an interrupted step',
    {type: 'step-finished', stepId: 'first', status: 'interrupted', durationMs: 500, at: 0},
    ['[first] ⏸ interrupted after 500ms'],
  ],
  [
    'says in words what reconcile found for a step',
    {type: 'reconcile-step', stepId: 'second', verdict: 'drifted', detail: 'namespace not found'},
    ['[second] drifted: recorded done, no longer true — namespace not found'],
  ],
  [
    'keeps quiet about steps reconcile found plainly pending',
    {type: 'reconcile-step', stepId: 'second', verdict: 'pending', detail: 'recorded pending'},
    [],
  ],
  [
    'tells where reconcile proposes to continue',
    {type: 'reconcile-finished', proposedStepId: 'second', at: 0},
    ['continuing at second'],
  ],
  [
    'says where a parameter came from, unless it is the default',
    {type: 'param-resolved', paramId: 'token', from: 'env'},
    ['parameter token from env'],
  ],
  [
    'keeps quiet about defaults',
    {type: 'param-resolved', paramId: 'namespace', from: 'default'},
    [],
  ],
  ['ends with the run status', {type: 'run-finished', status: 'failed', at: 0}, ['■ failed']],
];

for (const [title, event, expected] of cases) {
  test(title, () => {
    assert.deepEqual(formatEvent(event, plain), expected);
  });
}

test('speaks Japanese with --lang ja: the runbook titles and its own words', () => {
  const ja = {...plain, lang: 'ja' as const};
  assert.deepEqual(
    formatEvent({type: 'step-started', stepId: 'first', attempt: 2, logPath: '/l', at: 0}, ja),
    ['[first] ▶ first の題（2 回目）', '[first] ログ: /l'],
  );
  assert.deepEqual(
    formatEvent(
      {
        type: 'step-finished',
        stepId: 'first',
        status: 'failed',
        durationMs: 1200,
        at: 0,
        error: {code: 'exit-code', message: 'm', exitCode: 1, hint: 'h'},
      },
      ja,
    ),
    ['[first] ✗ 失敗（1.2s）（終了コード 1）: m', '[first] ヒント: h'],
  );
});

test('writes no colour codes when colour is off and some when it is on', () => {
  const event: EngineEvent = {
    type: 'step-finished',
    stepId: 'first',
    status: 'done',
    durationMs: 1,
    at: 0,
  };
  const off: string[] = [];
  const on: string[] = [];
  createLineReporter((text) => off.push(text), plain)(event);
  createLineReporter((text) => on.push(text), {...plain, paint: createPaint(true)})(event);
  assert.doesNotMatch(off.join(''), /\u001B\[/);
  assert.match(on.join(''), /\u001B\[32m/);
});

test('announces the run and what a step will do in Japanese under --lang ja', () => {
  const ja = {...plain, lang: 'ja' as const};
  assert.deepEqual(
    formatEvent(
      {type: 'run-started', runbookId: 'example', profile: 'default', target: 'simulated', at: 0},
      ja,
    ),
    ['▶ example · プロファイル default · シミュレーション'],
  );
  assert.deepEqual(
    formatEvent(
      {
        type: 'step-plan',
        stepId: 'first',
        effects: [
          {kind: 'command', file: 'helm', args: ['install', 'a b'], env: ['TOKEN']},
          {kind: 'file', path: '/w/values.yaml', content: 'a: 1\nb: 2'},
          {kind: 'manifest', action: 'apply', yaml: 'kind: Namespace\n'},
        ],
      },
      ja,
    ),
    [
      '[first] $ helm install "a b"(環境変数: TOKEN)',
      '[first] /w/values.yaml を書きます(2 行)',
      '[first] マニフェストを適用します(1 行)',
    ],
  );
});
