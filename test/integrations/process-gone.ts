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
