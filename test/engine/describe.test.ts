import path from 'node:path';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openEngine} from '../../source/engine/engine.js';
import type {Diagnosis} from '../../source/diagnosis/types.js';
import {engineOptions, fixture, recorder, tempDir} from './helpers.js';

test('describes a step before it runs, showing values not known yet as <name>', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(engineOptions(await fixture('choice'), dir));
  try {
    await engine.choose('route', 'left');
    assert.deepEqual(await engine.describe('left-mark'), [
      {kind: 'file', path: path.join(engine.paths.workdir, 'left'), content: 'left <params.name>'},
    ]);
    assert.deepEqual(await engine.describe('route'), [
      {kind: 'note', text: 'left: Left'},
      {kind: 'note', text: 'right: Right'},
    ]);
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('describes files with their rendered content and commands with their exact arguments', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(engineOptions(await fixture('walk'), dir));
  try {
    const effects = await engine.describe('write');
    assert.deepEqual(effects, [
      {
        kind: 'file',
        path: path.join(engine.paths.workdir, 'note.txt'),
        content: 'hello x2 from nobody\n',
      },
      {
        kind: 'command',
        file: 'node',
        args: ['-e', 'console.log(require("fs").readFileSync("note.txt", "utf8"))'],
      },
    ]);
  } finally {
    await engine.close();
    await cleanup();
  }
});

test("runs the diagnose hook over a failed step's words and emits what it recognises", async () => {
  const {dir, cleanup} = await tempDir();
  const diagnosis: Diagnosis = {
    id: 'helm-name-in-use',
    title: {en: 'The release name is taken', ja: 'リリース名が使われている'},
    explanation: {en: 'x', ja: 'x'},
    line: 'Error: INSTALLATION FAILED: cannot re-use a name that is still in use',
    segments: [],
    fields: {},
    next: {hint: {en: 'use upgrade --install', ja: 'upgrade --install を使う'}},
  };
  const seen: string[] = [];
  const engine = await openEngine(
    engineOptions(await fixture('fail'), dir, {
      diagnose(text) {
        seen.push(text);
        return text.includes('cannot re-use a name') ? [diagnosis] : [];
      },
    }),
  );
  try {
    const {events, listener} = recorder();
    engine.subscribe(listener);
    assert.equal(await engine.runFrom(), 'failed');
    assert.deepEqual(
      events.filter((event) => event.type === 'diagnosis'),
      [{type: 'diagnosis', stepId: 'second', diagnosis}],
    );
    assert.equal(seen.length, 1);
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('fills a text with the values this run uses (flag, then saved, then default), never a secret, and saves nothing', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(
    engineOptions(await fixture('walk'), dir, {
      paramSources: {set: {count: '4'}, env: {WALK_TOKEN: 'hunter2hunter2'}},
    }),
  );
  try {
    assert.equal(
      engine.fillText('{{ params.greeting }} x{{ params.count }}, token {{ params.token }}'),
      'hello x4, token <params.token>',
    );
    assert.equal(engine.fillText('no template'), 'no template');
    assert.deepEqual(engine.state().params, {});
  } finally {
    await engine.close();
    await cleanup();
  }
});

test("describes a step's notes in the run's language", async () => {
  const walk = await fixture('walk');
  const [first] = walk.steps;
  assert.ok(first?.kind === 'action');
  const byHand = {
    ...first,
    run: [
      {
        action: 'manual.confirm',
        with: {text: {en: 'The binding is removed.', ja: 'バインディングを削除しました。'}},
        source: first.source,
      },
    ],
  };
  const runbook = {...walk, steps: [byHand]};
  for (const [lang, text] of [
    ['en', 'The binding is removed.'],
    ['ja', 'バインディングを削除しました。'],
  ] as const) {
    const {dir, cleanup} = await tempDir();
    const engine = await openEngine(engineOptions(runbook, dir, {lang}));
    try {
      assert.deepEqual(await engine.describe(first.id), [{kind: 'note', text}]);
    } finally {
      await engine.close();
      await cleanup();
    }
  }
});
