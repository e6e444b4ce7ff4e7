import {spawn} from 'node:child_process';
import {mkdir, open, readFile, rm} from 'node:fs/promises';
import {setTimeout as sleep} from 'node:timers/promises';
import type {LabOwner, LabRuntime} from './contract.js';
import {labPaths} from './process/paths.js';
import {locateLabProgram, writeSourceWrappers} from './process/locate.js';
import {processAlive} from './process/lock.js';
import {readRuntime} from './process/runtime-file.js';
import {send} from './standins/common/http.js';

// Starts, finds, stops and empties a profile's lab server. The server runs detached, so
// a lab started by `mke-runbook lab start` outlives the command; a session's lab names the
// session as its owner (ownership.ts says who stops it).

/** Which lab: the app's state directory and the profile. */
export type LabTarget = {readonly stateDir: string; readonly profile: string};

async function answers(url: string, timeoutMs = 500): Promise<boolean> {
  try {
    const response = await send(`${url}/_lab/health`, {timeoutMs});
    return response.status === 200;
  } catch {
    return false;
  }
}

/** The running lab of a profile, or undefined when none answers. */
export async function labStatus(target: LabTarget): Promise<LabRuntime | undefined> {
  const runtime = await readRuntime(labPaths(target.stateDir, target.profile).runtimeFile);
  if (!runtime || !processAlive(runtime.pid)) return undefined;
  return (await answers(runtime.url)) ? runtime : undefined;
}

/** Starts the profile's lab (or returns the one already running) once it answers. */
export async function startLab(
  target: LabTarget,
  options: {
    readonly env?: Readonly<Record<string, string>>;
    readonly timeoutMs?: number;
    /** The session the new lab belongs to; without one it is the user's (`lab start`). */
    readonly owner?: LabOwner;
  } = {},
): Promise<LabRuntime> {
  const running = await labStatus(target);
  if (running) return running;

  const paths = labPaths(target.stateDir, target.profile);
  await mkdir(paths.home, {recursive: true, mode: 0o700});
  const program = locateLabProgram();
  const binDir = program.distBinDir ?? paths.sourceBinDir;
  if (program.fromSource) await writeSourceWrappers(program.root, binDir);

  await rm(paths.runtimeFile, {force: true});
  const log = await open(paths.logFile, 'a', 0o600);
  const {owner} = options;
  const ownerArgs = owner
    ? ['--owner-pid', String(owner.pid), ...(owner.start ? ['--owner-start', owner.start] : [])]
    : [];
  const child = spawn(
    process.execPath,
    [...program.args, '--lab-dir', paths.dir, '--bin-dir', binDir, ...ownerArgs],
    {
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
      env: {...process.env, ...options.env},
      cwd: paths.dir,
    },
  );
  child.unref();
  await log.close();

  let exited: number | undefined;
  child.once('exit', (code) => {
    exited = code ?? 1;
  });

  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (Date.now() < deadline) {
    const runtime = await readRuntime(paths.runtimeFile);
    if (runtime && runtime.pid === child.pid && (await answers(runtime.url))) return runtime;
    if (exited !== undefined) break;
    await sleep(15);
  }

  if (exited === undefined && child.pid) process.kill(child.pid, 'SIGKILL');
  const tail = (await readFile(paths.logFile, 'utf8').catch(() => ''))
    .trim()
    .split('\n')
    .slice(-5)
    .join('\n');
  throw new Error(
    `The lab did not start${exited === undefined ? ' in time' : ` (exit ${exited})`}. See \`${paths.logFile}\`:\n${tail}`,
  );
}

/** Stops the profile's lab and waits until its process is gone; false when none was running. */
export async function stopLab(target: LabTarget, timeoutMs = 5000): Promise<boolean> {
  const paths = labPaths(target.stateDir, target.profile);
  const runtime = await readRuntime(paths.runtimeFile);
  if (!runtime || !processAlive(runtime.pid)) {
    await rm(paths.runtimeFile, {force: true});
    return false;
  }

  process.kill(runtime.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (processAlive(runtime.pid) && Date.now() < deadline) {
    await sleep(10);
  }

  if (processAlive(runtime.pid)) {
    process.kill(runtime.pid, 'SIGKILL');
    await sleep(50);
    await rm(paths.lockFile, {force: true});
  }

  await rm(paths.runtimeFile, {force: true});
  return true;
}

/** Empties the profile's lab (VMs, cluster, MKE, GitLab); a running lab is restarted empty. */
export async function resetLab(target: LabTarget): Promise<void> {
  const wasRunning = await stopLab(target);
  await rm(labPaths(target.stateDir, target.profile).worldFile, {force: true});
  if (wasRunning) await startLab(target);
}
