import type {LabRuntime} from '../lab/contract.js';

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
  const runtime = await lifecycle.startLab(options);
  return {
    runtime,
    async release() {
      await lifecycle.stopLab(options);
    },
  };
}
