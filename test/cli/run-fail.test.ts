import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
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

    const typo = await runCli(['log', 'brokn', '--state-dir', dir], env);
    assert.equal(typo.code, 2, typo.stderr);
    assert.match(typo.stderr, /no step `brokn` on record for runbook `cli-fail`/);
    assert.match(typo.stderr, /^hint: did you mean `broken`\? steps on record: fine, broken$/m);
    assert.doesNotMatch(typo.stderr, /has no log/);
  } finally {
    await cleanup();
  }
});

const eventLine = z.looseObject({
  type: z.string(),
  stepId: z.string().optional(),
  status: z.string().optional(),
  error: z.looseObject({exitCode: z.number().optional()}).optional(),
});

test('prints every event as one JSON line with --json, the failure with its exit code', async () => {
  const {dir, cleanup} = await tempDir('json');
  try {
    const run = await runCli(
      ['run', fixture('fail'), '--real', '--yes', '--json', '--state-dir', dir],
      testEnv(dir),
    );
    assert.equal(run.code, 1, run.stderr);
    const events = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => eventLine.parse(JSON.parse(line)));
    assert.deepEqual(
      events
        .filter((event) => event.type === 'step-finished')
        .map((event) => [event.stepId, event.status, event.error?.exitCode]),
      [
        ['fine', 'done', undefined],
        ['broken', 'failed', 3],
      ],
    );
    assert.deepEqual([events.at(-1)?.type, events.at(-1)?.status], ['run-finished', 'failed']);
  } finally {
    await cleanup();
  }
});

test('refuses to continue a profile against another target than the one it ran on (exit 3)', async () => {
  const {dir, cleanup} = await tempDir('target');
  try {
    const env = testEnv(dir);
    assert.equal(
      (await runCli(['run', fixture('fail'), '--real', '--yes', '--state-dir', dir], env)).code,
      1,
    );
    const switched = await runCli(
      ['run', fixture('fail'), '--simulate', '--yes', '--state-dir', dir],
      env,
    );
    assert.equal(switched.code, 3, switched.stderr);
    assert.match(
      switched.stderr,
      /profile `default` was run against the real machines; it cannot continue against the simulated lab/,
    );
    assert.equal(existsSync(path.join(dir, 'profiles/default/lab')), false, 'a lab was started');
  } finally {
    await cleanup();
  }
});
