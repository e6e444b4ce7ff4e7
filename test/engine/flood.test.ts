import {createReadStream} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openEngine} from '../../source/engine/engine.js';
import {engineOptions, fixture, tempDir, workerPorts} from './helpers.js';

test('a million lines of output go to the log while the engine keeps only a bounded tail', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(engineOptions(await fixture('flood'), dir, {tailSize: 50}));
  try {
    let lines = 0;
    let events = 0;
    engine.subscribe((event) => {
      if (event.type === 'step-output' && event.stream === 'stdout') {
        lines += event.lines.length;
        events++;
      }
    });
    assert.equal(await engine.runFrom(), 'done');
    assert.equal(lines, 1_000_000);
    assert.ok(events < lines / 10, `output arrives in batches (${events} events)`);
    const tail = engine.outputTail?.('flood') ?? [];
    assert.equal(tail.length, 50);
    assert.equal(tail.at(-1), 'line 999999 of the flood, padded to look like a log line');
    let logLines = 0;
    for await (const chunk of createReadStream(
      engine.state().steps['flood']?.attempts[0]?.logPath ?? '',
    )) {
      logLines += String(chunk).split('\n').length - 1;
    }

    assert.equal(logLines, 1_000_000);
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('with sampled output (the interface), a million lines reach the log while events carry only the latest', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(
    engineOptions(await fixture('flood'), dir, {
      tailSize: 50,
      sampledOutput: true,
      ports: workerPorts(dir),
    }),
  );
  try {
    let lines = 0;
    let largest = 0;
    engine.subscribe((event) => {
      if (event.type === 'step-output') {
        lines += event.lines.length;
        largest = Math.max(largest, event.lines.length);
      }
    });
    assert.equal(await engine.runFrom(), 'done');
    assert.ok(largest <= 50, `an event carries at most the tail (${largest} lines)`);
    assert.ok(lines < 100_000, `only samples came through (${lines} lines)`);
    const tail = engine.outputTail?.('flood') ?? [];
    assert.equal(tail.at(-1), 'line 999999 of the flood, padded to look like a log line');
    const log = await readFile(engine.state().steps['flood']?.attempts[0]?.logPath ?? '', 'utf8');
    const expected = Array.from(
      {length: 1_000_000},
      (_, index) => `line ${index} of the flood, padded to look like a log line\n`,
    ).join('');
    assert.ok(log === expected, 'the log holds every line, byte for byte');
  } finally {
    await engine.close();
    await cleanup();
  }
});

test('with sampled output, the log keeps its order: the files written, the output, the checks', async () => {
  const {dir, cleanup} = await tempDir();
  const engine = await openEngine(
    engineOptions(await fixture('walk'), dir, {
      sampledOutput: true,
      ports: workerPorts(dir),
      paramSources: {set: {}, env: {WALK_TOKEN: 'a-token-value'}},
    }),
  );
  try {
    assert.equal(await engine.runFrom(), 'done');
    const log = await readFile(path.join(engine.paths.logDir, 'write.1.log'), 'utf8');
    const lines = log.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^» wrote .*note\.txt$/);
    assert.match(lines.at(-1) ?? '', /^» check exists: holds/);
    assert.ok(lines.length > 2, log);
  } finally {
    await engine.close();
    await cleanup();
  }
});
