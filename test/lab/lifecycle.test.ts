import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {labSpeedEnv} from '../../source/lab/contract.js';
import {labStatus, resetLab, startLab, stopLab} from '../../source/lab/lifecycle.js';
import {hashPassword} from '../../source/lab/mke/password.js';
import {processAlive} from '../../source/lab/process/lock.js';
import {send} from '../../source/lab/standins/common/http.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir: string;
let bundle: string;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lab-lifecycle-'));
  // Start-up is measured on the bundle, as `mke-runbook lab start` runs it (tsx compiles slowly).
  bundle = path.join(dir, 'lab-server.mjs');
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
  delete process.env['MKE_RUNBOOK_LAB_SERVER'];
  await rm(dir, {recursive: true, force: true});
});

async function json(url: string, init: {method?: string; body?: unknown; token?: string} = {}) {
  const answer = await send(url, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? {authorization: `Bearer ${init.token}`} : {}),
    },
    ...(init.body === undefined ? {} : {body: JSON.stringify(init.body)}),
  });
  return {status: answer.status, body: JSON.parse(answer.text()) as unknown};
}

test('starts a lab that answers within a second and stops it leaving no process behind', async () => {
  const target = {stateDir: dir, profile: 'quick'};
  const started = Date.now();
  const runtime = await startLab(target, {env: {[labSpeedEnv]: '0'}});
  const elapsed = Date.now() - started;
  try {
    // One second on an idle machine; our shared CI machines run at several times their cores'
    // load, so the budget scales with the load average (reported in the message).
    const load = Math.max(1, os.loadavg()[0]! / os.cpus().length);
    assert.ok(
      elapsed < 1000 * load,
      `startLab took ${elapsed} ms (load factor ${load.toFixed(1)})`,
    );
    assert.match(runtime.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(await labStatus(target), runtime);
  } finally {
    assert.equal(await stopLab(target), true);
  }

  assert.equal(processAlive(runtime.pid), false);
  assert.equal(await labStatus(target), undefined);
  assert.equal(await stopLab(target), false);
});

test('returns the running lab instead of starting a second one on the same profile', async () => {
  const target = {stateDir: dir, profile: 'twice'};
  const first = await startLab(target, {env: {[labSpeedEnv]: '0'}});
  try {
    const second = await startLab(target);
    assert.equal(second.pid, first.pid);
  } finally {
    await stopLab(target);
  }
});

test('refuses a second lab server on the same profile (exit 3) and leaves the first running', async () => {
  const target = {stateDir: dir, profile: 'locked'};
  const first = await startLab(target, {env: {[labSpeedEnv]: '0'}});
  try {
    const labDir = path.join(dir, 'profiles', 'locked', 'lab');
    const second = spawnSync(process.execPath, [bundle, '--lab-dir', labDir], {encoding: 'utf8'});
    assert.equal(second.status, 3);
    assert.match(
      second.stderr,
      new RegExp(`a lab is already running for this profile \\(pid ${first.pid}\\)`),
    );
    assert.deepEqual(await labStatus(target), first);
  } finally {
    await stopLab(target);
  }
});

test('keeps its world across a restart and empties it on reset', async (t) => {
  const target = {stateDir: dir, profile: 'world'};
  let runtime = await startLab(target, {env: {[labSpeedEnv]: '0'}});
  t.after(async () => {
    await stopLab(target);
  });
  const install = await json(`${runtime.url}/_lab/mke/install`, {
    method: 'POST',
    body: {
      version: '3.4.5',
      address: '192.168.123.202',
      adminUsername: 'admin',
      adminPasswordHash: hashPassword('adminadmin'),
      clusterName: 'my-mke-cluster',
    },
  });
  assert.equal(install.status, 200);
  await json(`${runtime.url}/_lab/vms/node2`, {
    method: 'PUT',
    body: {state: 'running', address: '192.168.123.202', memory: 4096},
  });
  const login = await json(`${runtime.url}/auth/login`, {
    method: 'POST',
    body: {username: 'admin', password: 'adminadmin'},
  });
  assert.equal(login.status, 200);
  const token = (login.body as {auth_token: string}).auth_token;
  const created = await json(`${runtime.url}/api/v1/namespaces`, {
    method: 'POST',
    token,
    body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'gitlab-runner'}},
  });
  assert.equal(created.status, 201);

  await stopLab(target);
  runtime = await startLab(target, {env: {[labSpeedEnv]: '0'}});
  const kept = await json(`${runtime.url}/api/v1/namespaces/gitlab-runner`, {token});
  assert.equal(kept.status, 200);
  const vms = await json(`${runtime.url}/_lab/vms`);
  assert.deepEqual((vms.body as {vms: unknown}).vms, {
    node2: {state: 'running', address: '192.168.123.202', memory: 4096},
  });

  await resetLab(target);
  const after = await labStatus(target);
  assert.ok(after);
  const world = await json(`${after.url}/_lab/world`);
  assert.deepEqual((world.body as {vms: unknown}).vms, {});
  assert.equal((world.body as {mke: {installed: boolean}}).mke.installed, false);
  await stopLab(target);
});
