import {access, mkdir, rm} from 'node:fs/promises';
import {parseArgs} from 'node:util';
import {
  labOrphanGraceEnv,
  labRuntimeFile,
  labWorldFile,
  type LabOwner,
  type LabRuntime,
} from './contract.js';
import {createFaultRoute} from './control/fault-route.js';
import {createFaultBook, faultsFromEnv, labFaultsEnv} from './control/faults.js';
import {createControlRoute} from './control/routes.js';
import {writeRuntime} from './process/runtime-file.js';
import {assembleLab} from './assemble.js';
import {loadOrCreateTls} from './process/tls-files.js';
import {releaseLock, takeLockWaiting} from './process/lock.js';
import {watchOwner} from './process/owner-watch.js';
import {createPersister} from './process/persister.js';
import {loadSavedLab} from './process/world-file.js';
import type {LabRoute} from './types.js';
import path from 'node:path';

// The lab server process: `node dist/lab-server.js --lab-dir DIR --bin-dir DIR`.
// Started detached by lifecycle.ts; its stdout/stderr go to lab.log in the lab directory.

/** Exit status when another lab already runs on the same profile. */
const exitLocked = 3;

/** How long a lab whose owner is gone waits to be adopted before it stops itself. */
const defaultOrphanGraceMs = 15_000;

/** How long a new server waits for a lab that is stopping to release the profile. */
const lockWaitMs = 3000;

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      'lab-dir': {type: 'string'},
      'bin-dir': {type: 'string'},
      'owner-pid': {type: 'string'},
      'owner-start': {type: 'string'},
    },
  });
  const labDir = values['lab-dir'];
  if (!labDir) throw new Error('usage: lab-server --lab-dir DIR [--bin-dir DIR]');
  const binDir = values['bin-dir'] ?? '';
  const owner = parseOwner(values['owner-pid'], values['owner-start']);
  const lockFile = path.join(labDir, 'lab.lock');
  const runtimeFile = path.join(labDir, labRuntimeFile);
  const worldFile = path.join(labDir, labWorldFile);

  await mkdir(path.join(labDir, 'home'), {recursive: true, mode: 0o700});
  const lock = await takeLockWaiting(lockFile, (await exists(runtimeFile)) ? 0 : lockWaitMs);
  if (!lock.ok) {
    process.stderr.write(`a lab is already running for this profile (pid ${lock.pid})\n`);
    process.exit(exitLocked);
  }

  const saved = await loadSavedLab(worldFile);
  const {world} = saved;
  const faults = createFaultBook(faultsFromEnv(process.env[labFaultsEnv]));
  const faultRoute = createFaultRoute(faults);

  let snapshot: () => unknown = () => saved.objects;
  const persister = createPersister(worldFile, () => ({world, objects: snapshot()}));
  // Any write request may change the world (MKE config, GitLab pipelines…): save after it.
  const saveAfterWrites: LabRoute = (request, response) => {
    if (request.method !== 'GET') response.once('finish', persister.schedule);
    return false;
  };

  let resetCluster = () => {};
  const control = createControlRoute({
    world,
    faults,
    changed: persister.schedule,
    resetCluster: () => resetCluster(),
  });
  // HTTPS: kubectl sends bearer tokens only over TLS. The certificate is kept per profile so
  // a client bundle downloaded before a restart still verifies.
  const tls = await loadOrCreateTls(labDir);
  const app = await assembleLab({
    world,
    objects: saved.objects,
    routes: [saveAfterWrites, faultRoute.route, control],
    tls,
  });
  snapshot = app.snapshot;
  resetCluster = app.resetCluster;
  app.onChange(persister.schedule);
  persister.schedule();

  const {url, port} = await app.listen(0);
  const runtime: LabRuntime = {
    pid: process.pid,
    port,
    url,
    binDir,
    startedAt: new Date().toISOString(),
    ...(owner ? {owner} : {}),
  };
  await writeRuntime(runtimeFile, runtime);
  process.stdout.write(`lab listening on ${url} (pid ${process.pid})\n`);

  let stopping = false;
  const watch = watchOwner({
    runtimeFile,
    claimFile: path.join(labDir, 'lab.claim'),
    graceMs: orphanGraceMs(process.env[labOrphanGraceEnv]),
    orphaned() {
      process.stdout.write(
        'the session that owned this lab is gone and nobody adopted it: stopping\n',
      );
      void stop();
    },
  });
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    watch.stop();
    faultRoute.releaseHung();
    await app.close();
    await persister.flush();
    await rm(runtimeFile, {force: true});
    await releaseLock(lockFile);
    process.exit(0);
  };

  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

function orphanGraceMs(text: string | undefined): number {
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) && value >= 0 ? value : defaultOrphanGraceMs;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function parseOwner(pid: string | undefined, start: string | undefined): LabOwner | undefined {
  if (pid === undefined) return undefined;
  const number = Number(pid);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`--owner-pid: not a pid: ${pid}`);
  return start === undefined ? {pid: number} : {pid: number, start};
}

main().catch((error: unknown) => {
  process.stderr.write(
    `lab server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
