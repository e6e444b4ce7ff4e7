import {readFileSync} from 'node:fs';
import {readFile, writeFile} from 'node:fs/promises';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openEngine} from '../../source/engine/engine.js';
import {RunbookError} from '../../source/engine/errors.js';
import {parseState} from '../../source/state/parse.js';
import {engineOptions, fixture, tempDir} from '../engine/helpers.js';

test('a corrupt state file is refused with a clear message, and the last good state is kept beside it', async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('files');
  try {
    const engine = await openEngine(engineOptions(runbook, dir));
    assert.equal(await engine.runFrom('alpha', {only: true}), 'done');
    const {stateFile} = engine.paths;
    await engine.close();

    await writeFile(stateFile, '{"schemaVersion": 1, "steps": {');
    await assert.rejects(openEngine(engineOptions(runbook, dir)), (error: unknown) => {
      assert.ok(error instanceof RunbookError);
      assert.equal(error.code, 'state-corrupt');
      assert.match(error.message, /state\.json` cannot be read/);
      assert.match(error.hint ?? '', /state\.json\.bak/);
      return true;
    });
    assert.equal(await readFile(stateFile, 'utf8'), '{"schemaVersion": 1, "steps": {');
    const backup = parseState(
      await readFile(`${stateFile}.bak`, 'utf8'),
      stateFile,
      `${stateFile}.bak`,
    );
    assert.equal(backup.steps['alpha']?.status, 'done');
    // The refusal released the lock: a fixed file opens again.
    await writeFile(stateFile, await readFile(`${stateFile}.bak`, 'utf8'));
    const again = await openEngine(engineOptions(runbook, dir));
    assert.equal(again.state().steps['alpha']?.status, 'done');
    await again.close();
  } finally {
    await cleanup();
  }
});

test('a state file from a newer version is refused, not reset', async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('files');
  try {
    const engine = await openEngine(engineOptions(runbook, dir));
    const {stateFile} = engine.paths;
    await engine.close();
    const newer = JSON.stringify({
      ...JSON.parse(await readFile(stateFile, 'utf8')),
      schemaVersion: 99,
    });
    await writeFile(stateFile, newer);
    await assert.rejects(
      openEngine(engineOptions(runbook, dir)),
      (error: unknown) => error instanceof RunbookError && error.code === 'state-newer',
    );
    assert.equal(await readFile(stateFile, 'utf8'), newer);
  } finally {
    await cleanup();
  }
});

test('every transition is on disk when it happens: running is written before the child starts', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(engineOptions(await fixture('walk'), dir));
  try {
    const statuses: string[] = [];
    engine.subscribe((event) => {
      if (event.type === 'step-started' || event.type === 'step-finished') {
        const onDisk = parseState(readFileSync(engine.paths.stateFile, 'utf8'), '', '');
        statuses.push(`${event.type}:${onDisk.steps[event.stepId]?.status ?? 'none'}`);
      }
    });
    await engine.runFrom('greet', {only: true});
    assert.deepEqual(statuses, ['step-started:running', 'step-finished:done']);
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('opening a profile and changing nothing leaves its state file as it was', async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('files');
  try {
    const engine = await openEngine(engineOptions(runbook, dir));
    assert.equal(await engine.runFrom('alpha', {only: true}), 'done');
    const {stateFile} = engine.paths;
    await engine.close();
    const before = await readFile(stateFile, 'utf8');
    const again = await openEngine(engineOptions(runbook, dir));
    await again.close();
    assert.equal(await readFile(stateFile, 'utf8'), before);
  } finally {
    await cleanup();
  }
});
