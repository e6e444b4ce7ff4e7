import type {LabOwner, LabRuntime} from './contract.js';
import type {LabTarget} from './lifecycle.js';
import {withClaim} from './process/claim.js';
import {processAlive} from './process/lock.js';
import {ownerAlive, sameOwner} from './process/owner.js';
import {labPaths} from './process/paths.js';
import {readRuntime, writeRuntime} from './process/runtime-file.js';

// Who stops a lab. A session stops the lab it owns when it ends: the one it started, or one
// it adopted because the session that owned it was killed (SIGKILL leaves no chance to stop
// it). A lab with no owner was started by `mke-runbook lab start` and is the user's; a lab
// whose owner still runs belongs to that session. Neither is ever stopped implicitly.

/** What `adoptLab` found: now ours, still someone else's (or the user's), or no lab at all. */
export type Adoption =
  | {readonly kind: 'ours'; readonly runtime: LabRuntime}
  | {readonly kind: 'kept'; readonly runtime: LabRuntime}
  | {readonly kind: 'gone'};

/** Makes `owner` the owner of the profile's running lab if the session that owned it is gone. */
export async function adoptLab(target: LabTarget, owner: LabOwner): Promise<Adoption> {
  const paths = labPaths(target.stateDir, target.profile);
  return withClaim(paths.claimFile, async () => {
    const runtime = await readRuntime(paths.runtimeFile);
    if (!runtime || !processAlive(runtime.pid)) return {kind: 'gone'};
    if (runtime.owner === undefined) return {kind: 'kept', runtime};
    if (sameOwner(runtime.owner, owner)) return {kind: 'ours', runtime};
    if (await ownerAlive(runtime.owner)) return {kind: 'kept', runtime};
    const adopted: LabRuntime = {...runtime, owner};
    await writeRuntime(paths.runtimeFile, adopted);
    return {kind: 'ours', runtime: adopted};
  });
}

/** True when the profile's lab names `owner` as its owner. */
export async function ownsLab(target: LabTarget, owner: LabOwner): Promise<boolean> {
  const runtime = await readRuntime(labPaths(target.stateDir, target.profile).runtimeFile);
  return sameOwner(runtime?.owner, owner);
}

/** Makes the profile's running lab the user's (as `lab start` does): no session stops it. */
export async function keepLab(target: LabTarget): Promise<LabRuntime | undefined> {
  const paths = labPaths(target.stateDir, target.profile);
  return withClaim(paths.claimFile, async () => {
    const runtime = await readRuntime(paths.runtimeFile);
    if (runtime?.owner === undefined) return runtime;
    const {owner: _dropped, ...kept} = runtime;
    await writeRuntime(paths.runtimeFile, kept);
    return kept;
  });
}
