import path from 'node:path';
import {z} from 'zod';
import {StandinExit} from '../common/exit.js';
import type {StandinContext} from '../common/run-standin.js';
import {readVms} from '../vagrant/lab-vms.js';
import {
  connectHosts,
  fatal,
  flagValue,
  launchpadVersion,
  loadConfig,
  requireLicense,
  stateDir,
  writeWithDir,
} from './common.js';
import {mkeHost} from './config.js';
import {hostMessage, logLine, phaseLine} from './logrus.js';

/** Go's tabwriter with padding 2, as Launchpad's describe tables use. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : cell.padEnd((widths[column] ?? 0) + 2),
      )
      .join(''),
  );
}

const mkeState = z.object({
  mke: z.object({installed: z.boolean(), version: z.string().optional()}),
});

/** `launchpad describe hosts|mke|config`. */
export async function describe(context: StandinContext): Promise<number> {
  await requireLicense(context);
  const report = context.args.find(
    (arg, index) =>
      index > 0 &&
      !arg.startsWith('-') &&
      context.args[index - 1] !== '--config' &&
      context.args[index - 1] !== '-c',
  );
  if (!report || !['hosts', 'mke', 'msr', 'config'].includes(report)) {
    throw fatal('a report name is required: hosts, mke, msr or config');
  }

  const {config, text} = await loadConfig(context);
  let lines: string[];
  if (report === 'config') {
    lines = text.trimEnd().split('\n');
  } else if (report === 'hosts') {
    const {vms} = await readVms(context.lab);
    const rows = config.spec.hosts.map((h) => {
      const vm = Object.entries(vms).find(([, v]) => v.address === h.ssh.address);
      return [
        h.ssh.address,
        h.ssh.address,
        vm?.[0] ?? '',
        h.role,
        'centos/7',
        vm?.[1].state === 'running' ? config.spec.mcr.version : '',
      ];
    });
    lines = table([['ADDRESS', 'INTERNAL_IP', 'HOSTNAME', 'ROLE', 'OS', 'RUNTIME'], ...rows]);
  } else if (report === 'mke') {
    const world = mkeState.parse(await context.lab.call('GET', '/_lab/world'));
    lines = world.mke.installed
      ? table([
          ['VERSION', 'ADMIN_UI'],
          [world.mke.version ?? '', `https://${mkeHost(config)}/`],
        ])
      : ['Not installed'];
  } else {
    lines = ['Not installed'];
  }

  await context.play(
    'describe',
    lines.map((line) => ({line})),
  );
  return 0;
}

/** `launchpad reset --force`: uninstalls MKE (the lab forgets MKE and the cluster). */
export async function reset(context: StandinContext): Promise<number> {
  await requireLicense(context);
  if (!context.args.includes('--force') && !context.args.includes('-f')) {
    if (!process.stdout.isTTY) throw fatal('reset requires --force');
  }

  const {config} = await loadConfig(context);
  const {hosts} = config.spec;
  await connectHosts(context, hosts);
  const items = [
    phaseLine('Open Remote Connection'),
    phaseLine('Detect host operating systems'),
    ...hosts.map((h) =>
      logLine('INFO', hostMessage(h.ssh.address, h.ssh.port, 'is running CentOS Linux 7 (Core)')),
    ),
    phaseLine('Gather Facts'),
    phaseLine('Uninstall MKE components'),
    phaseLine('Reset workers'),
    phaseLine('Reset managers'),
    phaseLine('Uninstall Mirantis Container Runtime'),
    phaseLine('Close Connection'),
    logLine('INFO', 'Cluster has been reset'),
  ].map((line) => ({line}));
  const act = {act: async () => void (await context.lab.call('POST', '/_lab/mke/reset'))};
  await context.play('reset', [...items.slice(0, 6), {pause: 400}, act, ...items.slice(6)]);
  return 0;
}

/** `launchpad register`: saves ~/.mirantis-launchpad/user.yaml. */
export async function register(context: StandinContext): Promise<number> {
  const name = flagValue(context.args, '--name', '-n');
  const company = flagValue(context.args, '--company', '-c') ?? '';
  const email = flagValue(context.args, '--email', '-e');
  const accepted = context.args.includes('--accept-license') || context.args.includes('-a');
  if (!name || !email)
    throw fatal('registration requires --name and --email when not run in a terminal');
  if (!accepted)
    throw fatal('you must agree to Mirantis Launchpad Terms of Service (--accept-license)');
  const file = path.join(stateDir(context.env), 'user.yaml');
  await writeWithDir(
    file,
    `name: ${JSON.stringify(name)}\ncompany: ${JSON.stringify(company)}\nemail: ${JSON.stringify(email)}\neula: true\n`,
    0o600,
  );
  await context.play('register', [{line: logLine('INFO', 'Registration completed!')}]);
  return 0;
}

/** `launchpad version`. */
export async function version(context: StandinContext): Promise<number> {
  await context.play('version', [
    {line: `version: ${launchpadVersion}`},
    {line: 'commit: 6c9cd4b'},
  ]);
  return 0;
}

/** Launchpad's usage, for an unknown command. */
export function usage(command: string): StandinExit {
  return new StandinExit(
    1,
    [
      `No help topic for '${command}'`,
      '',
      'NAME:',
      '   launchpad - Mirantis Launchpad',
      '',
      'COMMANDS:',
      '   apply          Initialize or upgrade a cluster',
      '   register       Register a user',
      '   describe       Display cluster status',
      '   client-config  Get cluster client configuration',
      '   reset          Reset (uninstall) a cluster',
      '   version        Output Launchpad version',
    ],
    'stderr',
  );
}
