import {rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openEngine} from '../../source/engine/engine.js';
import {loadRunbook} from '../../source/runbook/load.js';
import {engineOptions, fixture, fixtures, recorder, tempDir} from './helpers.js';

test('reconcile tells verified, drifted, found-in-place and pending apart, and proposes the first not verified', async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('files');
  const first = await openEngine(engineOptions(runbook, dir));
  assert.equal(await first.runFrom('alpha', {only: true}), 'done');
  assert.equal(await first.runFrom('beta', {only: true}), 'done');
  const {workdir} = first.paths;
  await first.close();

  // The world changes behind the tool's back: alpha's file is removed, gamma's made by hand.
  await rm(path.join(workdir, 'alpha'));
  await writeFile(path.join(workdir, 'gamma'), '');

  const engine = await openEngine(engineOptions(runbook, dir));
  try {
    const {events, listener} = recorder();
    engine.subscribe(listener);
    const report = await engine.reconcile();
    assert.deepEqual(
      report.steps.map((step) => [step.stepId, step.verdict]),
      [
        ['alpha', 'drifted'],
        ['beta', 'verified'],
        ['gamma', 'found-in-place'],
        ['delta', 'pending'],
      ],
    );
    assert.equal(report.proposedStepId, 'alpha');
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(engine.state().steps).map(([id, record]) => [id, record.status]),
      ),
      {alpha: 'pending', beta: 'done', gamma: 'done'},
    );
    assert.deepEqual(
      events.map((event) => event.type),
      [
        'reconcile-started',
        'reconcile-step',
        'reconcile-step',
        'reconcile-step',
        'reconcile-step',
        'reconcile-finished',
      ],
    );

    // Continuing runs alpha again and delta, but not the steps that are in place.
    assert.equal(await engine.runFrom(), 'done');
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(engine.state().steps).map(([id, record]) => [id, record.attempts.length]),
      ),
      {alpha: 2, beta: 1, gamma: 0, delta: 1},
    );
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('a probe that does not answer in time is reported unknown', async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('files');
  const slow = {
    ...runbook,
    steps: runbook.steps
      .slice(0, 1)
      .map((step) =>
        step.kind === 'action' && step.done
          ? {...step, done: {...step.done, with: {file: 'sleep', args: ['30']}}}
          : step,
      ),
  };
  const engine = await openEngine(engineOptions(slow, dir));
  try {
    const started = Date.now();
    const report = await engine.reconcile();
    assert.deepEqual(report.steps, [
      {stepId: 'alpha', verdict: 'unknown', detail: 'the probe did not answer within 5 s'},
    ]);
    assert.ok(Date.now() - started < 9000);
    assert.equal(report.proposedStepId, 'alpha');
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('a step recorded done that cannot be checked (a secret missing) is shown unknown but not proposed', async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('files');
  // alpha's probe now needs a secret the second run is not given.
  const needsToken = {
    ...runbook,
    params: [
      ...runbook.params,
      {
        id: 'token',
        type: 'secret' as const,
        env: 'FILES_TOKEN',
        label: {en: 'Token', ja: 'トークン'},
      },
    ],
    steps: runbook.steps.map((step) =>
      step.kind === 'action' && step.id === 'alpha' && step.done
        ? {
            ...step,
            params: [...step.params, 'token'],
            done: {...step.done, with: {...step.done.with, env: {T: '{{ params.token }}'}}},
          }
        : step,
    ),
  };
  const first = await openEngine(
    engineOptions(needsToken, dir, {paramSources: {set: {}, env: {FILES_TOKEN: 'a-secret'}}}),
  );
  assert.equal(await first.runFrom('alpha', {only: true}), 'done');
  assert.equal(await first.runFrom('beta', {only: true}), 'done');
  await first.close();

  const engine = await openEngine(engineOptions(needsToken, dir));
  try {
    const report = await engine.reconcile();
    assert.deepEqual(
      report.steps.map((step) => [step.stepId, step.verdict, step.detail]),
      [
        ['alpha', 'unknown', 'needs token to check'],
        ['beta', 'verified', `test -f ${path.join(engine.paths.workdir, 'beta')}: exit 0`],
        ['gamma', 'pending', `test -f ${path.join(engine.paths.workdir, 'gamma')}: exit 1`],
        ['delta', 'pending', `test -f ${path.join(engine.paths.workdir, 'delta')}: exit 1`],
      ],
    );
    assert.equal(report.proposedStepId, 'gamma');
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('reconcile proposes where the person left off, not a step that runs every time and already ran', async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('always');
  const first = await openEngine(engineOptions(runbook, dir));
  assert.equal(await first.runFrom('check', {only: true}), 'done');
  assert.equal(await first.runFrom('make', {only: true}), 'done');
  await first.close();

  const engine = await openEngine(engineOptions(runbook, dir));
  try {
    const report = await engine.reconcile();
    assert.deepEqual(
      report.steps.map((step) => [step.stepId, step.verdict]),
      [
        ['check', 'pending'],
        ['make', 'verified'],
        ['finish', 'pending'],
      ],
    );
    assert.equal(report.proposedStepId, 'finish');
  } finally {
    await engine.close();
    await cleanup();
  }
});

for (const [lang, detail] of [
  ['en', 'needs the step ‘Find the place’ first'],
  ['ja', '先にステップ「場所を見つける」が必要です'],
] as const) {
  test(`a probe that reads the output of a step not run yet is pending and names that step (${lang})`, async () => {
    const {dir, cleanup} = await tempDir();
    const runbook = await fixture('outputs');
    const engine = await openEngine(engineOptions(runbook, dir, {lang}));
    try {
      const report = await engine.reconcile();
      assert.deepEqual(
        report.steps.map((step) => [step.stepId, step.verdict, step.detail]),
        [
          ['find', 'pending', lang === 'en' ? 'recorded pending' : '記録上の状態: 未実行'],
          ['make', 'pending', detail],
        ],
      );
      assert.equal(report.proposedStepId, 'find');
    } finally {
      await engine.close();
      await cleanup();
    }
  });
}

test('after setLang the engine speaks the new language (the interface switched with L)', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(engineOptions(await fixture('outputs'), dir, {lang: 'en'}));
  try {
    assert.equal((await engine.reconcile()).steps[0]?.detail, 'recorded pending');
    engine.setLang('ja');
    assert.equal((await engine.reconcile()).steps[0]?.detail, '記録上の状態: 未実行');
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('once the earlier step has run, the probe reading its output runs and finds the file made by hand', async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('outputs');
  const first = await openEngine(engineOptions(runbook, dir));
  assert.equal(await first.runFrom('find', {only: true}), 'done');
  await writeFile(path.join(first.paths.workdir, 'made'), '');
  await first.close();

  const engine = await openEngine(engineOptions(runbook, dir));
  try {
    const report = await engine.reconcile();
    assert.deepEqual(
      report.steps.map((step) => [step.stepId, step.verdict]),
      [
        ['find', 'verified'],
        ['make', 'found-in-place'],
      ],
    );
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('on the procedure, a fresh profile shows the namespace step pending until the kubeconfig step has run', async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await loadRunbook(path.join(fixtures, '../../runbooks/mke-gitlab-runner.yaml'));
  const engine = await openEngine(engineOptions(runbook, dir, {lang: 'ja'}));
  try {
    const report = await engine.reconcile();
    const namespaceStep = report.steps.find((step) => step.stepId === 'runner-namespace');
    assert.deepEqual(namespaceStep, {
      stepId: 'runner-namespace',
      verdict: 'pending',
      detail: '先にステップ「管理者のクライアントバンドルを取得する」が必要です',
    });
  } finally {
    await engine.close();
    await cleanup();
  }
});
