// How the app, the lab server and the stand-in executables find each other.
// The lab is one local HTTP server per profile (127.0.0.1, a free port). It serves the
// Kubernetes API at its root, MKE's API (/auth/login, /api/ucp/…), GitLab's API
// (/api/v4/…) and a control API for the stand-ins (/_lab/…).

/** Environment variable that tells stand-ins (vagrant, launchpad, helm) where the lab is. */
export const labUrlEnv = 'MKE_RUNBOOK_LAB_URL';

/** Environment variable that scales the lab's simulated durations (1 = realistic-but-short, 0 = instant). */
export const labSpeedEnv = 'MKE_RUNBOOK_LAB_SPEED';

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
};

/**
 * Real addresses the procedure uses, which the app's HTTP integration routes to the lab in
 * simulate mode (host[:port] → lab URL). The lab answers MKE on the manager's address and
 * GitLab on the GitLab URL's host.
 */
export type LabRoutes = Readonly<Record<string, string>>;
