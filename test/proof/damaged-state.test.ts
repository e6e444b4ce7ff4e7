import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {cp, mkdir, readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {z} from 'zod';
import {root, runCli, tempDir, testEnv} from '../cli/cli-process.js';

// Each case damages a copy of a profile whose first step is done, then asks the CLI to go on.
const hostile = path.join(root, 'test/proof/fixtures/hostile.yaml');
const profile = 'state/profiles/default';
const stateShape = z.looseObject({
  schemaVersion: z.number(),
  steps: z.record(z.string(), z.looseObject({status: z.string()})),
});

describe('damaged state is detected and explained', {concurrency: 2}, () => {
  let base = '';
  let cleanup = async () => {};
  const template = () => path.join(base, 'template');

  before(async () => {
    ({dir: base, cleanup} = await tempDir('damaged'));
    await mkdir(path.join(template(), 'home'), {recursive: true});
    const first = await cli(template(), ['run', hostile, '--real', '--yes', '--only', 'first']);
    assert.equal(first.code, 0, first.stderr + first.stdout);
  });
  after(async () => cleanup());

  async function copy(name: string): Promise<string> {
    const target = path.join(base, name);
    await cp(template(), target, {recursive: true});
    return target;
  }

  async function cli(dir: string, args: readonly string[]) {
    return runCli([...args, '--state-dir', path.join(dir, 'state')], {
      ...testEnv(path.join(dir, 'home'), {HOSTILE_TOKEN: 'glrt-fine'}),
    });
  }

  const file = (dir: string, name: string) => path.join(dir, profile, name);

  async function goodState(dir: string): Promise<Record<string, unknown>> {
    return z
      .record(z.string(), z.unknown())
      .parse(JSON.parse(await readFile(file(dir, 'state.json.bak'), 'utf8')));
  }

  const refusals: Array<{
    readonly name: string;
    readonly damage: (dir: string) => Promise<void>;
    readonly says: RegExp;
    readonly offersBackup: boolean;
  }> = [
    {
      name: 'a truncated state file',
      damage: async (dir) =>
        writeFile(
          file(dir, 'state.json'),
          (await readFile(file(dir, 'state.json'), 'utf8')).slice(0, 100),
        ),
      says: /state file `[^`]*state\.json` cannot be read/,
      offersBackup: true,
    },
    {
      name: 'an empty state file',
      damage: async (dir) => writeFile(file(dir, 'state.json'), ''),
      says: /state\.json` cannot be read/,
      offersBackup: true,
    },
    {
      name: 'a hand-edited step status of the wrong type',
      damage: async (dir) => {
        const state = await goodState(dir);
        await writeFile(
          file(dir, 'state.json'),
          JSON.stringify(state).replace('"status":"done"', '"status":42'),
        );
      },
      says: /state\.json` cannot be read \(steps\.first\.status/,
      offersBackup: true,
    },
    {
      name: 'a hand-edited params value that is an object',
      damage: async (dir) =>
        writeFile(
          file(dir, 'state.json'),
          JSON.stringify({...(await goodState(dir)), params: {name: {evil: true}}}),
        ),
      says: /cannot be read \(params\.name/,
      offersBackup: true,
    },
    {
      name: 'a state file written by a newer schema',
      damage: async (dir) =>
        writeFile(
          file(dir, 'state.json'),
          JSON.stringify({...(await goodState(dir)), schemaVersion: 99}),
        ),
      says: /newer mke-runbook \(schema 99/,
      offersBackup: false,
    },
  ];

  for (const [index, {name, damage, says, offersBackup}] of refusals.entries()) {
    test(`refuses ${name} with exit 3, keeps the backup and offers it`, async () => {
      const dir = await copy(`refuse-${index}`);
      const backupBefore = await readFile(file(dir, 'state.json.bak'), 'utf8');
      await damage(dir);
      const damaged = await readFile(file(dir, 'state.json'), 'utf8');
      for (const args of [
        ['run', hostile, '--real', '--yes'],
        ['status', hostile],
      ]) {
        const result = await cli(dir, args);
        assert.equal(result.code, 3, `${args[0] ?? ''}: ${result.stderr}${result.stdout}`);
        assert.match(result.stderr, says);
        if (offersBackup) assert.match(result.stderr, /state\.json\.bak/);
        assert.doesNotMatch(result.stderr, /^\s+at /m, 'a stack trace');
      }

      assert.equal(
        await readFile(file(dir, 'state.json'), 'utf8'),
        damaged,
        'the damaged file was overwritten',
      );
      assert.equal(
        await readFile(file(dir, 'state.json.bak'), 'utf8'),
        backupBefore,
        'the backup changed',
      );
      assert.equal(stateShape.safeParse(JSON.parse(backupBefore)).success, true);
    });
  }

  test('goes on from the backup once it is copied over the damaged file', async () => {
    const dir = await copy('restore');
    await writeFile(file(dir, 'state.json'), '{"schemaVers');
    assert.equal((await cli(dir, ['run', hostile, '--real', '--yes'])).code, 3);
    await cp(file(dir, 'state.json.bak'), file(dir, 'state.json'));
    const result = await cli(dir, ['run', hostile, '--real', '--yes']);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.doesNotMatch(result.stdout, /\[first\] ▶/, 'the done step ran again');
    const state = stateShape.parse(JSON.parse(await readFile(file(dir, 'state.json'), 'utf8')));
    assert.deepEqual(
      Object.fromEntries(Object.entries(state.steps).map(([id, step]) => [id, step.status])),
      {first: 'done', use: 'done'},
    );
  });

  test('mentions a recorded step the runbook does not have', async () => {
    const dir = await copy('ghost');
    const state = stateShape.parse(await goodState(dir));
    await writeFile(
      file(dir, 'state.json'),
      JSON.stringify({...state, steps: {...state.steps, ghost: state.steps['first']}}),
    );
    const result = await cli(dir, ['run', hostile, '--real', '--yes']);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(
      result.stdout,
      /state records steps this runbook does not have \(ignored\): ghost/,
    );
  });

  test('explains a deleted log directory and goes on, writing new logs', async () => {
    // Not a copy: the state records each log by its absolute path, so a copy would read the template's.
    const dir = path.join(base, 'no-logs');
    await mkdir(path.join(dir, 'home'), {recursive: true});
    assert.equal((await cli(dir, ['run', hostile, '--real', '--yes', '--only', 'first'])).code, 0);
    await rm(file(dir, 'logs'), {recursive: true});
    const log = await cli(dir, ['log', 'first']);
    assert.equal(log.code, 2, log.stderr);
    assert.match(log.stderr, /log file `[^`]*first\.1\.log` is gone/);
    const run = await cli(dir, ['run', hostile, '--real', '--yes']);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.equal(typeof (await readFile(file(dir, 'logs/use.1.log'), 'utf8')), 'string');
  });

  test('takes over a lock left by a process that is gone', async () => {
    const dir = await copy('dead-lock');
    // A pid above the kernel's pid_max cannot belong to a live process.
    await writeFile(file(dir, 'lock'), '4194305\n');
    const result = await cli(dir, ['run', hostile, '--real', '--yes']);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    await assert.rejects(readFile(file(dir, 'lock')), /ENOENT/, 'the lock was not released');
  });

  test('refuses with exit 3 while the lock holder is alive, and leaves its lock alone', async () => {
    const dir = await copy('live-lock');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], {
      stdio: 'ignore',
    });
    try {
      await writeFile(file(dir, 'lock'), `${holder.pid ?? 0}\n`);
      const before = await readFile(file(dir, 'state.json'), 'utf8');
      const result = await cli(dir, ['run', hostile, '--real', '--yes']);
      assert.equal(result.code, 3, result.stderr + result.stdout);
      assert.match(result.stderr, new RegExp(`in use by process ${holder.pid ?? 0}`));
      assert.equal(await readFile(file(dir, 'lock'), 'utf8'), `${holder.pid ?? 0}\n`);
      assert.equal(await readFile(file(dir, 'state.json'), 'utf8'), before);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
