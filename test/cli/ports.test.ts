import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {createPorts, labEnvironment} from '../../source/cli/ports.js';

const lab = {
  pid: 1,
  port: 4000,
  url: 'https://127.0.0.1:4000',
  binDir: '/state/profiles/p/lab/bin',
  startedAt: '',
};

test("gives children the lab's stand-ins first on PATH, its URL and their own HOME", () => {
  assert.deepEqual(
    labEnvironment(lab, '/state/profiles/p/lab/home', {
      PATH: '/usr/bin:/bin',
      HOME: '/home/u',
      KEEP: 'x',
    }),
    {
      PATH: `/state/profiles/p/lab/bin${path.delimiter}/usr/bin:/bin`,
      HOME: '/state/profiles/p/lab/home',
      MKE_RUNBOOK_LAB_URL: 'https://127.0.0.1:4000',
      KEEP: 'x',
    },
  );
});

test('finds programs on the lab PATH and marks the ports simulated, with the lab home', async () => {
  const ports = createPorts({
    lab: {...lab, binDir: path.dirname(process.execPath)},
    profileDir: '/state/profiles/p',
    env: {PATH: ''},
  });
  assert.equal(ports.simulated, true);
  assert.equal(ports.home, '/state/profiles/p/lab/home');
  assert.equal(
    await ports.process.which('node'),
    path.join(path.dirname(process.execPath), 'node'),
  );
});

test('leaves the environment and HOME alone for real machines', async () => {
  const ports = createPorts({
    lab: undefined,
    profileDir: '/state/profiles/p',
    env: {PATH: '/nowhere', HOME: '/home/u'},
  });
  assert.equal(ports.simulated, false);
  assert.equal(ports.home, '/home/u');
  assert.equal(await ports.process.which('node'), undefined);
});

test('refuses HTTP and Kubernetes when the target is a lab that is not running, rather than reach real addresses', async () => {
  const ports = createPorts({
    lab: undefined,
    offline: true,
    profileDir: '/state/profiles/p',
    env: {},
  });
  assert.equal(ports.simulated, true);
  await assert.rejects(
    ports.http.request({method: 'GET', url: 'https://192.168.123.202/_ping'}),
    /the simulated lab is not running/,
  );
  await assert.rejects(ports.kube('/nowhere/kubeconfig'), /the simulated lab is not running/);
});
