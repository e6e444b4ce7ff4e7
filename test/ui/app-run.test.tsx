import test, {after} from 'node:test';
import assert from 'node:assert/strict';
import {uiRunbook, remediationBranches} from '../fixtures/ui/runbook.js';
import {ucpDiagnosis} from '../fixtures/ui/diagnosis.js';
import {fakeEngine, type FakeEngine} from './helpers/fake-engine.js';
import {renderApp} from './helpers/app.js';
import {cleanupMounted, keys, waitFor} from './helpers/render.js';

after(cleanupMounted);
import type {RunOutcome} from '../../source/engine/engine-api.js';

/** A runStep that starts the step, prints, and waits for the test (or a cancel) to end it. */
function heldRun() {
  let finish: (outcome: RunOutcome) => void = () => {};
  const runStep = async (stepId: string, engine: FakeEngine) => {
    engine.emit({
      type: 'step-started',
      stepId,
      attempt: 1,
      logPath: `/l/${stepId}.log`,
      at: Date.now(),
    });
    engine.emit({
      type: 'step-output',
      stepId,
      lines: ['==> node1: Importing base box', '==> node2: Booting VM...'],
      stream: 'stdout',
    });
    return new Promise<RunOutcome>((resolve) => {
      finish = resolve;
    });
  };

  return {runStep, finish: (outcome: RunOutcome) => finish(outcome)};
}

test('runs the selected step on Enter and streams its output into the pane', async () => {
  const held = heldRun();
  const engine = fakeEngine({runbook: uiRunbook, runStep: held.runStep});
  const app = renderApp(engine);
  app.press('j');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› - Create the VMs/);
  });
  app.press(keys.enter);
  await waitFor(() => {
    const screen = app.screen();
    assert.match(screen[3] ?? '', /^› [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Create the VMs +\d+s \/ ~5m$/);
    assert.match(screen[12] ?? '', /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Create the VMs {2}\d+s \/ ~5m$/);
    assert.deepEqual(screen.slice(13, 15), [
      '==> node1: Importing base box',
      '==> node2: Booting VM...',
    ]);
    assert.equal(
      screen.at(-1),
      'x cancel  l log  d details  p parameters  L 日本語  ? help  q quit',
    );
  });
  assert.deepEqual(engine.calls, ['runStep vms']);
  engine.emit({
    type: 'step-finished',
    stepId: 'vms',
    status: 'done',
    durationMs: 65_000,
    at: Date.now(),
  });
  held.finish('done');
  await waitFor(() => {
    assert.match(app.lastFrame(), / {2}✓ Create the VMs +1m 05s/);
    assert.match(app.lastFrame(), /› - Install MKE/);
  });
  app.unmount();
});

test('cancels the running step with x, and the step shows interrupted', async () => {
  const held = heldRun();
  const engine = fakeEngine({runbook: uiRunbook, runStep: held.runStep});
  const app = renderApp(engine);
  app.press(keys.enter);
  await waitFor(() => {
    assert.match(app.lastFrame(), /Booting VM/);
  });
  app.press('x');
  await waitFor(() => {
    assert.deepEqual(engine.calls, ['runStep preflight', 'cancel']);
  });
  engine.emit({
    type: 'step-finished',
    stepId: 'preflight',
    status: 'interrupted',
    durationMs: 1000,
    at: Date.now(),
    error: {code: 'cancelled', message: 'Cancelled by the user.'},
  });
  held.finish('stopped');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› ! Preflight checks/);
    assert.match(app.lastFrame(), /✗ Failed: Cancelled by the user\./);
    assert.match(app.lastFrame(), /r retry/);
  });
  app.unmount();
});

test('asks before quitting while a step runs, then cancels it and reports stopped', async () => {
  const held = heldRun();
  const engine = fakeEngine({runbook: uiRunbook, runStep: held.runStep});
  const app = renderApp(engine);
  app.press(keys.enter);
  await waitFor(() => {
    assert.match(app.lastFrame(), /Booting VM/);
  });
  app.press('q');
  await waitFor(() => {
    assert.equal(
      app.screen().at(-1),
      'A step is running. Quit anyway? It will be cancelled. (y/n)',
    );
  });
  app.press('y');
  await waitFor(() => {
    assert.equal(app.outcome(), 'stopped');
  });
  assert.deepEqual(engine.calls, ['runStep preflight', 'cancel']);
  held.finish('stopped');
  app.unmount();
});

test('switches every word on screen to Japanese and back with L', async () => {
  const engine = fakeEngine({runbook: uiRunbook});
  const app = renderApp(engine);
  app.press('L');
  await waitFor(() => {
    assert.match(app.screen()[2] ?? '', /^› - 事前確認/);
    assert.equal(
      app.screen().at(-1),
      'j/k 選択 Enter 実行 l ログ d 詳細 p パラメーター L English ? ヘルプ q 終了',
    );
  });
  app.press('L');
  await waitFor(() => {
    assert.match(app.screen()[2] ?? '', /^› - Preflight checks/);
  });
  // The engine's own words follow (what checks saw, notes, resume findings).
  assert.deepEqual(engine.calls, ['setLang ja', 'setLang en']);
  app.unmount();
});

test('opens the diagnosis picture on a diagnosis, jumps with n (recording the explaining step it passes skipped), and offers the suggested remediation', async () => {
  const engine = fakeEngine({
    runbook: uiRunbook,
    runStep: async (stepId, self) => {
      const branch = await app.prompter.choose(stepId, remediationBranches);
      self.calls.push(`chose ${branch}`);
      return 'done';
    },
  });
  const app = renderApp(engine, {rows: 40});
  engine.emit({
    type: 'step-finished',
    stepId: 'job-run',
    status: 'failed',
    durationMs: 3000,
    at: Date.now(),
    error: {code: 'check-failed', message: 'The job failed.'},
  });
  engine.emit({type: 'diagnosis', stepId: 'job-run', diagnosis: ucpDiagnosis});
  await waitFor(() => {
    assert.match(app.lastFrame(), /Diagnosis: MKE's UCPAuthorization refused a privileged pod/);
    assert.match(app.lastFrame(), /3\^\^\^ MKE UCPAuthorization/);
  });
  app.press('n');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› - Remediation/);
    assert.match(app.lastFrame(), /Diagnose: skipped on the way \(Enter on it runs it\)/);
  });
  assert.deepEqual(engine.calls, ['skip diagnose']);
  app.press(keys.enter);
  await waitFor(() => {
    assert.match(app.lastFrame(), /› 2\. PSP \+ MKE grant {2}\(suggested\)/);
  });
  app.press(keys.enter);
  await waitFor(() => {
    assert.deepEqual(engine.calls, ['skip diagnose', 'runStep remediation', 'chose psp-grant']);
  });
  app.unmount();
});

test('shows a danger confirmation as a warning and answers with y', async () => {
  const app = renderApp(fakeEngine({runbook: uiRunbook}));
  const answer = app.prompter.confirm(
    {en: 'This binds cluster-admin to the runner.', ja: 'cluster-admin を付与します。'},
    {danger: true},
  );
  await waitFor(() => {
    assert.deepEqual(app.screen().slice(2, 7), [
      '╔══════════════════════════════════════════════════════════════════════════════╗',
      '║  ! WARNING !                                                                 ║',
      '║ This binds cluster-admin to the runner.                                      ║',
      '║ y yes · n no                                                                 ║',
      '╚══════════════════════════════════════════════════════════════════════════════╝',
    ]);
  });
  app.press('y');
  assert.equal(await answer, true);
  app.unmount();
});

test('skips a skippable step with s and undoes with u only where the step has an undo', async () => {
  const engine = fakeEngine({runbook: uiRunbook});
  const app = renderApp(engine);
  app.press('s'); // Preflight is not skippable: nothing happens.
  for (let i = 0; i < 4; i++) app.press('j');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› - Install GitLab Runner/);
    assert.match(app.lastFrame(), /s skip/);
  });
  app.press('s');
  await waitFor(() => {
    assert.deepEqual(engine.calls, ['skip runner-install']);
  });
  for (let i = 0; i < 3; i++) app.press('k');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› - Create the VMs/);
  });
  app.press('u');
  await waitFor(() => {
    assert.deepEqual(engine.calls, ['skip runner-install', 'undo vms']);
  });
  app.unmount();
});

test("shows a finished step's last output again when it is selected after another step ran", async () => {
  const runStep = async (stepId: string, engine: FakeEngine): Promise<RunOutcome> => {
    engine.emit({type: 'step-started', stepId, attempt: 1, logPath: `/l/${stepId}.log`, at: 1});
    engine.emit({
      type: 'step-output',
      stepId,
      lines: [`${stepId}: warning  CentOS 7 is end-of-life`],
      stream: 'stdout',
    });
    engine.emit({type: 'step-finished', stepId, status: 'done', durationMs: 1000, at: 2});
    return 'done';
  };

  const engine = fakeEngine({runbook: uiRunbook, runStep});
  const app = renderApp(engine);
  app.press(keys.enter);
  await waitFor(() => {
    assert.match(app.lastFrame(), /› - Create the VMs/);
  });
  app.press(keys.enter);
  await waitFor(() => {
    assert.match(app.lastFrame(), /› - Install MKE/);
  });
  app.press('k');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› ✓ Create the VMs/);
    assert.match(app.lastFrame(), /^vms: warning {2}CentOS 7 is end-of-life$/m);
  });
  app.press('k');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› ✓ Preflight checks/);
    assert.match(app.lastFrame(), /^Output: Preflight checks$/m);
    assert.match(app.lastFrame(), /^preflight: warning {2}CentOS 7 is end-of-life$/m);
    assert.doesNotMatch(app.lastFrame(), /vms: warning/);
  });
  app.unmount();
});
