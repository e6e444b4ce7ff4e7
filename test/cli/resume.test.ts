import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {z} from 'zod';
import {
  fixture,
  runCli,
  startCli,
  type CliChild,
  tempDir,
  testEnv,
  waitFor,
} from './cli-process.js';

const stateSchema = z.looseObject({
  steps: z.record(
    z.string(),
    z.looseObject({status: z.string(), attempts: z.array(z.looseObject({status: z.string()}))}),
  ),
});

async function readState(dir: string): Promise<z.infer<typeof stateSchema>> {
  return stateSchema.parse(
    JSON.parse(await readFile(path.join(dir, 'profiles/default/state.json'), 'utf8')),
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function longPid(dir: string, cli: CliChild): Promise<number> {
  const file = path.join(dir, 'profiles/default/work/long.pid');
  await waitFor(() => {
    if (cli.child.exitCode !== null)
      throw new Error(`the CLI ended early:\n${cli.stderr()}${cli.stdout()}`);
    return existsSync(file);
  }, 'the long step to start');
  return Number(await readFile(file, 'utf8'));
}

test('resumes after SIGKILL in the middle of a long step: state intact, the step interrupted, the run finishes', async () => {
  const {dir, cleanup} = await tempDir('resume');
  let orphan: number | undefined;
  try {
    const env = testEnv(dir);
    const first = await startCli(
      ['run', fixture('long'), '--real', '--yes', '--state-dir', dir],
      env,
    );
    orphan = await longPid(dir, first);
    first.child.kill('SIGKILL');
    // The laptop is gone: its children too (the step's child runs in its own process group).
    process.kill(orphan, 'SIGKILL');
    await first.exit;

    const killed = await readState(dir);
    assert.equal(killed.steps['quick']?.status, 'done');
    assert.equal(killed.steps['long']?.status, 'running');

    const second = await runCli(
      ['run', fixture('long'), '--real', '--yes', '--state-dir', dir, '--set', 'sleep_ms=10'],
      env,
    );
    assert.equal(second.code, 0, second.stderr + second.stdout);
    assert.doesNotMatch(second.stdout, /\[quick\] ▶/, 'the done step ran again');
    const after = await readState(dir);
    assert.deepEqual(
      after.steps['long']?.attempts.map((attempt) => attempt.status),
      ['interrupted', 'done'],
    );
    assert.equal(after.steps['last']?.status, 'done');
  } finally {
    if (orphan !== undefined && alive(orphan)) process.kill(orphan, 'SIGKILL');
    await cleanup();
  }
});

test('refuses a second process on the same profile with exit 3 naming the holder, and ends cleanly on SIGTERM', async () => {
  const {dir, cleanup} = await tempDir('lock');
  let child: number | undefined;
  try {
    const env = testEnv(dir);
    const first = await startCli(
      ['run', fixture('long'), '--real', '--yes', '--state-dir', dir],
      env,
    );
    child = await longPid(dir, first);

    const second = await runCli(
      ['run', fixture('long'), '--real', '--yes', '--state-dir', dir],
      env,
    );
    assert.equal(second.code, 3, second.stderr);
    assert.match(second.stderr, new RegExp(`in use by process ${first.child.pid}\\b`));

    first.child.kill('SIGTERM');
    const {code} = await first.exit;
    assert.equal(code, 143, first.stderr());
    const state = await readState(dir);
    assert.equal(state.steps['long']?.status, 'interrupted');
    const pid = child;
    await waitFor(() => !alive(pid), "the step's child to end", 10_000);
    assert.equal(
      existsSync(path.join(dir, 'profiles/default/lock')),
      false,
      'the lock was released',
    );
  } finally {
    if (child !== undefined && alive(child)) process.kill(child, 'SIGKILL');
    await cleanup();
  }
});
