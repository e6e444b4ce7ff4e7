import test from 'node:test';
import assert from 'node:assert/strict';
import {
  displayStatus,
  initialUiState,
  isSettled,
  reduceUi,
  type StepView,
  type UiState,
} from '../../source/ui/ui-state.js';
import type {EngineEvent} from '../../source/engine/events.js';
import {ucpDiagnosis} from '../fixtures/ui/diagnosis.js';
import {record} from './helpers/fake-engine.js';

const start = initialUiState();
const fold = (events: readonly EngineEvent[], from: UiState = start) =>
  events.reduce(reduceUi, from);

const cases: ReadonlyArray<{
  readonly title: string;
  readonly events: readonly EngineEvent[];
  readonly step: string;
  readonly expected: StepView | undefined;
}> = [
  {
    title: 'marks a started step running with its attempt and log',
    events: [{type: 'step-started', stepId: 'vms', attempt: 2, logPath: '/l/vms.2.log', at: 100}],
    step: 'vms',
    expected: {status: 'running', attempt: 2, logPath: '/l/vms.2.log', startedAt: 100, checks: []},
  },
  {
    title: 'records a failure with its error and duration',
    events: [
      {type: 'step-started', stepId: 'vms', attempt: 1, logPath: '/l/vms.log', at: 100},
      {
        type: 'step-finished',
        stepId: 'vms',
        status: 'failed',
        durationMs: 900,
        at: 1000,
        error: {code: 'exit-code', message: 'vagrant up failed', exitCode: 1},
      },
    ],
    step: 'vms',
    expected: {
      status: 'failed',
      attempt: 1,
      logPath: '/l/vms.log',
      startedAt: 100,
      durationMs: 900,
      error: {code: 'exit-code', message: 'vagrant up failed', exitCode: 1},
      checks: [],
    },
  },
  {
    title: 'keeps the latest result of each check',
    events: [
      {type: 'step-started', stepId: 'vms', attempt: 1, logPath: '/l', at: 1},
      {type: 'check-result', stepId: 'vms', checkId: 'up', holds: false, detail: 'not yet'},
      {type: 'check-result', stepId: 'vms', checkId: 'up', holds: true, detail: 'running'},
    ],
    step: 'vms',
    expected: {
      status: 'running',
      attempt: 1,
      logPath: '/l',
      startedAt: 1,
      checks: [{id: 'up', holds: true, detail: 'running'}],
    },
  },
  {
    title: 'attaches a diagnosis to its step',
    events: [{type: 'diagnosis', stepId: 'job-run', diagnosis: ucpDiagnosis}],
    step: 'job-run',
    expected: {status: 'pending', attempt: 0, checks: [], diagnosis: ucpDiagnosis},
  },
  {
    title: 'records a reconcile verdict without changing the status',
    events: [
      {
        type: 'reconcile-step',
        stepId: 'mke-install',
        verdict: 'drifted',
        detail: 'MKE does not answer',
      },
    ],
    step: 'mke-install',
    expected: {
      status: 'pending',
      attempt: 0,
      checks: [],
      verdict: 'drifted',
      verdictDetail: 'MKE does not answer',
    },
  },
  {
    title: 'ignores output: lines never enter the state',
    events: [{type: 'step-output', stepId: 'vms', lines: ['a', 'b'], stream: 'stdout'}],
    step: 'vms',
    expected: undefined,
  },
];

for (const {title, events, step, expected} of cases) {
  test(title, () => {
    assert.deepEqual(fold(events).steps[step], expected);
  });
}

test('tracks the running step and clears it when the step finishes', () => {
  const running = fold([{type: 'step-started', stepId: 'vms', attempt: 1, logPath: '/l', at: 1}]);
  assert.equal(running.runningStepId, 'vms');
  const finished = reduceUi(running, {
    type: 'step-finished',
    stepId: 'vms',
    status: 'interrupted',
    durationMs: 5,
    at: 6,
  });
  assert.equal(finished.runningStepId, undefined);
  assert.equal(displayStatus(finished.steps['vms']), 'interrupted');
});

test('records reconcile progress, proposal and chosen branches', () => {
  const state = fold([
    {type: 'reconcile-started', at: 1},
    {type: 'reconcile-finished', proposedStepId: 'runner-install', at: 2},
    {
      type: 'branch-chosen',
      stepId: 'remediation',
      branchId: 'psp-grant',
      previous: 'cluster-admin',
    },
    {type: 'run-finished', status: 'failed', at: 3},
  ]);
  assert.deepEqual(
    {reconcile: state.reconcile, branches: state.branches, run: state.run},
    {
      reconcile: {phase: 'done', proposedStepId: 'runner-install'},
      branches: {remediation: 'psp-grant'},
      run: 'failed',
    },
  );
});

test('a chosen branch marks its choice step done, so the list and the progress count it', () => {
  const state = fold([{type: 'branch-chosen', stepId: 'remediation', branchId: 'cluster-admin'}]);
  assert.equal(displayStatus(state.steps['remediation']), 'done');
});

test('a switch of branch shows the steps it set back to pending as pending, no longer verified', () => {
  const state = fold([
    {type: 'step-finished', stepId: 'verify', status: 'done', durationMs: 5, at: 1},
    {type: 'reconcile-step', stepId: 'verify', verdict: 'verified', detail: 'a job succeeded'},
    {
      type: 'branch-chosen',
      stepId: 'remediation',
      branchId: 'psp-grant',
      previous: 'cluster-admin',
      reset: ['verify'],
    },
  ]);
  assert.equal(displayStatus(state.steps['verify']), 'pending');
  assert.equal(state.steps['verify']?.verdict, undefined);
  assert.equal(displayStatus(state.steps['remediation']), 'done');
});

test('starts from the saved state: statuses, durations, logs and branches', () => {
  const state = initialUiState({
    schemaVersion: 1,
    runbookId: 'x',
    params: {},
    steps: {vms: record('done', 75, '/l/vms.log')},
    branches: {remediation: {branchId: 'cluster-admin', at: '2026-11-28T10:00:00.000Z'}},
    target: 'simulated',
    createdAt: '',
    updatedAt: '',
  });
  assert.deepEqual(state.steps['vms'], {
    status: 'done',
    attempt: 1,
    logPath: '/l/vms.log',
    durationMs: 75_000,
    checks: [],
  });
  assert.deepEqual(state.branches, {remediation: 'cluster-admin'});
});

const statusCases = [
  [{status: 'done', verdict: 'verified'}, 'verified'],
  [{status: 'done', verdict: 'drifted'}, 'drifted'],
  [{status: 'pending', verdict: 'found-in-place'}, 'found'],
  [{status: 'done', verdict: 'unknown'}, 'unknown'],
  [{status: 'pending', verdict: 'pending'}, 'pending'],
  [{status: 'skipped'}, 'skipped'],
  [{status: 'running', verdict: 'verified'}, 'running'],
] as const;

for (const [view, expected] of statusCases) {
  test(`shows ${expected} for a ${view.status} step with verdict ${'verdict' in view ? view.verdict : 'none'}`, () => {
    assert.equal(displayStatus({attempt: 1, checks: [], ...view}), expected);
  });
}

test('a step recorded done that could not be checked counts as behind us; a failed one does not', () => {
  assert.deepEqual(
    (['unknown', 'verified', 'skipped', 'failed', 'pending', 'drifted'] as const).map(isSettled),
    [true, true, true, false, false, false],
  );
});
