import {mkdir, open, readFile, unlink} from 'node:fs/promises';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {wordedError} from '../engine/errors.js';
import {stateWords} from './state-words.js';

/** A held profile lock. */
export type Lock = {readonly release: () => Promise<void>};

/**
 * Takes the profile's lock: a file created exclusively, holding our pid. A lock whose
 * holder is gone (the process was killed) is taken over.
 */
export async function acquireLock(lockFile: string, profile: string): Promise<Lock> {
  await mkdir(path.dirname(lockFile), {recursive: true});
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return {release: async () => releaseLock(lockFile)};
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
        throw error;
      }
    }

    let holder = await readHolder(lockFile);
    if (holder === undefined) {
      // The holder may have created the file and not written its pid yet.
      await sleep(200);
      holder = await readHolder(lockFile);
    }

    if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
      throw wordedError('locked', (lang) => stateWords(lang).inUse(profile, holder));
    }

    if (holder === process.pid) {
      throw wordedError('locked', (lang) => stateWords(lang).openHere(profile, holder));
    }

    // The holder is gone: remove its lock and try again (another process may win the race).
    await unlink(lockFile).catch(() => undefined);
  }

  throw wordedError('locked', (lang) => stateWords(lang).notLocked(profile));
}

async function releaseLock(lockFile: string): Promise<void> {
  // Only remove the lock if it is still ours.
  if ((await readHolder(lockFile)) === process.pid) {
    await unlink(lockFile).catch(() => undefined);
  }
}

async function readHolder(lockFile: string): Promise<number | undefined> {
  const text = await readFile(lockFile, 'utf8').catch(() => undefined);
  const pid = Number.parseInt(text ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still alive.
    return !(error instanceof Error && 'code' in error && error.code === 'ESRCH');
  }
}
