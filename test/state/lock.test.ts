import {spawn, execFile} from 'node:child_process';
import {readFile, writeFile, mkdir} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openEngine} from '../../source/engine/engine.js';
import {RunbookError} from '../../source/engine/errors.js';
import {engineOptions, fixture, fixtures, tempDir} from '../engine/helpers.js';

const child = path.join(fixtures, 'open-engine-child.ts');
const run = promisify(execFile);

async function openInChild(stateDir: string): Promise<string> {
  const {stdout} = await run(process.execPath, ['--import', 'tsx', child, stateDir, 'open']);
  return stdout.trim();
}

test("refuses a second engine on the same profile, naming the holder's pid", async () => {
  const {dir, cleanup} = await tempDir();
  const runbook = await fixture('walk');
  const engine = await openEngine(engineOptions(runbook, dir));
  try {
    await assert.rejects(openEngine(engineOptions(runbook, dir)), (error: unknown) => {
      assert.ok(error instanceof RunbookError);
      assert.equal(error.code, 'locked');
      return true;
    });
    assert.equal(
      await openInChild(dir),
      `locked: profile "default" is in use by process ${process.pid}`,
    );
  } finally {
    await engine.close();
  }

  try {
    assert.equal(await openInChild(dir), 'opened');
  } finally {
    await cleanup();
  }
});

test('takes over a lock whose holder is gone', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    const gone = spawn(process.execPath, ['-e', '0']);
    const pid = gone.pid ?? 0;
    await new Promise((resolve) => gone.once('exit', resolve));
    const profileDir = path.join(dir, 'profiles', 'default');
    await mkdir(profileDir, {recursive: true});
    await writeFile(path.join(profileDir, 'lock'), `${pid}\n`);
    const engine = await openEngine(engineOptions(await fixture('walk'), dir));
    assert.equal(
      (await readFile(path.join(profileDir, 'lock'), 'utf8')).trim(),
      String(process.pid),
    );
    await engine.close();
  } finally {
    await cleanup();
  }
});

test('after SIGKILL of the whole process mid-step, the state is intact and the step is interrupted', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    const killed = spawn(process.execPath, ['--import', 'tsx', child, dir, 'run-long'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      killed.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('running')) {
          resolve();
        }
      });
      killed.once('exit', () => {
        reject(new Error('the child ended early'));
      });
    });
    process.kill(-(killed.pid ?? 0), 'SIGKILL');
    await new Promise((resolve) => killed.once('exit', resolve));
    // The step's own children run in their own group: end them as a user's reboot would.
    const pids = (await readFile(path.join(dir, 'pids'), 'utf8')).split(' ').map(Number);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }

    const stateFile = path.join(dir, 'profiles', 'default', 'state.json');
    const before: unknown = JSON.parse(await readFile(stateFile, 'utf8'));
    assert.equal(
      typeof before === 'object' &&
        before !== null &&
        'steps' in before &&
        JSON.stringify(before.steps).includes('"running"'),
      true,
    );

    const engine = await openEngine(
      engineOptions(await fixture('long'), dir, {
        paramSources: {set: {pidfile: path.join(dir, 'pids2')}, env: {}},
      }),
    );
    try {
      assert.equal(engine.state().steps['wait']?.status, 'interrupted');
      assert.equal(engine.state().steps['wait']?.attempts[0]?.status, 'interrupted');
      const report = await engine.reconcile();
      assert.equal(report.proposedStepId, 'wait');
    } finally {
      await engine.close();
    }
  } finally {
    await cleanup();
  }
});
