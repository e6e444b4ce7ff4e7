import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fixture, runCli, tempDir, testEnv} from './cli-process.js';

test("stops at a failing step with exit 1, the tool's own words and its exit code, and status shows it failed", async () => {
  const {dir, cleanup} = await tempDir('fail');
  try {
    const env = testEnv(dir);
    const run = await runCli(['run', fixture('fail'), '--real', '--yes', '--state-dir', dir], env);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^\[broken\] kaboom: the widget is broken$/m);
    assert.match(run.stdout, /^\[broken\] ✗ failed after .*\(exit code 3\)/m);
    assert.doesNotMatch(run.stdout, /\[after\] ▶/);
    assert.equal(existsSync(path.join(dir, 'profiles/default/work/after-ran.txt')), false);

    const status = await runCli(['status', fixture('fail'), '--state-dir', dir], env);
    const rows = status.stdout.split('\n').filter((line) => /^(fine|broken|after) /.test(line));
    assert.deepEqual(
      rows.map((line) => line.split(/\s{2,}/).slice(0, 3)),
      [
        ['fine', 'Works', '✓ done'],
        ['broken', 'Breaks', '✗ failed'],
        ['after', 'Never reached', '· pending'],
      ],
    );

    const log = await runCli(['log', 'broken', '--state-dir', dir], env);
    assert.equal(log.code, 0, log.stderr);
    assert.match(log.stdout, /kaboom: the widget is broken/);
  } finally {
    await cleanup();
  }
});
