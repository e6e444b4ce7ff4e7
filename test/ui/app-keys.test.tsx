import test, {after} from 'node:test';
import assert from 'node:assert/strict';
import {uiRunbook, remediationBranches, params} from '../fixtures/ui/runbook.js';
import {fakeEngine} from './helpers/fake-engine.js';
import {renderApp} from './helpers/app.js';
import {cleanupMounted, keys, waitFor} from './helpers/render.js';
import {Text} from 'ink';
import {EventEmitter} from 'node:events';
import {render as inkRender} from 'ink';
import {App} from '../../source/ui/app.js';
import {createUiPrompter} from '../../source/ui/prompter.js';
import {useKeys} from '../../source/ui/use-keys.js';

after(cleanupMounted);

// Keys written in the same tick a question is asked: no frame shows the question yet, and
// no screen has subscribed. The app's one listener must still hand them to the question.

test('a choice asked and answered in the same tick takes the typed branch', async () => {
  const app = renderApp(fakeEngine({runbook: uiRunbook}));
  const frames = app.frames.length;
  const choice = app.prompter.choose('remediation', remediationBranches);
  app.press('2');
  app.press(keys.enter);
  assert.equal(app.frames.length, frames, 'no frame was drawn before the keys');
  assert.equal(await choice, 'psp-grant');
  app.unmount();
});

test('a confirmation answered in the same tick it is asked hears the y', async () => {
  const app = renderApp(fakeEngine({runbook: uiRunbook}));
  const answer = app.prompter.confirm({en: 'Go on?', ja: '続けますか?'}, {danger: true});
  app.press('y');
  assert.equal(await answer, true);
  app.unmount();
});

test('a parameter typed in the same tick it is asked gets every character', async () => {
  const app = renderApp(fakeEngine({runbook: uiRunbook}));
  const param = params['password'];
  assert.ok(param);
  const answer = app.prompter.askParam(param);
  for (const character of 'adminadmin') app.press(character);
  app.press(keys.enter);
  assert.equal(await answer, 'adminadmin');
  app.unmount();
});

test('a pasted answer with its Enter in one chunk answers the prompt', async () => {
  const app = renderApp(fakeEngine({runbook: uiRunbook}));
  const param = params['password'];
  assert.ok(param);
  const answer = app.prompter.askParam(param);
  app.press('adminadmin\r');
  assert.equal(await answer, 'adminadmin');
  app.unmount();
});

test('a key pressed the instant a second question appears goes to that question', async () => {
  const engine = fakeEngine({
    runbook: uiRunbook,
    runStep: async (stepId, self) => {
      self.calls.push(`chose ${await app.prompter.choose(stepId, remediationBranches)}`);
      self.calls.push(`sure ${String(await app.prompter.confirm({en: 'Sure?', ja: '本当?'}))}`);
      return 'done';
    },
  });
  const app = renderApp(engine);
  for (let i = 0; i < 7; i++) app.press('j');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› - Remediation/);
  });
  app.press(keys.enter);
  await waitFor(() => {
    assert.match(app.lastFrame(), /Choose a way forward/);
  });
  const stop = app.prompter.subscribe(() => {
    if (app.prompter.current()?.kind === 'confirm') app.press('n');
  });
  app.press('1');
  app.press(keys.enter);
  await waitFor(() => {
    assert.deepEqual(engine.calls, ['runStep remediation', 'chose cluster-admin', 'sure false']);
  });
  stop();
  app.unmount();
});

test('moves through the list by each of several keys that arrived in one read', async () => {
  const app = renderApp(fakeEngine({runbook: uiRunbook}));
  app.press('jjjk');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› - Install MKE/);
  });
  app.unmount();
});

test('a move and an Enter in one read run the step moved to, not the one the last frame showed', async () => {
  const engine = fakeEngine({runbook: uiRunbook, runStep: async () => 'stopped'});
  const app = renderApp(engine);
  app.press(`jj${keys.enter}`);
  await waitFor(() => {
    assert.deepEqual(engine.calls, ['runStep mke-install']);
  });
  app.unmount();
});

// The CLI draws a boot frame first and swaps the app in with a rerender. The terminal must
// stay raw through the swap: cooked for an instant, it turns a typed Enter into a newline.
function Boot() {
  useKeys(() => {});
  return <Text>starting the simulated lab…</Text>;
}

class RawModeStdin extends EventEmitter {
  isTTY = true;
  modes: boolean[] = [];
  setRawMode(mode: boolean) {
    this.modes.push(mode);
  }

  read = () => null;
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

test('keeps the terminal raw while the app replaces the boot frame', () => {
  const stdin = new RawModeStdin();
  const instance = inkRender(<Boot />, {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: Object.assign(new EventEmitter(), {
      columns: 80,
      rows: 24,
      write: () => true,
    }) as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const before = stdin.modes.length;
  instance.rerender(
    <App
      engine={fakeEngine({runbook: uiRunbook})}
      prompter={createUiPrompter()}
      lang="en"
      simulated
    />,
  );
  assert.deepEqual(stdin.modes.slice(before), []);
  instance.unmount();
  instance.cleanup();
  assert.deepEqual(stdin.modes.at(-1), false);
});

test('Enter on a choice already made asks again on the current branch, so 2 then Enter switches', async () => {
  const engine = fakeEngine({
    runbook: uiRunbook,
    branches: {remediation: {branchId: 'cluster-admin', at: ''}},
  });
  const app = renderApp(engine);
  app.press('jjjjjjj');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› . Remediation/);
  });
  app.press(keys.enter);
  await waitFor(() => {
    assert.match(app.lastFrame(), /› 1\. Bind cluster-admin {2}\(current\)/);
  });
  app.press('2');
  app.press(keys.enter);
  await waitFor(() => {
    assert.deepEqual(
      engine.calls.filter((call) => !call.startsWith('describe')),
      ['choose remediation psp-grant'],
    );
  });
  app.unmount();
});

test('Enter, Enter on a choice already made keeps the branch it has', async () => {
  const engine = fakeEngine({
    runbook: uiRunbook,
    branches: {remediation: {branchId: 'psp-grant', at: ''}},
  });
  const app = renderApp(engine);
  app.press('jjjjjjj');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› . Remediation/);
  });
  app.press(keys.enter);
  await waitFor(() => {
    assert.match(app.lastFrame(), /› 2\. PSP \+ MKE grant {2}\(current\)/);
  });
  app.press(keys.enter);
  await waitFor(() => {
    assert.deepEqual(
      engine.calls.filter((call) => !call.startsWith('describe')),
      ['choose remediation psp-grant'],
    );
  });
  app.unmount();
});

test('a question names its keys once: the footer does not repeat Esc back', async () => {
  const app = renderApp(fakeEngine({runbook: uiRunbook}));
  const param = params['password'];
  assert.ok(param);
  const answer = app.prompter.askParam(param);
  await waitFor(() => {
    assert.match(app.lastFrame(), /MKE admin password/);
  });
  assert.equal(app.lastFrame().split('Esc back').length - 1, 1);
  app.press('adminadmin\r');
  assert.equal(await answer, 'adminadmin');
  app.unmount();
});

test('an Enter typed in the same read as the Enter that asks again keeps the current branch', async () => {
  const engine = fakeEngine({
    runbook: uiRunbook,
    branches: {remediation: {branchId: 'psp-grant', at: ''}},
  });
  const app = renderApp(engine);
  app.press('jjjjjjj');
  await waitFor(() => {
    assert.match(app.lastFrame(), /› . Remediation/);
  });
  app.press('\r\r');
  await waitFor(() => {
    assert.deepEqual(
      engine.calls.filter((call) => !call.startsWith('describe')),
      ['choose remediation psp-grant'],
    );
  });
  app.unmount();
});
