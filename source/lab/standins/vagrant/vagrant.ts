import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {StandinExit} from '../common/exit.js';
import type {Standin, StandinContext} from '../common/run-standin.js';
import {
  inDefaultHostOnlyRange,
  readVms,
  removeVm,
  setVm,
  type LabVms,
  type VmState,
} from './lab-vms.js';
import * as texts from './texts.js';
import {VagrantUi} from './ui.js';
import {parseVagrantfile, type VagrantConfig, type VagrantMachine} from './vagrantfile.js';

// The stand-in `vagrant`: up, status, halt, destroy, ssh-config, version, on the lab's VMs.

type Environment = {readonly file: string; readonly root: string; readonly config: VagrantConfig};

function findVagrantfile(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  let dir = path.resolve(env['VAGRANT_CWD'] ?? cwd);
  for (;;) {
    const file = path.join(dir, 'Vagrantfile');
    if (existsSync(file)) return file;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function fail(ui: VagrantUi, error: texts.VagrantErrorText): StandinExit {
  ui.error(error.errorClass, error.message);
  const lines = ui.items.flatMap((item) => ('line' in item ? [item.line] : []));
  return new StandinExit(1, lines, ui.machineReadable ? 'stdout' : 'stderr');
}

async function loadEnvironment(context: StandinContext, ui: VagrantUi): Promise<Environment> {
  const file = findVagrantfile(context.cwd, context.env);
  if (!file) throw fail(ui, texts.noEnvironment);
  const parsed = parseVagrantfile(await readFile(file, 'utf8'));
  if ('kind' in parsed) {
    throw fail(
      ui,
      parsed.kind === 'syntax'
        ? texts.syntaxError(file, parsed.detail)
        : texts.loadError(file, parsed.detail),
    );
  }

  return {file, root: path.dirname(file), config: parsed};
}

function targets(
  environment: Environment,
  names: readonly string[],
  ui: VagrantUi,
): VagrantMachine[] {
  if (names.length === 0) return [...environment.config.machines];
  return names.map((name) => {
    const machine = environment.config.machines.find((m) => m.name === name);
    if (!machine) throw fail(ui, texts.machineNotFound(name));
    return machine;
  });
}

const stateOf = (vms: LabVms, name: string): VmState => vms.vms[name]?.state ?? 'not_created';

function sshPort(environment: Environment, name: string): number {
  const index = environment.config.machines.findIndex((m) => m.name === name);
  return index <= 0 ? 2222 : 2199 + index;
}

function up(
  context: StandinContext,
  environment: Environment,
  machines: VagrantMachine[],
  vms: LabVms,
  ui: VagrantUi,
) {
  const {lab} = context;
  for (const m of machines)
    ui.say('info', `Bringing machine '${m.name}' up with 'virtualbox' provider...`);
  for (const m of machines) {
    ui.record(m.name, 'metadata', 'provider', 'virtualbox');
    ui.record(m.name, 'action', 'up', 'start');
    const state = stateOf(vms, m.name);
    const port = sshPort(environment, m.name);
    if (state === 'running') {
      ui.machine(
        m.name,
        'info',
        'Machine already provisioned. Run `vagrant provision` or use the `--provision`\nflag to force provisioning. Provisioners marked to run always will still run.',
      );
      ui.record(m.name, 'action', 'up', 'end');
      continue;
    }

    if (state === 'not_created') {
      ui.machine(m.name, 'info', `Importing base box '${environment.config.box}'...`);
      ui.pause(400);
      ui.machine(m.name, 'info', 'Matching MAC address for NAT networking...');
      ui.machine(
        m.name,
        'info',
        `Setting the name of the VM: ${path.basename(environment.root)}_${m.name}_${Date.now()}_${1000 + port}`,
      );
      ui.act(async () =>
        setVm(lab, m.name, {state: 'poweroff', address: m.address, memory: m.memory}),
      );
    }

    ui.machine(m.name, 'info', 'Clearing any previously set network interfaces...');
    if (!vms.hostOnlyAnyRange && m.address && !inDefaultHostOnlyRange(m.address)) {
      ui.record(m.name, 'action', 'up', 'end');
      throw new Failure(texts.hostOnlyNotAllowed(m.address));
    }

    ui.machine(m.name, 'info', 'Preparing network interfaces based on configuration...');
    ui.machine(m.name, 'detail', 'Adapter 1: nat\nAdapter 2: hostonly');
    ui.machine(m.name, 'info', 'Forwarding ports...');
    ui.machine(m.name, 'detail', `22 (guest) => ${port} (host) (adapter 1)`);
    ui.machine(m.name, 'info', "Running 'pre-boot' VM customizations...");
    ui.machine(m.name, 'info', 'Booting VM...');
    ui.pause(300);
    ui.machine(m.name, 'info', 'Waiting for machine to boot. This may take a few minutes...');
    ui.machine(
      m.name,
      'detail',
      `SSH address: 127.0.0.1:${port}\nSSH username: vagrant\nSSH auth method: private key`,
    );
    ui.pause(400);
    if (state === 'not_created') {
      ui.machine(
        m.name,
        'detail',
        '\nVagrant insecure key detected. Vagrant will automatically replace\nthis with a newly generated keypair for better security.',
      );
      ui.machine(
        m.name,
        'detail',
        "\nInserting generated public key within guest...\nRemoving insecure key from the guest if it's present...\nKey inserted! Disconnecting and reconnecting using new SSH key...",
      );
    }

    ui.machine(m.name, 'info', 'Machine booted and ready!');
    ui.act(async () =>
      setVm(lab, m.name, {state: 'running', address: m.address, memory: m.memory}),
    );
    ui.machine(m.name, 'info', 'Setting hostname...');
    ui.machine(m.name, 'info', 'Configuring and enabling network interfaces...');
    ui.pause(200);
    ui.machine(m.name, 'info', `Rsyncing folder: ${environment.root}/ => /vagrant`);
    ui.record(m.name, 'action', 'up', 'end');
  }
}

/** A Vagrant error met while building a script: the lines so far are still played. */
class Failure extends Error {
  readonly text: texts.VagrantErrorText;
  constructor(text: texts.VagrantErrorText) {
    super(text.message);
    this.text = text;
  }
}

function status(machines: VagrantMachine[], vms: LabVms, ui: VagrantUi) {
  for (const m of machines) ui.record(m.name, 'metadata', 'provider', 'virtualbox');
  const rows: string[] = [];
  for (const m of machines) {
    const state = stateOf(vms, m.name);
    const short = state.replaceAll('_', ' ');
    ui.record(m.name, 'provider-name', 'virtualbox');
    ui.record(m.name, 'state', state);
    ui.record(m.name, 'state-human-short', short);
    ui.record(m.name, 'state-human-long', texts.stateLong[state] ?? short);
    rows.push(`${m.name.padEnd(25)} ${short} (virtualbox)`);
  }

  const only =
    machines.length === 1 && machines[0]
      ? (texts.stateLong[stateOf(vms, machines[0].name)] ?? '')
      : '';
  const footer = machines.length === 1 ? only : texts.multipleVms;
  ui.say('info', `Current machine states:\n\n${rows.join('\n')}\n\n${footer}`);
}

function halt(context: StandinContext, machines: VagrantMachine[], vms: LabVms, ui: VagrantUi) {
  for (const m of [...machines].reverse()) {
    const state = stateOf(vms, m.name);
    if (state === 'not_created') ui.machine(m.name, 'info', 'VM not created. Moving on...');
    if (state !== 'running') continue;
    ui.machine(m.name, 'info', 'Attempting graceful shutdown of VM...');
    ui.pause(300);
    ui.act(async () =>
      setVm(context.lab, m.name, {state: 'poweroff', address: m.address, memory: m.memory}),
    );
  }
}

function destroy(context: StandinContext, machines: VagrantMachine[], vms: LabVms, ui: VagrantUi) {
  for (const m of [...machines].reverse()) {
    const state = stateOf(vms, m.name);
    if (state === 'not_created') {
      ui.machine(m.name, 'info', 'VM not created. Moving on...');
      continue;
    }

    if (state === 'running') {
      ui.machine(m.name, 'info', 'Forcing shutdown of VM...');
      ui.pause(200);
    }

    ui.machine(m.name, 'info', 'Destroying VM and associated drives...');
    ui.pause(200);
    ui.act(async () => removeVm(context.lab, m.name));
  }
}

function sshConfig(
  environment: Environment,
  machines: VagrantMachine[],
  vms: LabVms,
  ui: VagrantUi,
  host?: string,
) {
  for (const m of machines) {
    if (stateOf(vms, m.name) !== 'running') throw new Failure(texts.sshNotReady);
    const key = path.join(environment.root, '.vagrant/machines', m.name, 'virtualbox/private_key');
    const block = [
      `Host ${host ?? m.name}`,
      '  HostName 127.0.0.1',
      '  User vagrant',
      `  Port ${sshPort(environment, m.name)}`,
      '  UserKnownHostsFile /dev/null',
      '  StrictHostKeyChecking no',
      '  PasswordAuthentication no',
      `  IdentityFile ${key.includes(' ') ? `"${key}"` : key}`,
      '  IdentitiesOnly yes',
      '  LogLevel FATAL',
      '',
    ].join('\n');
    if (ui.machineReadable) ui.record(m.name, 'ssh-config', block);
    else ui.say('output', block);
  }
}

/** The stand-in `vagrant`. */
export const vagrant: Standin = async (context) => {
  const machineReadable = context.args.includes('--machine-readable');
  const args = context.args.filter((arg) => arg !== '--machine-readable');
  const [command = '', ...rest] = args;
  const ui = new VagrantUi(machineReadable);

  if (command === 'version' || command === '--version' || command === '-v') {
    if (command === 'version') ui.say('output', `Installed Version: ${texts.vagrantVersion}`);
    else ui.say('output', `Vagrant ${texts.vagrantVersion}`);
    await context.play('version', ui.items);
    return 0;
  }

  if (!['up', 'status', 'halt', 'destroy', 'ssh-config'].includes(command)) {
    throw new StandinExit(1, texts.usage.split('\n'), 'stderr');
  }

  const flags = rest.filter((arg) => arg.startsWith('-'));
  const names = rest.filter((arg, index) => !arg.startsWith('-') && rest[index - 1] !== '--host');
  const environment = await loadEnvironment(context, ui);
  const machines = targets(environment, names, ui);
  const vms = await readVms(context.lab);

  let failure: texts.VagrantErrorText | undefined;
  try {
    switch (command) {
      case 'up': {
        up(context, environment, machines, vms, ui);
        break;
      }

      case 'status': {
        status(machines, vms, ui);
        break;
      }

      case 'halt': {
        halt(context, machines, vms, ui);
        break;
      }

      case 'destroy': {
        if (!flags.includes('-f') && !flags.includes('--force'))
          throw new Failure(texts.uiExpectsTty);
        destroy(context, machines, vms, ui);
        break;
      }

      default: {
        const hostIndex = rest.indexOf('--host');
        sshConfig(environment, machines, vms, ui, hostIndex >= 0 ? rest[hostIndex + 1] : undefined);
      }
    }
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    failure = error.text;
  }

  if (failure) ui.error(failure.errorClass, failure.message);
  await context.play(command, ui.items);
  return failure ? 1 : 0;
};
