import {randomBytes} from 'node:crypto';
import {hashPassword} from '../../mke/password.js';
import type {ScriptItem} from '../common/script.js';
import type {StandinContext} from '../common/run-standin.js';
import {connectHosts, launchpadVersion, loadConfig, requireLicense} from './common.js';
import {mkeHost, type LaunchpadConfig} from './config.js';
import {hostMessage, logLine, phaseLine} from './logrus.js';

// `launchpad apply`: the phases of Launchpad 1.3.0 in apply order (facts.md §2.4), the
// ones whose condition is false skipped silently, then the lab is told MKE is installed.

function installerLines(config: LaunchpadConfig, address: string): string[] {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const say = (message: string) => `time="${now}" level=info msg="${message}"`;
  const version = config.spec.mke.version;
  return [
    say(`Running install agent container ...`),
    say(`Loading install configuration`),
    say(`Running Installation Steps`),
    say(`Step 1 of 35: [Setup Internal Cluster CA]`),
    say(`Step 2 of 35: [Setup Internal Client CA]`),
    say(`Step 9 of 35: [Deploy Kubernetes API Server]`),
    say(`Step 17 of 35: [Install Kubernetes CNI Plugins]`),
    say(`Step 26 of 35: [Create Kubernetes Pod Security Policies]`),
    say(`Step 35 of 35: [Wait for All Nodes to be Ready]`),
    say(`Waiting for 1 nodes to be ready`),
    say(`All Installation Steps Completed`),
    say(`MKE ${version} installed on ${address}`),
  ];
}

/** Builds the apply script. */
export async function apply(context: StandinContext): Promise<number> {
  await requireLicense(context);
  const {config} = await loadConfig(context);
  const {hosts, mke, mcr} = config.spec;
  const managers = hosts.filter((h) => h.role === 'manager');
  const workers = hosts.filter((h) => h.role === 'worker');
  const manager = managers[0];
  if (!manager) return 1;

  const items: ScriptItem[] = [];
  const line = (text: string) => items.push({line: text});
  const info = (text: string) => line(logLine('INFO', text));
  const onHosts = (list: typeof hosts, text: (address: string) => string) => {
    for (const h of list) info(hostMessage(h.ssh.address, h.ssh.port, text(h.ssh.address)));
  };

  const phase = (title: string, pause = 150) => {
    line(phaseLine(title));
    items.push({pause});
  };

  line('');
  line(
    `   Mirantis Launchpad (c) 2021 Mirantis, Inc.                          v${launchpadVersion}`,
  );
  line('');
  phase('Check For Upgrades');
  phase('Open Remote Connection');
  const names = await connectHosts(context, hosts);
  phase('Detect host operating systems');
  onHosts(hosts, () => 'is running CentOS Linux 7 (Core)');
  phase('Gather Facts');
  onHosts(hosts, () => 'gathering host facts');
  onHosts(hosts, (address) => `internal address: ${address}`);
  onHosts(hosts, () => 'gathered all facts');
  phase('Validate Facts');
  phase('Validate Hosts');
  phase('Download Mirantis Container Runtime installer');
  phase('Prepare hosts');
  onHosts(hosts, (address) => `setting hostname to ${names.get(address) ?? address}`);
  phase('Configure Mirantis Container Runtime on the hosts');
  phase('Install Mirantis Container Runtime on the hosts', 400);
  onHosts(hosts, () => `installing mirantis container runtime (${mcr.version})`);
  onHosts(hosts, () => `mirantis container runtime version ${mcr.version}`);
  phase('Pull MKE images', 400);
  onHosts(
    managers,
    () => `pulling image ${mke.imageRepo ?? 'docker.io/mirantis'}/ucp:${mke.version}`,
  );
  phase('Initialize Swarm');
  onHosts([manager], () => 'swarm initialized');
  phase('Install MKE components', 300);

  let password = mke.adminPassword;
  if (!password) {
    password = randomBytes(12).toString('base64url');
    info(`MKE admin password was not set, the installer generated one: ${password}`);
  }

  for (const text of installerLines(config, manager.ssh.address)) {
    info(hostMessage(manager.ssh.address, manager.ssh.port, text));
    items.push({pause: 80});
  }

  const adminPasswordHash = hashPassword(password);
  items.push({
    act: async () => {
      await context.lab.call('POST', '/_lab/mke/install', {
        version: mke.version,
        address: manager.ssh.address,
        adminUsername: mke.adminUsername ?? 'admin',
        adminPasswordHash,
        clusterName: config.metadata.name,
      });
    },
  });
  if (managers.length > 1) {
    phase('Join managers to swarm');
    onHosts(managers.slice(1), () => 'joined successfully');
  }

  if (workers.length > 0) {
    phase('Join workers', 300);
    onHosts(workers, () => 'joined successfully');
  }

  phase('Validating MKE Health');
  phase('Label nodes');
  phase('Close Connection');
  phase('MKE cluster info');
  info('Cluster is now configured.');
  info(`MKE cluster admin UI: https://${mkeHost(config)}/`);
  info("You can download the admin client bundle with the command 'launchpad client-config'");
  await context.play('apply', items);
  return 0;
}
