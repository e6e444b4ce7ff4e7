// The simulated lab, composed in the test process the way source/lab/server-main.ts composes
// it (control API + the assembled lab), and registered as the profile's running lab through
// lab.json, so the CLI under test finds it as it finds a lab started by `mke-runbook lab start`.
// Running it in-process lets the test read the lab's world and objects directly.
import {mkdir, writeFile} from 'node:fs/promises';
import {assembleLab, type AssembledLab} from '../../source/lab/assemble.js';
import {createControlRoute} from '../../source/lab/control/routes.js';
import {createFaultBook} from '../../source/lab/control/faults.js';
import {defaultWorld} from '../../source/lab/process/default-world.js';
import {labPaths} from '../../source/lab/process/paths.js';
import {locateLabProgram, writeSourceWrappers} from '../../source/lab/process/locate.js';
import {loadOrCreateTls} from '../../source/lab/process/tls-files.js';
import type {LabRuntime} from '../../source/lab/contract.js';
import type {LabObject, LabWorld} from '../../source/lab/types.js';

/** A lab serving one profile of a state directory. */
export type InProcessLab = {
  readonly world: LabWorld;
  readonly lab: AssembledLab;
  readonly url: string;
  /** Objects of a kind (plural resource name) in the lab's store. */
  readonly objects: (plural: string, namespace?: string) => LabObject[];
  readonly close: () => Promise<void>;
};

/** Starts the lab for `profile` under `stateDir`. */
export async function startInProcessLab(
  stateDir: string,
  profile: string,
  chartEra: LabWorld['chartEra'],
): Promise<InProcessLab> {
  const paths = labPaths(stateDir, profile);
  await mkdir(paths.home, {recursive: true, mode: 0o700});
  const world = defaultWorld();
  world.chartEra = chartEra;
  let resetCluster = () => {};
  const control = createControlRoute({
    world,
    faults: createFaultBook(),
    changed() {},
    resetCluster: () => resetCluster(),
  });
  // HTTPS with the profile's certificate, as server-main serves it.
  const tls = await loadOrCreateTls(paths.dir);
  const lab = await assembleLab({world, objects: undefined, routes: [control], speed: 0, tls});
  resetCluster = lab.resetCluster;
  const {url, port} = await lab.listen(0);
  const program = locateLabProgram();
  const binDir = program.distBinDir ?? paths.sourceBinDir;
  if (program.fromSource) await writeSourceWrappers(program.root, binDir);
  const runtime: LabRuntime = {
    pid: process.pid,
    port,
    url,
    binDir,
    startedAt: new Date().toISOString(),
  };
  await writeFile(paths.runtimeFile, JSON.stringify(runtime));
  return {
    world,
    lab,
    url,
    objects: (plural, namespace) => lab.store.list(plural, namespace).items,
    close: async () => lab.close(),
  };
}
