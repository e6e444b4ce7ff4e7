// How the app, the lab server and the stand-in executables find each other.
// The lab is one local HTTP server per profile (127.0.0.1, a free port). It serves the
// Kubernetes API at its root, MKE's API (/auth/login, /api/ucp/…), GitLab's API
// (/api/v4/…) and a control API for the stand-ins (/_lab/…).

/** Environment variable that tells stand-ins (vagrant, launchpad, helm) where the lab is. */
export const labUrlEnv = 'MKE_RUNBOOK_LAB_URL';

/** Environment variable that scales the lab's simulated durations (1 = realistic-but-short, 0 = instant). */
export const labSpeedEnv = 'MKE_RUNBOOK_LAB_SPEED';

/**
 * Environment variable: how long (ms) a session's lab keeps running after its owner is gone,
 * waiting to be adopted by the next session, before it stops itself (default 15 s).
 */
export const labOrphanGraceEnv = 'MKE_RUNBOOK_LAB_ORPHAN_GRACE_MS';

/** File in the profile's lab directory describing the running server. */
export const labRuntimeFile = 'lab.json';

/** File in the profile's lab directory holding the lab's world (VMs, cluster, MKE, GitLab). */
export const labWorldFile = 'world.json';

/** What `lab.json` holds while a lab runs. */
export type LabRuntime = {
  readonly pid: number;
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Directory with the stand-in executables, to put first on the children's PATH. */
  readonly binDir: string;
  readonly startedAt: string;
  /**
   * The app session that started or adopted the lab, which stops it when it ends. Absent for a
   * lab started by `mke-runbook lab start`: the user's, never stopped implicitly.
   */
  readonly owner?: LabOwner;
};

/** An app process: its pid and, where the system tells, its start time (so a reused pid is not taken for it). */
export type LabOwner = {readonly pid: number; readonly start?: string};

/**
 * Real addresses the procedure uses, which the app's HTTP integration routes to the lab in
 * simulate mode (host[:port] → lab URL). The lab answers MKE on the manager's address and
 * GitLab on the GitLab URL's host.
 */
export type LabRoutes = Readonly<Record<string, string>>;
