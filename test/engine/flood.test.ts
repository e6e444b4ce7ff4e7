import {createReadStream} from 'node:fs';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openEngine} from '../../source/engine/engine.js';
import {engineOptions, fixture, tempDir} from './helpers.js';

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
