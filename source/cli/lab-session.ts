import {wordedError} from '../engine/errors.js';
import {cliWords} from './cli-words.js';
import type {LabOwner, LabRuntime} from '../lab/contract.js';

// Generous: from source (tsx) on a busy machine the server takes seconds to compile.
const startTimeoutMs = 60_000;

/** Starts the profile's lab, turning a failure into a message with what to try. */
export async function startLabOrExplain(
  target: {readonly stateDir: string; readonly profile: string},
  owner?: LabOwner,
): Promise<LabRuntime> {
  const {startLab} = await import('../lab/lifecycle.js');
  try {
    return await startLab(target, {timeoutMs: startTimeoutMs, ...(owner ? {owner} : {})});
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error);
    throw wordedError('lab-failed', (lang) => cliWords(lang).labFailed(said));
  }
}

/** A lab in use by one command: stopped at the end only if this command owns it. */
export type LabSession = {
  readonly runtime: LabRuntime;
  readonly release: () => Promise<void>;
};

/**
 * Uses the profile's running lab, or starts one. The session owns the lab it starts and one
 * it adopts from a session that was killed; it stops the lab on release if it still owns it.
 * A lab from `lab start`, or one a live session owns, is left running.
 */
export async function openLabSession(target: {
  readonly stateDir: string;
  readonly profile: string;
}): Promise<LabSession> {
  const [lifecycle, ownership, {currentOwner}] = await Promise.all([
    import('../lab/lifecycle.js'),
    import('../lab/ownership.js'),
    import('../lab/process/owner.js'),
  ]);
  const owner = await currentOwner();
  const release = async (): Promise<void> => {
    if (await ownership.ownsLab(target, owner)) await lifecycle.stopLab(target);
  };

  if (await lifecycle.labStatus(target)) {
    const found = await ownership.adoptLab(target, owner);
    if (found.kind === 'ours') return {runtime: found.runtime, release};
    if (found.kind === 'kept') return {runtime: found.runtime, release: async () => {}};
  }

  return {runtime: await startLabOrExplain(target, owner), release};
}
