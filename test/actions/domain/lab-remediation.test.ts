import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {parse} from 'smol-toml';
import {createHttpPort} from '../../../source/integrations/http.js';
import {createKubeFactory} from '../../../source/integrations/kube.js';
import {mkeGrantPrivileged, mkeRevokePrivileged} from '../../../source/actions/domain/mke-grant.js';
import {kubeAdmissionProbe} from '../../../source/actions/domain/kube-admission.js';
import {kubeApply} from '../../../source/actions/domain/kube-apply.js';
import {kubeDelete} from '../../../source/actions/domain/kube-delete.js';
import type {ActionContext} from '../../../source/actions/types.js';
import {installedWorld, startLab} from '../../helpers/lab.js';
import {fakeContext} from './fakes.js';

// Against the real lab: the real HTTP port (routing https://192.168.123.202 to the lab) and
// the real Kubernetes port; only process and files are fakes.

const lab = await startLab({world: installedWorld({otherGrant: true})});
after(async () => lab.close());

function context(): ActionContext {
  const {ctx} = fakeContext({secrets: {admin_password: 'adminadmin'}, simulated: true});
  return {
    ...ctx,
    ports: {...ctx.ports, http: createHttpPort({labUrl: lab.url}), kube: createKubeFactory()},
  };
}

const runnerSa = 'gitlab-runner-gitlab-runner';
const setup = `apiVersion: v1
kind: Namespace
metadata: {name: gitlab-runner}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${runnerSa}, namespace: gitlab-runner}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ${runnerSa}, namespace: gitlab-runner}
rules: [{apiGroups: [''], resources: ['*'], verbs: ['*']}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${runnerSa}, namespace: gitlab-runner}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${runnerSa}}
subjects: [{kind: ServiceAccount, name: ${runnerSa}, namespace: gitlab-runner}]
`;
const clusterAdmin = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: gitlab-runner-cluster-admin}
subjects: [{kind: ServiceAccount, name: ${runnerSa}, namespace: gitlab-runner}]
roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
`;
const probeArgs = {
  kubeconfig: lab.kubeconfig,
  namespace: 'gitlab-runner',
  requester: `gitlab-runner:${runnerSa}`,
  podServiceAccount: 'default',
};
const grantArgs = {
  url: 'https://192.168.123.202',
  username: 'admin',
  passwordParam: 'admin_password',
  serviceAccounts: [`gitlab-runner:${runnerSa}`, 'gitlab-runner:default'],
};

test('the admission probe fails with the UCPAuthorization diagnosis before any remediation', async () => {
  assert.equal(
    (await kubeApply.run({kubeconfig: lab.kubeconfig, manifest: setup}, context())).ok,
    true,
  );
  const result = await kubeAdmissionProbe.run(probeArgs, context());
  assert.equal(result.ok, false);
  assert.deepEqual(
    result.diagnoses?.map((d) => d.id),
    ['ucp-authorization'],
  );
});

test('remediation 1: the cluster-admin binding lets the probe pass, and deleting it brings the refusal back', async () => {
  assert.equal(
    (await kubeApply.run({kubeconfig: lab.kubeconfig, manifest: clusterAdmin}, context())).ok,
    true,
  );
  assert.equal((await kubeAdmissionProbe.run(probeArgs, context())).ok, true);
  assert.deepEqual(
    await kubeDelete.run({kubeconfig: lab.kubeconfig, manifest: clusterAdmin}, context()),
    {
      ok: true,
      outputs: {deleted: 1},
    },
  );
  assert.equal((await kubeAdmissionProbe.run(probeArgs, context())).ok, false);
});

test('remediation 2: the MKE grant is merged into the lab config, existing entries kept, and the probe then passes', async () => {
  const result = await mkeGrantPrivileged.run(grantArgs, context());
  assert.deepEqual(result, {ok: true, outputs: {changed: true}});
  const config = parse(lab.world.mke.configToml) as {cluster_config: Record<string, unknown>};
  assert.deepEqual(config.cluster_config['priv_attributes_service_accounts'], [
    'system-upgrade:system-upgrade',
    `gitlab-runner:${runnerSa}`,
    'gitlab-runner:default',
  ]);
  assert.deepEqual(config.cluster_config['priv_attributes_allowed_for_service_accounts'], [
    'hostBindMounts',
    'privileged',
  ]);
  assert.equal(config.cluster_config['controller_port'], 443);
  assert.equal((await kubeAdmissionProbe.run(probeArgs, context())).ok, true);
});

test('revoking merges the accounts out and the refusal is back', async () => {
  assert.equal((await mkeRevokePrivileged.run(grantArgs, context())).ok, true);
  const config = parse(lab.world.mke.configToml) as {cluster_config: Record<string, unknown>};
  assert.deepEqual(config.cluster_config['priv_attributes_service_accounts'], [
    'system-upgrade:system-upgrade',
  ]);
  assert.equal((await kubeAdmissionProbe.run(probeArgs, context())).ok, false);
});
