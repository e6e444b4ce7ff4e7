import {readFileSync} from 'node:fs';

/** True when a process no longer runs: gone, or a zombie nobody reaped (PID 1 in a container may not). */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }

  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? false;
  } catch {
    return true;
  }
}

/** A child that prints "<its pid> <its child's pid>"; the grandchild ignores SIGTERM. */
export const familyScript =
  'const c = require("child_process").spawn(process.execPath, ["-e", "process.on(\'SIGTERM\', () => {}); setInterval(() => {}, 1000)"], {stdio: "ignore"}); console.log(process.pid + " " + c.pid); setInterval(() => {}, 1000);';

/** Waits a moment, then says whether each of `pids` is gone. */
export async function allGone(pids: readonly number[]): Promise<boolean[]> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.map((pid) => isGone(pid));
}
