import assert from 'node:assert/strict';
import {mkdtemp, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {unescapeField} from '../../../source/lab/standins/vagrant/ui.js';
import {parseVagrantfile} from '../../../source/lab/standins/vagrant/vagrantfile.js';
import {startLabProcess, type LabProcess} from '../../helpers/lab.js';

const vagrantfile = `Vagrant.configure("2") do |config|
  config.vm.box = "centos/7"
  config.vm.box_check_update = false
  (1..3).each do |i|
    config.vm.define "node#{i}" do |node|
      node.vm.hostname = "node#{i}"
      node.vm.network "private_network", ip: "192.168.123.20#{i}"
      node.vm.provider "virtualbox" do |vb|
        vb.memory = 4096
      end
    end
  end
end
`;

/** Parses `timestamp,target,type,data…` lines. */
function machineLines(stdout: string) {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [timestamp = '', target = '', type = '', ...data] = line.split(',');
      assert.match(timestamp, /^\d{10}$/, line);
      return {target, type, data: data.map((field) => unescapeField(field))};
    });
}

test('reads the article-shaped Vagrantfile: box, three nodes, their addresses and memory', () => {
  assert.deepEqual(parseVagrantfile(vagrantfile), {
    box: 'centos/7',
    machines: [
      {name: 'node1', address: '192.168.123.201', memory: 4096},
      {name: 'node2', address: '192.168.123.202', memory: 4096},
      {name: 'node3', address: '192.168.123.203', memory: 4096},
    ],
  });
  assert.deepEqual(parseVagrantfile(vagrantfile.replace(/end\n$/, '')), {
    kind: 'syntax',
    detail: "syntax error, unexpected end-of-input, expecting `end'",
  });
  assert.deepEqual(
    parseVagrantfile(vagrantfile.replace('"192.168.123.20#{i}"', '"192.168.56.#{10 + i}"')),
    {
      box: 'centos/7',
      machines: [
        {name: 'node1', address: '192.168.56.11', memory: 4096},
        {name: 'node2', address: '192.168.56.12', memory: 4096},
        {name: 'node3', address: '192.168.56.13', memory: 4096},
      ],
    },
  );
});

let lab: LabProcess;
let project: string;
before(async () => {
  lab = await startLabProcess();
  project = await mkdtemp(path.join(lab.dir, 'vagrant-'));
  await writeFile(path.join(project, 'Vagrantfile'), vagrantfile);
});
after(async () => {
  await lab.stop();
});

test('fails like Vagrant without a Vagrantfile, and says so when no lab runs', async () => {
  const empty = await mkdtemp(path.join(lab.dir, 'no-vagrantfile-'));
  const result = await lab.run('vagrant', ['status', '--machine-readable'], {cwd: empty});
  assert.equal(result.code, 1);
  const lines = machineLines(result.stdout);
  assert.deepEqual(lines.at(-1)?.type, 'error-exit');
  assert.equal(lines.at(-1)?.data[0], 'Vagrant::Errors::NoEnvironmentError');
  assert.match(lines.at(-1)?.data[1] ?? '', /^A Vagrant environment or target machine is required/);

  const noLab = await lab.run('vagrant', ['status'], {
    cwd: project,
    env: {MKE_RUNBOOK_LAB_URL: ''},
  });
  assert.equal(noLab.code, 1);
  assert.match(
    noLab.stderr,
    /this is the mke-runbook lab's stand-in for vagrant; no lab is running/,
  );
});

test('brings the machines up and reports each state in machine-readable lines', async () => {
  const before = machineLines(
    (await lab.run('vagrant', ['status', '--machine-readable'], {cwd: project})).stdout,
  );
  assert.deepEqual(
    before.filter((line) => line.type === 'state').map((line) => [line.target, line.data[0]]),
    [
      ['node1', 'not_created'],
      ['node2', 'not_created'],
      ['node3', 'not_created'],
    ],
  );

  const up = await lab.run('vagrant', ['up', '--machine-readable'], {cwd: project});
  assert.equal(up.code, 0, up.stderr);
  const actions = machineLines(up.stdout).filter((line) => line.type === 'action');
  assert.deepEqual(
    actions.map((line) => [line.target, ...line.data]),
    ['node1', 'node2', 'node3'].flatMap((name) => [
      [name, 'up', 'start'],
      [name, 'up', 'end'],
    ]),
  );

  await lab.run('vagrant', ['halt', 'node3'], {cwd: project});
  const status = await lab.run('vagrant', ['status', '--machine-readable'], {cwd: project});
  const lines = machineLines(status.stdout);
  assert.deepEqual(
    lines.filter((line) => line.type === 'state').map((line) => [line.target, line.data[0]]),
    [
      ['node1', 'running'],
      ['node2', 'running'],
      ['node3', 'poweroff'],
    ],
  );
  const human = lines.at(-1);
  assert.deepEqual([human?.type, human?.data[0]], ['ui', 'info']);
  assert.match(
    human?.data[1] ?? '',
    /^Current machine states:\n\nnode1 {21}running \(virtualbox\)\n/,
  );
});

test('prints an OpenSSH block for a running machine and refuses destroy without -f', async () => {
  const config = await lab.run('vagrant', ['ssh-config', 'node2'], {cwd: project});
  assert.equal(config.code, 0);
  assert.match(
    config.stdout,
    /^Host node2\n {2}HostName 127\.0\.0\.1\n {2}User vagrant\n {2}Port 2200\n/,
  );

  const destroy = await lab.run('vagrant', ['destroy'], {cwd: project});
  assert.equal(destroy.code, 1);
  assert.match(destroy.stderr, /requires\na TTY/);
});
