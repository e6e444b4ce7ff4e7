import test from 'node:test';
import assert from 'node:assert/strict';
import {appendFile, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {openLogReader} from '../../source/ui/log-reader.js';

async function withLog(content: string, run: (file: string) => Promise<void>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'ui-log-'));
  try {
    const file = path.join(dir, 'step.log');
    await writeFile(file, content);
    await run(file);
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}

test('reads any window of lines by byte range, ANSI removed', async () => {
  await withLog('one\n\u001B[36mINFO\u001B[0m two\nthree\nfour\n', async (file) => {
    const reader = await openLogReader(file);
    assert.deepEqual(
      [reader.lineCount(), await reader.readLines(1, 2)],
      [4, ['INFO two', 'three']],
    );
    await reader.close();
  });
});

test('indexes a file larger than its read chunk, and lines appended later', async () => {
  const lines = Array.from({length: 40_000}, (_, i) => `line ${i} ${'x'.repeat(40)}`);
  await withLog(lines.join('\n') + '\n', async (file) => {
    const reader = await openLogReader(file);
    assert.deepEqual(await reader.readLines(39_998, 5), [lines[39_998], lines[39_999]]);
    await appendFile(file, 'late line\npartial');
    await reader.refresh();
    assert.deepEqual(
      [reader.lineCount(), await reader.readLines(40_000, 5)],
      [40_002, ['late line', 'partial']],
    );
    await reader.close();
  });
});

test('finds the next and previous line containing the search, ignoring case', async () => {
  await withLog('a\nError one\nb\nerror two\nc\n', async (file) => {
    const reader = await openLogReader(file);
    assert.deepEqual(
      [
        await reader.find('ERROR', 0, 1),
        await reader.find('error', 2, 1),
        await reader.find('error', 2, -1),
        await reader.find('nope', 0, 1),
      ],
      [1, 3, 1, undefined],
    );
    await reader.close();
  });
});
