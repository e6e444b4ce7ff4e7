import {readFile} from 'node:fs/promises';
import type {LabOwner} from '../contract.js';
import {processAlive} from './lock.js';

// Which app session a lab belongs to. A pid alone is not enough: after a crash the pid can be
// reused by an unrelated process, which would then look like a live owner forever. So the
// owner is its pid and its start time (Linux: clock ticks since boot, /proc/<pid>/stat field
// 22). Where /proc is missing (macOS) the start time is absent and only the pid is compared.

/** The start time of a process, or undefined when it cannot be read (gone, or no /proc). */
export async function processStart(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

/** This process, as a lab's owner. */
export async function currentOwner(): Promise<LabOwner> {
  const start = await processStart(process.pid);
  return start === undefined ? {pid: process.pid} : {pid: process.pid, start};
}

/** True while the owner's process runs (the same process, not a later one with its pid). */
export async function ownerAlive(owner: LabOwner): Promise<boolean> {
  if (!processAlive(owner.pid)) return false;
  if (owner.start === undefined) return true;
  const start = await processStart(owner.pid);
  // Unreadable while alive: assume it is the owner rather than take a live session's lab.
  return start === undefined || start === owner.start;
}

/** True when both name the same process. */
export function sameOwner(a: LabOwner | undefined, b: LabOwner | undefined): boolean {
  return a !== undefined && b !== undefined && a.pid === b.pid && a.start === b.start;
}
