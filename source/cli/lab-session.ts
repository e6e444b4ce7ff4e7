import {RunbookError} from '../engine/errors.js';
import type {LabRuntime} from '../lab/contract.js';

// Generous: from source (tsx) on a busy machine the server takes seconds to compile.
const startTimeoutMs = 60_000;

/** Starts the profile's lab, turning a failure into a message with what to try. */
export async function startLabOrExplain(target: {
  readonly stateDir: string;
  readonly profile: string;
}): Promise<LabRuntime> {
  const {startLab} = await import('../lab/lifecycle.js');
  try {
    return await startLab(target, {timeoutMs: startTimeoutMs});
  } catch (error) {
    throw new RunbookError(
      'lab-failed',
      error instanceof Error ? error.message : String(error),
      'look at the lab log named above; `mke-runbook lab stop` then `mke-runbook lab start` starts it afresh',
    );
  }
}

/** A lab in use by one command: stopped at the end only if this command started it. */
export type LabSession = {
  readonly runtime: LabRuntime;
  readonly release: () => Promise<void>;
};

/** Uses the profile's running lab, or starts one (and stops it again on release). */
export async function openLabSession(options: {
  readonly stateDir: string;
  readonly profile: string;
}): Promise<LabSession> {
  const lifecycle = await import('../lab/lifecycle.js');
  const running = await lifecycle.labStatus(options);
  if (running) return {runtime: running, release: async () => {}};
  const runtime = await startLabOrExplain(options);
  return {
    runtime,
    async release() {
      await lifecycle.stopLab(options);
    },
  };
}
