import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {fixture, runCli, tempDir, testEnv} from './cli-process.js';

// Under tsx: the lab finds its server and stand-ins relative to the source tree (or dist/).

test('with no vagrant on PATH, runs against the lab, says so, gives children the lab, and stops the lab it started', async () => {
  const {dir, cleanup} = await tempDir('lab-auto');
  try {
    const env = testEnv(dir, {PATH: path.dirname(process.execPath)});
    const run = await runCli(['run', fixture('lab-env'), '--yes', '--state-dir', dir], env, 'tsx');
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(run.stderr, /vagrant is not on PATH: using the simulated lab/);
    assert.match(run.stdout, /^▶ cli-lab-env · profile default · SIMULATED$/m);
    assert.match(run.stdout, /^\[env\] lab=https?:\/\/127\.0\.0\.1:\d+$/m);
    assert.ok(
      run.stdout.includes(`[env] home=${path.join(dir, 'profiles/default/lab/home')}\n`),
      run.stdout,
    );
    assert.match(run.stdout, /^\[env\] path0=.*\/lab[/-]bin$/m);
    assert.match(run.stdout, /^\[standin\] Vagrant \d/m);
    const status = await runCli(['lab', 'status', '--state-dir', dir], env, 'tsx');
    assert.equal(status.stdout, 'lab not running\n');
  } finally {
    await runCli(['lab', 'stop', '--state-dir', dir], testEnv(dir), 'tsx');
    await cleanup();
  }
});

test('leaves a lab it found running as it was, and lab start/status/stop report it', async () => {
  const {dir, cleanup} = await tempDir('lab-kept');
  try {
    const env = testEnv(dir);
    const started = await runCli(['lab', 'start', '--state-dir', dir], env, 'tsx');
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stdout, /^lab started at https?:\/\/127\.0\.0\.1:\d+ \(pid \d+\)/);
    const run = await runCli(
      ['run', fixture('lab-env'), '--simulate', '--yes', '--only', 'env', '--state-dir', dir],
      env,
      'tsx',
    );
    assert.equal(run.code, 0, run.stderr);
    const status = await runCli(['lab', 'status', '--json', '--state-dir', dir], env, 'tsx');
    const parsed: unknown = JSON.parse(status.stdout);
    assert.ok(parsed !== null && typeof parsed === 'object' && 'running' in parsed);
    assert.equal(parsed.running, true);
    const stopped = await runCli(['lab', 'stop', '--state-dir', dir], env, 'tsx');
    assert.equal(stopped.stdout, 'lab stopped\n');
  } finally {
    await runCli(['lab', 'stop', '--state-dir', dir], testEnv(dir), 'tsx');
    await cleanup();
  }
});
