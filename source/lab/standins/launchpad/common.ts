import {existsSync} from 'node:fs';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {StandinExit} from '../common/exit.js';
import type {StandinContext} from '../common/run-standin.js';
import {readVms} from '../vagrant/lab-vms.js';
import {parseLaunchpadConfig, type LaunchpadConfig, type LaunchpadHost} from './config.js';
import {hostMessage, logLine} from './logrus.js';

/** Launchpad's version line. */
export const launchpadVersion = '1.3.0';

/** Ends Launchpad the way `log.Fatal` does: a FATA line, exit 1. */
export function fatal(message: string): StandinExit {
  return new StandinExit(1, [logLine('FATA', message)], 'stdout');
}

/** Launchpad's state directory under HOME. */
export function stateDir(env: NodeJS.ProcessEnv): string {
  return path.join(env['HOME'] ?? '.', '.mirantis-launchpad');
}

/** The value of `--name VALUE` / `--name=VALUE` / `-n VALUE`. */
export function flagValue(
  args: readonly string[],
  ...names: readonly string[]
): string | undefined {
  for (const [index, arg] of args.entries()) {
    for (const name of names) {
      if (arg === name) return args[index + 1];
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    }
  }

  return undefined;
}

/** Refuses to run without a licence acceptance (flag, ACCEPT_LICENSE or `launchpad register`). */
export async function requireLicense(context: StandinContext): Promise<void> {
  if (context.args.includes('--accept-license') || context.args.includes('-a')) return;
  if (/^(true|1|yes)$/i.test(context.env['ACCEPT_LICENSE'] ?? '')) return;
  const user = await readFile(path.join(stateDir(context.env), 'user.yaml'), 'utf8').catch(
    () => '',
  );
  if (/^eula:\s*true\s*$/m.test(user)) return;
  throw fatal(
    'Registration or license acceptance is required. Please use `launchpad register` command to register',
  );
}

/** Reads `--config` (default launchpad.yaml; `-` = stdin) and validates it. */
export async function loadConfig(
  context: StandinContext,
): Promise<{config: LaunchpadConfig; text: string}> {
  const file = flagValue(context.args, '--config', '-c') ?? 'launchpad.yaml';
  let text: string;
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    const full = path.resolve(context.cwd, file);
    if (!existsSync(full))
      throw fatal(`failed to read config: open ${file}: no such file or directory`);
    text = await readFile(full, 'utf8');
  }

  const parsed = parseLaunchpadConfig(text, context.env);
  if ('error' in parsed) throw fatal(parsed.error);
  return {config: parsed.config, text};
}

/** Checks every host is a running lab VM; else fails as rig's SSH connection does. */
export async function connectHosts(
  context: StandinContext,
  hosts: readonly LaunchpadHost[],
): Promise<Map<string, string>> {
  const {vms} = await readVms(context.lab);
  const names = new Map<string, string>();
  const failures: string[] = [];
  const warnings: string[] = [];
  for (const h of hosts) {
    const found = Object.entries(vms).find(([, vm]) => vm.address === h.ssh.address);
    if (found?.[1].state === 'running') {
      names.set(h.ssh.address, found[0]);
      continue;
    }

    const why = found ? 'connect: connection refused' : 'connect: no route to host';
    const error = `dial tcp ${h.ssh.address}:${h.ssh.port}: ${why}`;
    warnings.push(
      logLine(
        'WARN',
        hostMessage(h.ssh.address, h.ssh.port, `attempt 1 of 60.. failed to connect: ${error}`),
      ),
    );
    failures.push(` - ${hostMessage(h.ssh.address, h.ssh.port, error)}`);
  }

  if (failures.length > 0) {
    throw new StandinExit(
      1,
      [
        ...warnings,
        logLine('FATA', [`failed on ${failures.length} hosts:`, ...failures].join('\n')),
      ],
      'stdout',
    );
  }

  return names;
}

/** Writes a file, creating its directory. */
export async function writeWithDir(
  file: string,
  content: string | Uint8Array,
  mode: number,
): Promise<void> {
  await mkdir(path.dirname(file), {recursive: true, mode: 0o700});
  await writeFile(file, content, {mode});
}
