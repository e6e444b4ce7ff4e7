// The simulated lab, composed in the benchmark's process the way source/lab/server-main.ts
// composes it, and registered as a profile's running lab (lab.json), so the bundled CLI finds
// it as it finds a lab started by `mke-runbook lab start`. In-process, a benchmark can read the
// lab's objects and hook its store.
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {assembleLab, type AssembledLab} from '../../source/lab/assemble.js';
import {createControlRoute} from '../../source/lab/control/routes.js';
import {createFaultBook} from '../../source/lab/control/faults.js';
import {defaultWorld} from '../../source/lab/process/default-world.js';
import {labPaths} from '../../source/lab/process/paths.js';
import {loadOrCreateTls} from '../../source/lab/process/tls-files.js';
import type {LabRuntime} from '../../source/lab/contract.js';
import type {LabMiddleware, LabWorld} from '../../source/lab/types.js';

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

/** A lab serving one profile of a state directory. */
export type BenchLab = {
  readonly world: LabWorld;
  readonly lab: AssembledLab;
  readonly url: string;
  /** The lab's certificate (it is its own CA). */
  readonly certPem: string;
  readonly close: () => Promise<void>;
};

/** Starts the lab (simulated delays scaled by `speed`) for `profile` under `stateDir`. */
export async function startBenchLab(
  stateDir: string,
  profile: string,
  speed: number,
  middleware: readonly LabMiddleware[] = [],
): Promise<BenchLab> {
  const paths = labPaths(stateDir, profile);
  await mkdir(paths.home, {recursive: true, mode: 0o700});
  const world = defaultWorld();
  let resetCluster = () => {};
  const control = createControlRoute({
    world,
    faults: createFaultBook(),
    changed() {},
    resetCluster: () => resetCluster(),
  });
  const tls = await loadOrCreateTls(paths.dir);
  const lab = await assembleLab({
    world,
    objects: undefined,
    routes: [control],
    speed,
    tls,
    middleware,
  });
  resetCluster = lab.resetCluster;
  const {url, port} = await lab.listen(0);
  const runtime: LabRuntime = {
    pid: process.pid,
    port,
    url,
    binDir: path.join(dist, 'lab-bin'),
    startedAt: new Date().toISOString(),
  };
  await writeFile(paths.runtimeFile, JSON.stringify(runtime));
  return {world, lab, url, certPem: tls.cert, close: async () => lab.close()};
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
