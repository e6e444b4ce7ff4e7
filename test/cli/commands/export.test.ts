import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {readLogExcerpt} from '../../../source/cli/commands/export.js';
import {parseState} from '../../../source/state/parse.js';
import {fixture, runCli, tempDir, testEnv} from '../cli-process.js';

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

test('exports the transcript in Japanese under --lang ja: headings, statuses, output and a lost log', async () => {
  const {dir, cleanup} = await tempDir('export-ja');
  try {
    const env = testEnv(dir);
    const run = await runCli(['run', fixture('fail'), '--real', '--yes', '--state-dir', dir], env);
    assert.equal(run.code, 1, run.stderr);
    const stateFile = path.join(dir, 'profiles/default/state.json');
    const state = parseState(await readFile(stateFile, 'utf8'), stateFile, `${stateFile}.bak`);
    const logOf = (stepId: string): string => {
      const logPath = state.steps[stepId]?.attempts[0]?.logPath;
      assert.ok(logPath !== undefined, stepId);
      return logPath;
    };

    await rm(logOf('fine'));
    const exported = await runCli(
      ['export', fixture('fail'), '--state-dir', dir, '--lang', 'ja'],
      env,
    );
    assert.equal(exported.code, 0, exported.stderr);
    const lines = exported.stdout.split('\n');
    for (const expected of [
      '# CLI の失敗',
      '## パラメータ',
      '| パラメータ | 値 |',
      '## ステップ',
      '### 1. 動く (`fine`)',
      '状態: **完了** · 試行回数: 1',
      `（ログが見つかりません: \`${logOf('fine')}\`）`,
      '### 2. 壊れる (`broken`)',
      '状態: **失敗** · 試行回数: 1',
      `出力（\`${logOf('broken')}\`）:`,
      '### 3. 届かない (`after`)',
      '状態: **未実行** · 試行回数: 0',
      '実行内容:',
    ]) {
      assert.ok(lines.includes(expected), `export lacks: ${expected}\n---\n${exported.stdout}`);
    }

    assert.ok(lines.some((line) => line.startsWith('試行 1: **失敗**、終了コード 3 — ')));
    assert.match(exported.stdout, /kaboom: the widget is broken/);
    assert.doesNotMatch(exported.stdout, /Status:|Attempt |Output \(|log not found|Last \d+ lines/);
  } finally {
    await cleanup();
  }
});
