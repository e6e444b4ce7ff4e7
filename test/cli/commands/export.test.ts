import {test} from 'node:test';
import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {readLogExcerpt} from '../../../source/cli/commands/export.js';
import {tempDir} from '../cli-process.js';

test('reads only the end of a large log, whole lines only', async () => {
  const {dir, cleanup} = await tempDir('excerpt');
  try {
    const file = path.join(dir, 'big.log');
    const lines = Array.from({length: 200_000}, (_, index) => `line ${index} ${'x'.repeat(60)}`);
    await writeFile(file, `${lines.join('\n')}\n`);
    const excerpt = await readLogExcerpt(file);
    assert.equal(excerpt.truncated, true);
    assert.equal(excerpt.missing, false);
    assert.equal(excerpt.lines.length, 80);
    assert.deepEqual(excerpt.lines.at(-1), lines.at(-1));
    assert.deepEqual(excerpt.lines[0], lines.at(-80));
  } finally {
    await cleanup();
  }
});

test('reads a short log whole and reports a missing one', async () => {
  const {dir, cleanup} = await tempDir('excerpt-small');
  try {
    const file = path.join(dir, 'small.log');
    await writeFile(file, 'one\ntwo\n');
    assert.deepEqual(await readLogExcerpt(file), {
      lines: ['one', 'two'],
      truncated: false,
      missing: false,
    });
    assert.deepEqual(await readLogExcerpt(path.join(dir, 'gone.log')), {
      lines: [],
      truncated: false,
      missing: true,
    });
  } finally {
    await cleanup();
  }
});
