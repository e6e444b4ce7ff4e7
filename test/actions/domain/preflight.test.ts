import {test} from 'node:test';
import assert from 'node:assert/strict';
import {preflightCheck} from '../../../source/actions/domain/preflight-check.js';
import {
  cidrContains,
  networksConfAllows,
  restrictsHostOnly,
} from '../../../source/actions/domain/host-network.js';
import {
  machineStates,
  vagrantAllRunning,
} from '../../../source/actions/domain/vagrant-all-running.js';
import {fakeContext, fakeFiles, fakeProcess} from './fakes.js';

const tools = {
  vagrant: () => ({lines: ['Vagrant 2.4.1']}),
  VBoxManage: () => ({lines: ['7.0.14r161095']}),
  launchpad: () => ({lines: ['version: 1.5.12']}),
  kubectl: () => ({lines: ['Client Version: v1.32.0']}),
  helm: () => ({lines: ['v3.16.2+g13654a5']}),
};
const small = {vmCount: '3', vmMemoryMiB: '1', hostOnlyCidr: '192.168.123.0/24'};

test('cidr containment, networks.conf and the VirtualBox version rule', () => {
  assert.deepEqual(
    [
      cidrContains('192.168.0.0/16', '192.168.123.0/24'),
      cidrContains('192.168.56.0/21', '192.168.123.0/24'),
      cidrContains('192.168.123.0/24', '192.168.0.0/16'),
      networksConfAllows(undefined, '192.168.57.0/24'),
      networksConfAllows('* 10.0.0.0/8 192.168.123.0/24\n', '192.168.123.0/24'),
      networksConfAllows('# * 192.168.123.0/24\n', '192.168.123.0/24'),
      restrictsHostOnly('6.1.26r145957'),
      restrictsHostOnly('6.1.28r147628'),
      restrictsHostOnly('7.0.14r161095'),
    ],
    [true, false, false, true, true, false, false, true, true],
  );
});

test('blocks on a networks.conf without the range and shows the exact line to add', async () => {
  const process = fakeProcess(tools);
  const {ctx, text} = fakeContext({
    process: process.port,
    files: fakeFiles({'/etc/vbox/networks.conf': '* 10.0.0.0/8\n'}).port,
  });
  const result = await preflightCheck.run(small, ctx);
  assert.equal(result.ok, false);
  assert.match(
    result.ok ? '' : (result.error.hint ?? ''),
    /add this line to \/etc\/vbox\/networks\.conf \(as root\): \* 192\.168\.123\.0\/24/,
  );
  assert.match(text(), /^ok {7}vagrant: Vagrant 2\.4\.1$/m);
  assert.match(text(), /^warning {2}CentOS 7 is end-of-life/m);
});

test('passes with every tool, enough memory and the range allowed', async () => {
  const process = fakeProcess(tools);
  const {ctx} = fakeContext({
    process: process.port,
    files: fakeFiles({'/etc/vbox/networks.conf': '* 192.168.0.0/16\n'}).port,
  });
  const result = await preflightCheck.run(small, ctx);
  assert.equal(result.ok, true);
  assert.deepEqual(result.ok ? {...result.outputs, warnings: undefined} : undefined, {
    blocking: 0,
    warnings: undefined,
    simulated: false,
    missingTools: '',
  });
});

test('blocks when the VMs need more memory than the machine has', async () => {
  const {ctx} = fakeContext({
    process: fakeProcess(tools).port,
    files: fakeFiles({'/etc/vbox/networks.conf': '* 192.168.0.0/16\n'}).port,
  });
  const result = await preflightCheck.run({...small, vmMemoryMiB: '100000000'}, ctx);
  assert.match(result.ok ? '' : result.error.message, /memory: 3 VMs × 100000000 MiB need/);
});

test('offers the simulated lab when none of the tools is installed', async () => {
  const {ctx} = fakeContext({process: fakeProcess({}).port});
  const result = await preflightCheck.run(small, ctx);
  assert.match(result.ok ? '' : (result.error.hint ?? ''), /mke-runbook --simulate/);
});

test('in the simulated lab it needs the stand-ins but not VirtualBox', async () => {
  const {VBoxManage: _, ...standIns} = tools;
  const {ctx} = fakeContext({process: fakeProcess(standIns).port, simulated: true});
  const result = await preflightCheck.run(small, ctx);
  assert.equal(result.ok && result.outputs?.['simulated'], true);
});

test('says its findings and what to do in Japanese under --lang ja', async () => {
  const {VBoxManage: _, ...standIns} = tools;
  const {ctx: base, text} = fakeContext({process: fakeProcess(standIns).port, simulated: true});
  const result = await preflightCheck.run(small, {...base, lang: 'ja'});
  assert.equal(result.ok, true);
  assert.match(text(), /^OK {7}VBoxManage: シミュレーションのラボでは不要です$/m);
  assert.deepEqual(text().split('\n').slice(-3), [
    'OK       シミュレーションのラボ: VM は作らないので、メモリ・ディスク・VirtualBox のネットワークは確かめません',
    '注意     CentOS 7 はサポート終了(2024-06-30)です: mirrorlist.centos.org はもう応答しません',
    '         対処: 対応は不要です: Vagrantfile が yum の参照先を vault.centos.org にしています',
  ]);
});

test('reads machine states from vagrant status --machine-readable', async () => {
  const output = [
    '1700000000,node1,metadata,provider,virtualbox',
    '1700000000,node1,state,running',
    '1700000000,node2,state,running',
    '1700000000,node3,state,poweroff',
    '1700000000,,ui,info,Current machine states:',
  ];
  assert.deepEqual(
    [...machineStates(output)],
    [
      ['node1', 'running'],
      ['node2', 'running'],
      ['node3', 'poweroff'],
    ],
  );
  const process = fakeProcess({vagrant: () => ({lines: output})});
  const {ctx} = fakeContext({process: process.port});
  assert.deepEqual(await vagrantAllRunning.run({cwd: '/w', nodes: '3'}, ctx), {
    holds: false,
    detail: 'node1 running, node2 running, node3 poweroff',
  });
  assert.deepEqual(process.runs[0]?.args, ['status', '--machine-readable']);
});
