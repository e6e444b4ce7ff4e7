import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {labOrphanGraceEnv, labSpeedEnv, type LabOwner} from '../../source/lab/contract.js';
import {labStatus, startLab, stopLab, type LabTarget} from '../../source/lab/lifecycle.js';
import {adoptLab, keepLab, ownsLab} from '../../source/lab/ownership.js';
import {processAlive} from '../../source/lab/process/lock.js';
import {processStart} from '../../source/lab/process/owner.js';
import {labPaths} from '../../source/lab/process/paths.js';

// Who a lab belongs to, with the lab server as its own process and owners that are real
// processes (killed with SIGKILL, as a crashed or killed app is).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir: string;
const children: ChildProcess[] = [];

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lab-ownership-'));
  const bundle = path.join(dir, 'lab-server.mjs');
  await build({
    entryPoints: [path.join(root, 'source/lab/server-main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
    banner: {
      js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  process.env['MKE_RUNBOOK_LAB_SERVER'] = bundle;
});

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  delete process.env['MKE_RUNBOOK_LAB_SERVER'];
  await rm(dir, {recursive: true, force: true});
});

/** A live process standing in for an app session, and its identity as a lab's owner. */
async function session(): Promise<{readonly owner: LabOwner; readonly kill: () => Promise<void>}> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600_000)'], {
    stdio: 'ignore',
  });
  children.push(child);
  const pid = child.pid!;
  const start = await processStart(pid);
  return {
    owner: start === undefined ? {pid} : {pid, start},
    async kill() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function ownerInFile(target: LabTarget): Promise<unknown> {
  const text = await readFile(labPaths(target.stateDir, target.profile).runtimeFile, 'utf8');
  return (JSON.parse(text) as {owner?: unknown}).owner;
}

const longGrace = {[labSpeedEnv]: '0', [labOrphanGraceEnv]: '600000'};

test('a session adopts the lab of a killed session, and a second session then finds it owned', async () => {
  const target = {stateDir: dir, profile: 'adopt'};
  const [first, second, third] = [await session(), await session(), await session()];
  const runtime = await startLab(target, {env: longGrace, owner: first.owner});
  try {
    assert.deepEqual(await ownerInFile(target), first.owner);
    assert.equal((await adoptLab(target, second.owner)).kind, 'kept', 'the owner is alive');

    await first.kill();
    const adopted = await adoptLab(target, second.owner);
    assert.equal(adopted.kind, 'ours');
    assert.equal(adopted.kind === 'ours' && adopted.runtime.pid, runtime.pid);
    assert.deepEqual(await ownerInFile(target), second.owner);
    assert.equal(await ownsLab(target, second.owner), true);
    assert.equal((await adoptLab(target, third.owner)).kind, 'kept');
    assert.equal(await ownsLab(target, third.owner), false);
  } finally {
    await stopLab(target);
  }
});

test('of two sessions adopting the same orphan at once, exactly one gets it', async () => {
  const target = {stateDir: dir, profile: 'race'};
  const [dead, a, b] = [await session(), await session(), await session()];
  await startLab(target, {env: longGrace, owner: dead.owner});
  try {
    await dead.kill();
    const kinds = (await Promise.all([adoptLab(target, a.owner), adoptLab(target, b.owner)])).map(
      (found) => found.kind,
    );
    assert.deepEqual(kinds.toSorted(), ['kept', 'ours']);
  } finally {
    await stopLab(target);
  }
});

test(
  'a live process that reuses a dead owner’s pid is not taken for the owner',
  {
    skip: existsSync('/proc/self/stat') ? false : 'no /proc: owners are told apart by pid only',
  },
  async () => {
    const target = {stateDir: dir, profile: 'reused'};
    const [live, adopter] = [await session(), await session()];
    // The recorded owner had this pid, but started at another time.
    await startLab(target, {env: longGrace, owner: {pid: live.owner.pid, start: '1'}});
    try {
      assert.equal((await adoptLab(target, adopter.owner)).kind, 'ours');
    } finally {
      await stopLab(target);
    }
  },
);

test('a lab started without an owner (lab start) is never adopted, and `keepLab` makes a session’s lab the user’s', async () => {
  const target = {stateDir: dir, profile: 'user'};
  const [someone] = [await session()];
  await startLab(target, {env: longGrace});
  try {
    assert.equal(await ownerInFile(target), undefined);
    assert.equal((await adoptLab(target, someone.owner)).kind, 'kept');
    assert.equal(await ownsLab(target, someone.owner), false);
  } finally {
    await stopLab(target);
  }

  await startLab(target, {env: longGrace, owner: someone.owner});
  try {
    const kept = await keepLab(target);
    assert.equal(kept?.owner, undefined);
    assert.equal(await ownsLab(target, someone.owner), false);
  } finally {
    await stopLab(target);
  }
});

test('a lab whose owner was killed stops itself after the grace period, unless adopted within it', async () => {
  const grace = {[labSpeedEnv]: '0', [labOrphanGraceEnv]: '400'};
  const orphaned = {stateDir: dir, profile: 'orphan'};
  const adopted = {stateDir: dir, profile: 'rescued'};
  const user = {stateDir: dir, profile: 'users'};
  const [a, b, rescuer] = [await session(), await session(), await session()];
  const lone = await startLab(orphaned, {env: grace, owner: a.owner});
  const kept = await startLab(adopted, {env: grace, owner: b.owner});
  const users = await startLab(user, {env: grace});
  try {
    await a.kill();
    await b.kill();
    assert.equal((await adoptLab(adopted, rescuer.owner)).kind, 'ours');
    await waitUntil(() => !processAlive(lone.pid), 'the orphaned lab to stop itself', 20_000);
    assert.equal(existsSync(labPaths(dir, 'orphan').runtimeFile), false);
    assert.equal(existsSync(labPaths(dir, 'orphan').lockFile), false);
    assert.match(
      await readFile(labPaths(dir, 'orphan').logFile, 'utf8'),
      /the session that owned this lab is gone and nobody adopted it: stopping/,
    );

    // Well past the grace: the adopted lab and the user's lab still answer.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal((await labStatus(adopted))?.pid, kept.pid);
    assert.equal((await labStatus(user))?.pid, users.pid);

    await rescuer.kill();
    await waitUntil(() => !processAlive(kept.pid), 'the adopted lab to stop itself', 20_000);
    assert.equal((await labStatus(user))?.pid, users.pid);
  } finally {
    await Promise.all([stopLab(orphaned), stopLab(adopted), stopLab(user)]);
  }
});

test('a new lab starts at once after an orphaned one stopped itself', async () => {
  const target = {stateDir: dir, profile: 'again'};
  const [gone, next] = [await session(), await session()];
  const first = await startLab(target, {
    env: {[labSpeedEnv]: '0', [labOrphanGraceEnv]: '0'},
    owner: gone.owner,
  });
  try {
    await gone.kill();
    await waitUntil(() => !processAlive(first.pid), 'the orphaned lab to stop itself', 20_000);
    const second = await startLab(target, {env: longGrace, owner: next.owner});
    assert.notEqual(second.pid, first.pid);
    assert.deepEqual(await ownerInFile(target), next.owner);
  } finally {
    await stopLab(target);
  }
});
