import {rm} from 'node:fs/promises';
import {withClaim} from './claim.js';
import {ownerAlive} from './owner.js';
import {readRuntime} from './runtime-file.js';

// Inside the lab server: a session killed with SIGKILL cannot stop its lab, and the next
// session may never come. So the server looks at its owner (read from lab.json each time,
// so an adoption is seen) every few seconds, and once the owner has been gone for the whole
// grace period — long enough for a restarted session to adopt the lab — it stops itself.
// A lab with no owner (`lab start`) is never stopped this way.

/** Calls `orphaned` once the lab's owner has been gone for `graceMs`; `stop` ends the watch. */
export function watchOwner(options: {
  readonly runtimeFile: string;
  readonly claimFile: string;
  readonly graceMs: number;
  readonly orphaned: () => void;
}): {readonly stop: () => void} {
  const everyMs = Math.max(50, Math.min(2000, options.graceMs / 4));
  let goneSince: number | undefined;
  let timer: NodeJS.Timeout | undefined;

  const ownerGone = async (): Promise<boolean> => {
    const runtime = await readRuntime(options.runtimeFile);
    return runtime?.owner !== undefined && !(await ownerAlive(runtime.owner));
  };

  const tick = async (): Promise<void> => {
    if (!(await ownerGone())) {
      goneSince = undefined;
      return;
    }

    goneSince ??= Date.now();
    if (Date.now() - goneSince < options.graceMs) return;
    // Decided under the claim a session adopts under: either it adopted the lab first, or
    // lab.json is gone before it looks and it starts a lab of its own.
    const orphaned = await withClaim(options.claimFile, async () => {
      if (!(await ownerGone())) return false;
      await rm(options.runtimeFile, {force: true});
      return true;
    });
    if (orphaned) {
      timer = undefined;
      options.orphaned();
    } else {
      goneSince = undefined;
    }
  };

  const schedule = (): void => {
    timer = setTimeout(() => {
      void tick()
        .catch(() => undefined)
        .then(() => {
          if (timer) schedule();
        });
    }, everyMs);
    timer.unref();
  };

  schedule();
  return {
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
