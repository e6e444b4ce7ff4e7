import {test} from 'node:test';
import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import {loadRunbook} from '../../source/runbook/load.js';
import {defaultRegistry} from '../../source/actions/default-registry.js';
import {createRegistry, type RegisteredAction, type RegisteredProbe, type Registry} from '../../source/actions/registry.js';

// The domain actions and probes of docs/actions.md. Where the real one is registered, its
// own argument schema checks the runbook; until then a stand-in that accepts any
// arguments lets the loader check everything else (names, templates, params, assets).
const domainActions = [
  'preflight.check',
  'kube.findKubeconfig',
  'kube.apply',
  'kube.delete',
  'kube.waitReady',
  'kube.runnerServiceAccount',
  'kube.runnerTokenSecret',
  'kube.admissionProbe',
  'values.prepare',
  'mke.grantPrivileged',
  'mke.revokePrivileged',
  'gitlab.runPipeline',
  'diagnose.job',
];
const domainProbes = [
  'vagrant.allRunning',
  'mke.loginWorks',
  'kube.reachable',
  'kube.exists',
  'kube.absent',
  'kube.runnerReady',
  'helm.releaseDeployed',
  'values.prepared',
  'mke.privilegeGranted',
];

const accept = () => ({ok: true}) as const;
const unused = async () => {
  throw new Error('not run in this test');
};

function registryWithStandIns(): Registry {
  const real = defaultRegistry();
  const actions: RegisteredAction[] = [...real.actions.values()];
  const probes: RegisteredProbe[] = [...real.probes.values()];
  for (const name of domainActions) {
    if (!real.actions.has(name)) actions.push({name, check: accept, describe: async () => [], run: unused});
  }

  for (const name of domainProbes) {
    if (!real.probes.has(name)) probes.push({name, check: accept, run: unused});
  }

  return createRegistry(actions, probes);
}

for (const file of ['mke-gitlab-runner.yaml', 'teardown.yaml']) {
  test(`the loader accepts runbooks/${file}`, async () => {
    const path = fileURLToPath(new URL(`../../runbooks/${file}`, import.meta.url));
    const runbook = await loadRunbook(path, {registry: registryWithStandIns()});
    assert.ok(runbook.steps.length > 5);
  });
}

test('the main runbook names only the actions and probes of docs/actions.md and the generic ones', async () => {
  const path = fileURLToPath(new URL('../../runbooks/mke-gitlab-runner.yaml', import.meta.url));
  const runbook = await loadRunbook(path, {registry: registryWithStandIns()});
  const remediation = runbook.steps.find((step) => step.id === 'remediation');
  assert.equal(remediation?.kind, 'choice');
  assert.deepEqual(
    remediation?.kind === 'choice' ? remediation.branches.map((branch) => branch.steps.map((step) => step.id)) : [],
    [['cluster-admin-binding'], ['psp-objects', 'mke-grant']],
  );
});
