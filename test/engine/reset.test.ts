import {existsSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openEngine} from '../../source/engine/engine.js';
import {RunbookError} from '../../source/engine/errors.js';
import {engineOptions, fixture, tempDir} from './helpers.js';

test("undo runs the step's undo actions and leaves it pending", async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(engineOptions(await fixture('files'), dir));
  try {
    const alpha = path.join(engine.paths.workdir, 'alpha');
    assert.equal(await engine.runStep('alpha'), 'done');
    assert.equal(existsSync(alpha), true);
    assert.equal(await engine.undo('alpha'), 'done');
    assert.equal(existsSync(alpha), false);
    assert.deepEqual(
      engine.state().steps['alpha']?.attempts.map((attempt) => attempt.status),
      ['done', 'pending'],
    );
    assert.equal(engine.state().steps['alpha']?.status, 'pending');
    await assert.rejects(
      engine.undo('beta'),
      (error: unknown) => error instanceof RunbookError && error.code === 'no-undo',
    );
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('reset changes only the state file: one step, or every step and branch', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(engineOptions(await fixture('files'), dir));
  try {
    assert.equal(await engine.runFrom(), 'done');
    await engine.reset('beta');
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(engine.state().steps).map(([id, record]) => [id, record.status]),
      ),
      {alpha: 'done', beta: 'pending', gamma: 'done', delta: 'done'},
    );
    assert.equal(existsSync(path.join(engine.paths.workdir, 'beta')), true);
    assert.equal(engine.state().steps['beta']?.attempts.length, 1);
    await engine.reset();
    assert.deepEqual(
      Object.values(engine.state().steps).map((record) => record.status),
      ['pending', 'pending', 'pending', 'pending'],
    );
    await assert.rejects(
      engine.reset('nope'),
      (error: unknown) => error instanceof RunbookError && error.code === 'unknown-step',
    );
  } finally {
    await engine.close();
    await cleanup();
  }
});
