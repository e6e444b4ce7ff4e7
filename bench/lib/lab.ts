// The simulated lab in the benchmark's process, registered as a profile's running lab
// (lab.json), so the bundled CLI finds it as it finds a lab started by `mke-runbook lab start`.
// In-process, a benchmark can read the lab's objects and hook its store. The same composition
// the tests use (test/helpers/lab.ts).
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {LabMiddleware} from '../../source/lab/types.js';
import {freshWorld, startLab, type TestLab} from '../../test/helpers/lab.js';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));

/** The repository root. */
export const repoRoot = root;

// MKE_RUNBOOK_BENCH_DIST names another build of dist/ (inside the repository, so the bundle
// still finds package.json), for measuring while someone else rebuilds dist/.
const dist = process.env['MKE_RUNBOOK_BENCH_DIST'] ?? path.join(root, 'dist');

/** The bundled CLI (`npm run build` first). */
export const cliPath = path.join(dist, 'cli.js');

/** The procedure's runbook. */
export const procedureRunbook = path.join(root, 'runbooks/mke-gitlab-runner.yaml');

/** The secrets a headless run of the procedure reads from the environment (made-up values). */
export const benchSecrets: Readonly<Record<string, string>> = {
  MKE_ADMIN_PASSWORD: 'adminadmin',
  GITLAB_RUNNER_TOKEN: 'glrt-benchrunnertoken0001',
  GITLAB_API_TOKEN: 'glpat-bench-api-token',
};

/** A lab serving one profile of a state directory (test/helpers/lab.ts composes it). */
export type BenchLab = TestLab & {readonly certPem: string};

/** Starts a new lab (simulated delays scaled by `speed`) as `profile`'s running lab under `stateDir`. */
export async function startBenchLab(
  stateDir: string,
  profile: string,
  speed: number,
  middleware: readonly LabMiddleware[] = [],
): Promise<BenchLab> {
  const lab = await startLab({
    world: freshWorld(),
    profile: {stateDir, name: profile, binDir: path.join(dist, 'lab-bin')},
    speed,
    middleware,
  });
  return {...lab, certPem: lab.certPem ?? ''};
}

/** The environment the bundled CLI runs in: a temp HOME, no colour, the secrets, an instant lab. */
export function benchEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...benchSecrets,
    HOME: home,
    NO_COLOR: '1',
    LANG: 'C',
    MKE_RUNBOOK_LAB_SPEED: '0',
  };
  delete env['MKE_RUNBOOK_HOME'];
  delete env['FORCE_COLOR'];
  return env;
}
