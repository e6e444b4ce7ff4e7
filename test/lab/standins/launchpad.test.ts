import assert from 'node:assert/strict';
import {mkdtemp, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {after, before, test} from 'node:test';
import stripAnsi from 'strip-ansi';
import {startLabProcess, type LabProcess} from '../../helpers/lab.js';

const launchpadYaml = `apiVersion: launchpad.mirantis.com/mke/v1.4
kind: mke
metadata:
  name: my-mke-cluster
spec:
  hosts:
    - ssh: {address: 192.168.123.202, user: vagrant, port: 22, keyPath: ~/.ssh/id_rsa}
      role: manager
      privateInterface: eth1
    - ssh: {address: 192.168.123.203, user: vagrant, port: 22, keyPath: ~/.ssh/id_rsa}
      role: worker
      privateInterface: eth1
  mke:
    version: 3.4.5
    adminUsername: admin
    adminPassword: \${MKE_ADMIN_PASSWORD}
    installFlags:
      - --force-minimums
      - --default-node-orchestrator=kubernetes
      - --pod-cidr 172.31.0.0/16
      - --san=192.168.123.202
  mcr:
    version: 20.10.0
  cluster:
    prune: false
`;

let lab: LabProcess;
let project: string;
before(async () => {
  lab = await startLabProcess();
  project = await mkdtemp(path.join(lab.dir, 'launchpad-'));
  await writeFile(path.join(project, 'launchpad.yaml'), launchpadYaml);
});
after(async () => {
  await lab.stop();
});

test('refuses to run without licence acceptance, exit 1', async () => {
  const result = await lab.run('launchpad', ['apply', '--config', 'launchpad.yaml'], {
    cwd: project,
  });
  assert.equal(result.code, 1);
  assert.equal(
    stripAnsi(result.stdout).trim(),
    'FATA Registration or license acceptance is required. Please use `launchpad register` command to register',
  );
  assert.match(result.stdout, /^\u001B\[31mFATA\u001B\[0m /);
});

test('fails to connect to hosts that are not running lab VMs', async () => {
  const result = await lab.run('launchpad', ['apply', '-c', 'launchpad.yaml', '-a'], {
    cwd: project,
    env: {MKE_ADMIN_PASSWORD: 'adminadmin'},
  });
  assert.equal(result.code, 1);
  assert.match(
    stripAnsi(result.stdout),
    /FATA failed on 2 hosts:\n - \[ssh\] 192\.168\.123\.202:22: dial tcp 192\.168\.123\.202:22: connect: no route to host/,
  );
});

test('installs MKE: the phases in apply order, the footer, and the lab knows MKE is there', async () => {
  for (const [name, address] of [
    ['node2', '192.168.123.202'],
    ['node3', '192.168.123.203'],
  ] as const) {
    await lab.control('PUT', `/_lab/vms/${name}`, {state: 'running', address, memory: 4096});
  }

  const result = await lab.run('launchpad', ['apply', '--config', 'launchpad.yaml'], {
    cwd: project,
    env: {MKE_ADMIN_PASSWORD: 'adminadmin', ACCEPT_LICENSE: 'true'},
  });
  assert.equal(result.code, 0, result.stdout);
  const lines = stripAnsi(result.stdout)
    .split('\n')
    .map((line) => line.trimEnd());
  const phases = lines.flatMap((line) => /^INFO ==> Running phase: (.+)$/.exec(line)?.[1] ?? []);
  assert.deepEqual(phases, [
    'Check For Upgrades',
    'Open Remote Connection',
    'Detect host operating systems',
    'Gather Facts',
    'Validate Facts',
    'Validate Hosts',
    'Download Mirantis Container Runtime installer',
    'Prepare hosts',
    'Configure Mirantis Container Runtime on the hosts',
    'Install Mirantis Container Runtime on the hosts',
    'Pull MKE images',
    'Initialize Swarm',
    'Install MKE components',
    'Join workers',
    'Validating MKE Health',
    'Label nodes',
    'Close Connection',
    'MKE cluster info',
  ]);
  assert.ok(lines.includes('INFO [ssh] 192.168.123.203:22: internal address: 192.168.123.203'));
  assert.deepEqual(lines.slice(-4, -1), [
    'INFO Cluster is now configured.',
    'INFO MKE cluster admin UI: https://192.168.123.202/',
    "INFO You can download the admin client bundle with the command 'launchpad client-config'",
  ]);
  assert.doesNotMatch(result.stdout, /adminadmin/);

  const world = (await lab.control('GET', '/_lab/world')).body as {mke: Record<string, unknown>};
  assert.equal(world.mke['installed'], true);
  assert.equal(world.mke['version'], '3.4.5');
  assert.equal(world.mke['clusterName'], 'my-mke-cluster');
});

test('downloads the client bundle where Launchpad writes it, keys 0600', async () => {
  const result = await lab.run('launchpad', ['client-config', '-a'], {
    cwd: project,
    env: {MKE_ADMIN_PASSWORD: 'adminadmin'},
  });
  assert.equal(result.code, 0, result.stdout);
  const dir = path.join(lab.home, '.mirantis-launchpad/cluster/my-mke-cluster/bundle/admin');
  assert.match(stripAnsi(result.stdout), new RegExp(`Successfully wrote client bundle to ${dir}`));
  assert.equal((await stat(path.join(dir, 'key.pem'))).mode & 0o777, 0o600);
  assert.equal((await stat(path.join(dir, 'kube.yml'))).mode & 0o777, 0o644);
});

test('describes MKE, and refuses reset without --force when not on a terminal', async () => {
  const mke = await lab.run('launchpad', ['describe', 'mke', '-a'], {cwd: project});
  assert.deepEqual(mke.stdout.split('\n'), [
    'VERSION  ADMIN_UI',
    '3.4.5    https://192.168.123.202/',
    '',
  ]);
  const reset = await lab.run('launchpad', ['reset', '-a'], {cwd: project});
  assert.equal(reset.code, 1);
  assert.equal(stripAnsi(reset.stdout).trim(), 'FATA reset requires --force');
});
