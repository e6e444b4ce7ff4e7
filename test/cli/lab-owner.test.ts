import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {labOrphanGraceEnv} from '../../source/lab/contract.js';
import {processAlive} from '../../source/lab/process/lock.js';
import {
  fixture,
  runCli,
  startCli,
  tempDir,
  testEnv,
  waitFor,
  type CliChild,
} from './cli-process.js';

// Who stops a session's lab when the session that started it was killed with SIGKILL, and
// that a lab the user started by name outlives every session. The CLI runs from source
// (tsx), as in lab.test.ts: the lab finds its server and stand-ins in the source tree.

const labJson = (dir: string): string => path.join(dir, 'profiles/default/lab/lab.json');

async function labFile(dir: string): Promise<{pid: number; owner?: {pid: number}}> {
  return JSON.parse(await readFile(labJson(dir), 'utf8')) as {pid: number; owner?: {pid: number}};
}

/** Starts a simulated run of the long fixture and returns once its long step runs. */
async function startLongRun(
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<{
  readonly cli: CliChild;
  readonly step: number;
}> {
  const cli = await startCli(
    ['run', fixture('long'), '--simulate', '--yes', '--state-dir', dir],
    env,
    'tsx',
  );
  const file = path.join(dir, 'profiles/default/work/long.pid');
  await waitFor(
    () => {
      if (cli.child.exitCode !== null)
        throw new Error(`the CLI ended early:\n${cli.stderr()}${cli.stdout()}`);
      return existsSync(file);
    },
    'the long step to start',
    120_000,
  );
  return {cli, step: Number(await readFile(file, 'utf8'))};
}

/** SIGKILL, as `kill -9` of the app: its step's child too (its own process group). */
async function killHard({cli, step}: {readonly cli: CliChild; readonly step: number}) {
  cli.child.kill('SIGKILL');
  if (processAlive(step)) process.kill(step, 'SIGKILL');
  await cli.exit;
}

function stopPid(pid: number | undefined): void {
  if (pid !== undefined && processAlive(pid)) process.kill(pid, 'SIGKILL');
}

test('a run adopts the lab of a run killed with SIGKILL and stops it when it ends', async () => {
  const {dir, cleanup} = await tempDir('lab-adopt');
  let lab: number | undefined;
  let step: number | undefined;
  try {
    // The grace is long so the lab waits for the second run (it would stop itself after it).
    const env = testEnv(dir, {[labOrphanGraceEnv]: '600000'});
    const first = await startLongRun(dir, env);
    step = first.step;
    const started = await labFile(dir);
    lab = started.pid;
    assert.equal(started.owner?.pid, first.cli.child.pid);

    await killHard(first);
    assert.equal(processAlive(lab), true, 'the killed run could not stop its lab');

    const second = await runCli(
      ['run', fixture('long'), '--simulate', '--yes', '--state-dir', dir, '--set', 'sleep_ms=10'],
      env,
      'tsx',
    );
    assert.equal(second.code, 0, second.stderr + second.stdout);
    assert.equal(processAlive(lab), false, 'the adopted lab still runs');
    assert.equal(existsSync(labJson(dir)), false, 'lab.json is left behind');
    const status = await runCli(['lab', 'status', '--state-dir', dir], env, 'tsx');
    assert.equal(status.stdout, 'lab not running\n');
  } finally {
    stopPid(step);
    stopPid(lab);
    await cleanup();
  }
});

test('a lab started with `lab start` outlives a run killed with SIGKILL and the run after it', async () => {
  const {dir, cleanup} = await tempDir('lab-user');
  let step: number | undefined;
  try {
    const env = testEnv(dir, {[labOrphanGraceEnv]: '0'});
    const started = await runCli(['lab', 'start', '--state-dir', dir], env, 'tsx');
    assert.equal(started.code, 0, started.stderr);
    const {pid: lab, owner} = await labFile(dir);
    assert.equal(owner, undefined);

    const first = await startLongRun(dir, env);
    step = first.step;
    await killHard(first);
    const second = await runCli(
      ['run', fixture('long'), '--simulate', '--yes', '--state-dir', dir, '--set', 'sleep_ms=10'],
      env,
      'tsx',
    );
    assert.equal(second.code, 0, second.stderr + second.stdout);

    const status = await runCli(['lab', 'status', '--state-dir', dir], env, 'tsx');
    assert.match(status.stdout, new RegExp(`^lab running at .* \\(pid ${lab},`));
  } finally {
    stopPid(step);
    await runCli(['lab', 'stop', '--state-dir', dir], testEnv(dir), 'tsx');
    await cleanup();
  }
});

test('`lab start` during a run makes the run’s lab the user’s: it outlives the run', async () => {
  const {dir, cleanup} = await tempDir('lab-keep');
  let step: number | undefined;
  try {
    const env = testEnv(dir);
    const run = await startLongRun(dir, env);
    step = run.step;
    const {pid: lab} = await labFile(dir);
    const kept = await runCli(['lab', 'start', '--state-dir', dir], env, 'tsx');
    assert.match(kept.stdout, new RegExp(`^lab already running at .* \\(pid ${lab}\\)`));

    run.cli.child.kill('SIGTERM');
    assert.equal((await run.cli.exit).code, 143, run.cli.stderr());
    const status = await runCli(['lab', 'status', '--state-dir', dir], env, 'tsx');
    assert.match(status.stdout, new RegExp(`^lab running at .* \\(pid ${lab},`));
  } finally {
    stopPid(step);
    await runCli(['lab', 'stop', '--state-dir', dir], testEnv(dir), 'tsx');
    await cleanup();
  }
});

test('a second run on a profile in use is refused and leaves the first run’s lab to it', async () => {
  const {dir, cleanup} = await tempDir('lab-second');
  let step: number | undefined;
  try {
    const env = testEnv(dir);
    const first = await startLongRun(dir, env);
    step = first.step;
    const {pid: lab} = await labFile(dir);

    const second = await runCli(
      ['run', fixture('long'), '--simulate', '--yes', '--state-dir', dir],
      env,
      'tsx',
    );
    assert.equal(second.code, 3, second.stderr);
    assert.equal(processAlive(lab), true, 'the refused run stopped the lab in use');
    assert.equal((await labFile(dir)).owner?.pid, first.cli.child.pid);

    first.cli.child.kill('SIGTERM');
    assert.equal((await first.cli.exit).code, 143, first.cli.stderr());
    assert.equal(processAlive(lab), false, 'the first run left its lab running');
  } finally {
    stopPid(step);
    await runCli(['lab', 'stop', '--state-dir', dir], testEnv(dir), 'tsx');
    await cleanup();
  }
});
