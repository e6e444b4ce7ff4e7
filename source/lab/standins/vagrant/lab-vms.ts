import {z} from 'zod';
import type {LabClient} from '../common/lab-client.js';

/** A VM's state in the lab. */
export type VmState = 'not_created' | 'running' | 'poweroff';

const vmsAnswer = z.object({
  vms: z.record(
    z.string(),
    z.object({
      state: z.enum(['not_created', 'running', 'poweroff']),
      address: z.string(),
      memory: z.number(),
    }),
  ),
  hostOnlyAnyRange: z.boolean(),
});

/** The lab's VMs and whether VirtualBox allows any host-only range. */
export type LabVms = z.infer<typeof vmsAnswer>;

/** Reads the lab's VMs. */
export async function readVms(lab: LabClient): Promise<LabVms> {
  return vmsAnswer.parse(await lab.call('GET', '/_lab/vms'));
}

/** Sets a VM's state (and its address and memory from the Vagrantfile). */
export async function setVm(
  lab: LabClient,
  name: string,
  vm: {readonly state: VmState; readonly address: string; readonly memory: number},
): Promise<void> {
  await lab.call('PUT', `/_lab/vms/${encodeURIComponent(name)}`, vm);
}

/** Removes a VM (destroyed). */
export async function removeVm(lab: LabClient, name: string): Promise<void> {
  await lab.call('DELETE', `/_lab/vms/${encodeURIComponent(name)}`);
}

/** True for an address VirtualBox ≥ 6.1.28 allows by default: 192.168.56.0/21. */
export function inDefaultHostOnlyRange(address: string): boolean {
  const parts = address.split('.').map(Number);
  return (
    parts.length === 4 &&
    parts[0] === 192 &&
    parts[1] === 168 &&
    (parts[2] ?? 0) >= 56 &&
    (parts[2] ?? 0) <= 63
  );
}
