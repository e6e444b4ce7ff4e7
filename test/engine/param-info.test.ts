import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openEngine} from '../../source/engine/engine.js';
import {RunbookError} from '../../source/engine/errors.js';
import type {ParamSources} from '../../source/engine/engine-api.js';
import {engineOptions, fixture, recorder, tempDir} from './helpers.js';

async function open(sources: ParamSources = {set: {}, env: {}}) {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(
    engineOptions(await fixture('walk'), dir, {paramSources: sources}),
  );
  const {events, listener} = recorder();
  engine.subscribe(listener);
  return {
    engine,
    events,
    dir,
    async done() {
      await engine.close();
      await cleanup();
    },
  };
}

const summary = (engine: Awaited<ReturnType<typeof open>>['engine']) =>
  engine.params().map((info) => [info.spec.id, info.value, info.isSet, info.origin]);

test('lists every parameter with the value in use and where it comes from, never a secret', async () => {
  const run = await open({set: {count: '3'}, env: {WALK_TOKEN: 'walk-Secret-1'}});
  try {
    assert.deepEqual(summary(run.engine), [
      ['greeting', 'hello', true, 'default'],
      ['count', 3, true, 'flag'],
      ['token', undefined, true, 'env'],
    ]);
    assert.equal(JSON.stringify(run.engine.params()).includes('walk-Secret-1'), false);
    // Reading is not resolving: nothing was saved.
    assert.deepEqual(run.engine.state().params, {});
  } finally {
    await run.done();
  }
});

test('says a secret that nobody gave is not set yet', async () => {
  const run = await open();
  try {
    assert.deepEqual(summary(run.engine)[2], ['token', undefined, false, 'unset']);
  } finally {
    await run.done();
  }
});

test('refuses a value its question would refuse, and saves nothing', async () => {
  const run = await open();
  try {
    assert.deepEqual(run.engine.setParam('count', '9'), {ok: false, message: 'must be at most 5'});
    assert.deepEqual(run.engine.setParam('count', 'two'), {
      ok: false,
      message: 'must be a whole number',
    });
    assert.deepEqual(run.engine.state().params, {});
    assert.equal(run.engine.params()[1]?.origin, 'default');
  } finally {
    await run.done();
  }
});

test('saves a changed value in the profile; texts and the next step use it', async () => {
  const run = await open();
  try {
    assert.deepEqual(run.engine.setParam('greeting', ' bonjour '), {ok: true, value: 'bonjour'});
    assert.equal(run.engine.state().params['greeting'], 'bonjour');
    assert.deepEqual(summary(run.engine)[0], ['greeting', 'bonjour', true, 'state']);
    assert.equal(run.engine.fillText('say {{ params.greeting }}'), 'say bonjour');
    const saved: unknown = JSON.parse(await readFile(run.engine.paths.stateFile, 'utf8'));
    assert.deepEqual((saved as {params: unknown}).params, {greeting: 'bonjour'});
    assert.equal(await run.engine.runStep('greet'), 'done');
    assert.equal(run.engine.state().steps['greet']?.outputs['said'], 'bonjour');
  } finally {
    await run.done();
  }
});

test('a value typed over a --set one lasts for the session: the flag wins at the next start', async () => {
  const run = await open({set: {greeting: 'hi'}, env: {}});
  try {
    assert.equal(run.engine.setParam('greeting', 'yo').ok, true);
    const info = run.engine.params()[0];
    assert.deepEqual([info?.value, info?.origin, info?.overrides], ['yo', 'session', 'flag']);
    assert.equal(await run.engine.runStep('greet'), 'done');
    assert.equal(run.engine.state().steps['greet']?.outputs['said'], 'yo');
  } finally {
    await run.done();
  }
});

test('a secret typed here is used and masked, and never reaches the state, a file or an event', async () => {
  const secret = 'walk-Typed-Secret-42';
  const run = await open();
  try {
    assert.deepEqual(run.engine.setParam('token', secret), {ok: true, value: secret});
    assert.deepEqual(summary(run.engine)[2], ['token', undefined, true, 'session']);
    assert.equal(await run.engine.runStep('secret'), 'done');
    const log = await readFile(path.join(run.engine.paths.logDir, 'secret.1.log'), 'utf8');
    assert.match(log, /token is ••••/);
    assert.equal(JSON.stringify(run.events).includes(secret), false);
    assert.equal(JSON.stringify(run.engine.params()).includes(secret), false);
    for (const name of await readdir(run.dir, {recursive: true})) {
      const file = path.join(run.dir, name);
      const text = await readFile(file, 'utf8').catch(() => '');
      assert.equal(text.includes(secret), false, `${name} holds the secret`);
    }
  } finally {
    await run.done();
  }
});

test('refuses to change a value a done step was built with, naming the step and how to redo it', async () => {
  const run = await open();
  try {
    assert.equal(await run.engine.runStep('greet'), 'done');
    assert.deepEqual(run.engine.params()[0]?.usedBy, [
      {stepId: 'greet', kind: 'action', status: 'done', locks: true},
      {stepId: 'write', kind: 'action', status: 'pending', locks: false},
    ]);
    assert.throws(
      () => run.engine.setParam('greeting', 'bonjour'),
      (error: unknown) =>
        error instanceof RunbookError &&
        error.code === 'param-in-use' &&
        error.message.includes('greet') &&
        (error.hint ?? '').includes('reset'),
    );
    assert.equal(run.engine.state().params['greeting'], 'hello');
    // A parameter no done step used can still change.
    assert.equal(run.engine.setParam('count', '4').ok, true);
    await run.engine.reset('greet');
    assert.equal(run.engine.setParam('greeting', 'bonjour').ok, true);
  } finally {
    await run.done();
  }
});
