import {open, readFile, rm} from 'node:fs/promises';
import {setTimeout as sleep} from 'node:timers/promises';

/** True when a process with this pid exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** Takes the profile's lab lock for this process, or says which live process holds it. */
export async function takeLock(
  file: string,
): Promise<{readonly ok: true} | {readonly ok: false; readonly pid: number}> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return {ok: true};
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) return {ok: false, pid};
      // A lock left by a lab that died: take it over.
      await rm(file, {force: true});
    }
  }

  throw new Error(`could not take the lab lock \`${file}\``);
}

/**
 * Takes the lock, waiting up to `waitMs` for a live holder to let go (a lab that is stopping
 * holds it for a moment after its lab.json is gone).
 */
export async function takeLockWaiting(
  file: string,
  waitMs: number,
): Promise<{readonly ok: true} | {readonly ok: false; readonly pid: number}> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const taken = await takeLock(file);
    if (taken.ok || Date.now() >= deadline) return taken;
    await sleep(25);
  }
}

/** Releases the lock if this process holds it. */
export async function releaseLock(file: string): Promise<void> {
  const holder = await readFile(file, 'utf8').catch(() => '');
  if (holder.trim() === String(process.pid)) await rm(file, {force: true});
}
