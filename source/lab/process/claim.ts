import {setTimeout as sleep} from 'node:timers/promises';
import {releaseLock, takeLock} from './lock.js';

// A lock held for the few milliseconds it takes to read a lab's owner and write a new one, so
// that reading "the owner is gone" and taking the lab over happen as one step: of two
// sessions that find the same orphan, one adopts it and the other sees it owned.

/** Runs `work` holding the claim file; a holder that died is taken over (lock.ts). */
export async function withClaim<T>(
  file: string,
  work: () => Promise<T>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const taken = await takeLock(file);
    if (taken.ok) break;
    if (Date.now() > deadline) {
      throw new Error(`the lab's claim file \`${file}\` stayed held by pid ${taken.pid}`);
    }

    await sleep(10);
  }

  try {
    return await work();
  } finally {
    await releaseLock(file);
  }
}
