import {existsSync} from 'node:fs';
import {readFile, readdir} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openEngine} from '../../source/engine/engine.js';
import {RunbookError} from '../../source/engine/errors.js';
import {
  engineOptions,
  fixture,
  recorder,
  scriptedPrompter,
  tempDir,
  workerPorts,
} from './helpers.js';

test('walks a runbook of several shell.exec steps to the end, recording each step done', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(
    engineOptions(await fixture('walk'), dir, {
      paramSources: {set: {}, env: {WALK_TOKEN: 'tok-123456'}},
    }),
  );
  try {
    const {events, listener} = recorder();
    engine.subscribe(listener);
    assert.equal(await engine.runFrom(), 'done');
    const state = engine.state();
    assert.deepEqual(
      Object.entries(state.steps).map(([id, record]) => [
        id,
        record.status,
        record.attempts.length,
      ]),
      [
        ['greet', 'done', 1],
        ['write', 'done', 1],
        ['secret', 'done', 1],
      ],
    );
    assert.deepEqual(state.steps['greet']?.outputs, {said: 'hello'});
    assert.deepEqual(state.params, {greeting: 'hello', count: 2});
    assert.equal(
      await readFile(path.join(engine.paths.workdir, 'note.txt'), 'utf8'),
      'hello x2 from hello\n',
    );
    assert.deepEqual(
      events.filter((event) => event.type === 'step-finished').map((event) => event.stepId),
      ['greet', 'write', 'secret'],
    );
    assert.equal(events.at(-1)?.type, 'run-finished');
    const log = await readFile(state.steps['greet']?.attempts[0]?.logPath ?? '', 'utf8');
    assert.equal(log, 'hello\n');
  } finally {
    await engine.close();
    await cleanup();
  }
});

test("a failing step stays failed with the tool's words and exit code, and later steps do not run", async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(engineOptions(await fixture('fail'), dir));
  try {
    const {events, listener} = recorder();
    engine.subscribe(listener);
    assert.equal(await engine.runFrom(), 'failed');
    const record = engine.state().steps['second'];
    assert.equal(record?.status, 'failed');
    assert.deepEqual(
      {...record?.attempts[0]?.error, hint: undefined},
      {
        code: 'exit-code',
        message: 'node exited with code 3',
        detail: 'working…\nError: INSTALLATION FAILED: cannot re-use a name that is still in use',
        exitCode: 3,
        hint: undefined,
      },
    );
    assert.equal(engine.state().steps['third'], undefined);
    const finished = events.find(
      (event) => event.type === 'step-finished' && event.stepId === 'second',
    );
    assert.equal(finished?.type === 'step-finished' && finished.error?.exitCode, 3);
    const last = events.at(-1);
    assert.equal(last?.type === 'run-finished' && last.status, 'failed');

    // The user fixes the cause and retries: the failed step runs again, then the rest.
    await engine.close();
    const again = await openEngine(
      engineOptions(await fixture('fail'), dir, {paramSources: {set: {code: '0'}, env: {}}}),
    );
    try {
      assert.equal(await again.runFrom(), 'done');
      assert.deepEqual(
        again.state().steps['second']?.attempts.map((attempt) => attempt.status),
        ['failed', 'done'],
      );
      assert.equal(again.state().steps['third']?.status, 'done');
    } finally {
      await again.close();
    }
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('an argument holding shell syntax reaches the child as one literal argument', async () => {
  const {dir, cleanup} = await tempDir();
  const marker = path.join(os.tmpdir(), `mke-runbook-x-${process.pid}-${Date.now()}`);
  const evil = `$(touch ${marker}); rm -rf ~`;
  const engine = await openEngine(
    engineOptions(await fixture('walk'), dir, {paramSources: {set: {greeting: evil}, env: {}}}),
  );
  try {
    assert.equal(await engine.runFrom('greet', {only: true}), 'done');
    assert.equal(engine.state().steps['greet']?.outputs['said'], evil);
    assert.equal(existsSync(marker), false);
    assert.equal(existsSync(os.homedir()), true);
  } finally {
    await engine.close();
    await cleanup();
  }
});

for (const sampled of [false, true]) {
  test(`a secret from the environment reaches the child but never the state, logs or events${sampled ? ' (output read on the worker, sampled)' : ''}`, async () => {
    const {dir, cleanup} = await tempDir();
    const secret = 'glrt-Sup3rSecretValue';
    const engine = await openEngine(
      engineOptions(await fixture('walk'), dir, {
        paramSources: {set: {}, env: {WALK_TOKEN: secret}},
        ...(sampled ? {sampledOutput: true, ports: workerPorts(dir)} : {}),
      }),
    );
    try {
      const {events, listener} = recorder();
      engine.subscribe(listener);
      assert.equal(await engine.runFrom(), 'done');
      const forms = [secret, Buffer.from(secret).toString('base64')];
      const files = await allFiles(dir);
      assert.ok(files.length >= 5);
      for (const file of files) {
        const content = await readFile(file, 'utf8');
        for (const form of forms) {
          assert.equal(content.includes(form), false, `${file} holds the secret`);
        }
      }

      const json = JSON.stringify(events);
      assert.equal(
        forms.some((form) => json.includes(form)),
        false,
      );
      // The child did receive it (the echo came back masked).
      assert.match(
        await readFile(path.join(engine.paths.logDir, 'secret.1.log'), 'utf8'),
        /token is ••••/,
      );
    } finally {
      await engine.close();
      await cleanup();
    }
  });
}

test('a secret is masked from the start, even in a step that does not use it', async () => {
  const {dir, cleanup} = await tempDir();
  const secret = 'glrt-EchoedElsewhere';
  const engine = await openEngine(
    engineOptions(await fixture('walk'), dir, {
      paramSources: {set: {greeting: secret}, env: {WALK_TOKEN: secret}},
    }),
  );
  try {
    const {events, listener} = recorder();
    engine.subscribe(listener);
    assert.equal(await engine.runFrom('greet', {only: true}), 'done');
    assert.deepEqual(
      events.flatMap((event) => (event.type === 'step-output' ? event.lines : [])),
      ['••••'],
    );
    assert.equal((await readFile(engine.paths.stateFile, 'utf8')).includes(secret), false);
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('refuses a secret given with --set, naming the environment variable to use', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    await assert.rejects(
      openEngine(
        engineOptions(await fixture('walk'), dir, {
          paramSources: {set: {token: 'abc123'}, env: {}},
        }),
      ),
      (error: unknown) =>
        error instanceof RunbookError &&
        error.code === 'secret-in-flag' &&
        /WALK_TOKEN/.test(error.hint ?? ''),
    );
  } finally {
    await cleanup();
  }
});

test('headless, it fails listing every missing parameter with the flag or variable to give it', async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('choice');
  const missing = async (set: Record<string, string>): Promise<string> => {
    const engine = await openEngine(engineOptions(runbook, dir, {paramSources: {set, env: {}}}));
    try {
      await engine.runFrom();
      return 'ran';
    } catch (error) {
      assert.ok(error instanceof RunbookError);
      assert.equal(error.code, 'params-missing');
      return error.message;
    } finally {
      await engine.close();
    }
  };

  try {
    assert.equal(await missing({}), 'missing a parameter:\n  route (Route): --set route=…');
    assert.equal(
      await missing({route: 'left'}),
      'missing a parameter:\n  name (Name): --set name=…',
    );
    assert.equal(await missing({route: 'left', name: 'kit'}), 'ran');
  } finally {
    await cleanup();
  }
});

test("a choice runs the chosen branch; switching branches runs the old branch's leave first and sets what followed back to pending", async () => {
  const {dir, cleanup} = await tempDir();
  const prompter = scriptedPrompter({params: {name: 'kit'}, branch: 'left'});
  const engine = await openEngine(
    engineOptions(await fixture('choice'), dir, {assumeYes: false, prompter}),
  );
  try {
    const {events, listener} = recorder();
    engine.subscribe(listener);
    assert.equal(await engine.runFrom(), 'done');
    assert.deepEqual(
      engine.steps().map((entry) => entry.step.id),
      ['start', 'route', 'left-mark', 'finish'],
    );
    assert.equal(await readFile(path.join(engine.paths.workdir, 'left'), 'utf8'), 'left kit');
    assert.deepEqual(prompter.asked, ['choose:route', 'name']);

    assert.equal(await engine.choose('route', 'right', 'least privilege'), 'done');
    assert.equal(existsSync(path.join(engine.paths.workdir, 'left')), false);
    assert.deepEqual(
      engine.state().branches['route'] && {...engine.state().branches['route'], at: ''},
      {
        branchId: 'right',
        at: '',
        reason: 'least privilege',
        previous: 'left',
      },
    );
    assert.equal(engine.state().steps['left-mark']?.status, 'pending');
    // Done under the branch left: to be done again under the new one.
    assert.equal(engine.state().steps['finish']?.status, 'pending');
    assert.equal(engine.state().steps['start']?.status, 'done');
    assert.deepEqual(
      events.filter((event) => event.type === 'branch-chosen'),
      [
        {type: 'branch-chosen', stepId: 'route', branchId: 'left'},
        {
          type: 'branch-chosen',
          stepId: 'route',
          branchId: 'right',
          previous: 'left',
          reset: ['finish'],
        },
      ],
    );
    assert.equal(await engine.runFrom(), 'done');
    assert.deepEqual(prompter.asked, ['choose:route', 'name', 'confirm']);
    assert.equal(
      await readFile(path.join(engine.paths.workdir, 'right'), 'utf8'),
      'right kit in default\n',
    );
  } finally {
    await engine.close();
    await cleanup();
  }
});

test("a headless run given another branch switches to it: leave first, then the new branch's steps", async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('choice');
  const run = async (route: string): Promise<void> => {
    const engine = await openEngine(
      engineOptions(runbook, dir, {paramSources: {set: {route, name: 'kit'}, env: {}}}),
    );
    try {
      assert.equal(await engine.runFrom(), 'done');
    } finally {
      await engine.close();
    }
  };

  try {
    await run('left');
    await run('right');
    const engine = await openEngine(engineOptions(runbook, dir));
    try {
      const state = engine.state();
      assert.deepEqual(
        [
          state.branches['route']?.branchId,
          state.branches['route']?.previous,
          state.params['route'],
        ],
        ['right', 'left', 'right'],
      );
      assert.equal(existsSync(path.join(engine.paths.workdir, 'left')), false);
      assert.equal(existsSync(path.join(engine.paths.workdir, 'right')), true);
      assert.deepEqual(
        ['start', 'route', 'left-mark', 'right-mark', 'finish'].map(
          (id) => `${id}:${state.steps[id]?.status}:${state.steps[id]?.attempts.length}`,
        ),
        [
          'start:done:1',
          'route:done:1',
          'left-mark:pending:1',
          'right-mark:done:1',
          'finish:done:2',
        ],
      );
    } finally {
      await engine.close();
    }
  } finally {
    await cleanup();
  }
});

test('skips only steps the runbook allows to skip', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(engineOptions(await fixture('choice'), dir));
  try {
    await assert.rejects(
      engine.skip('start'),
      (error: unknown) => error instanceof RunbookError && error.code === 'not-skippable',
    );
    await engine.skip('right-mark');
    assert.equal(engine.state().steps['right-mark']?.status, 'skipped');
  } finally {
    await engine.close();
    await cleanup();
  }
});

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}
