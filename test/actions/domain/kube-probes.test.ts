import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  kubeAbsent,
  kubeExists,
  kubeReachable,
  kubeReady,
} from '../../../source/actions/domain/kube-probes.js';
import {kubeWaitReady} from '../../../source/actions/domain/kube-wait-ready.js';
import {kubeFindKubeconfig} from '../../../source/actions/domain/kube-find-kubeconfig.js';
import {helmReleaseDeployed} from '../../../source/actions/domain/helm-release-deployed.js';
import {readiness} from '../../../source/actions/domain/readiness.js';
import {KubeError, type KubeObject} from '../../../source/integrations/kube-port.js';
import {fakeContext, fakeFiles, fakeKube, fakeProcess} from './fakes.js';

const binding: KubeObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: {name: 'gitlab-runner-cluster-admin'},
};
const ref = {
  kubeconfig: '/b/kube.yml',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  name: 'gitlab-runner-cluster-admin',
};

test('exists and absent answer from the cluster', async () => {
  const present = fakeContext({kube: fakeKube([binding]).port}).ctx;
  const gone = fakeContext({kube: fakeKube().port}).ctx;
  assert.deepEqual(
    [
      (await kubeExists.run(ref, present)).holds,
      (await kubeAbsent.run(ref, present)).holds,
      (await kubeExists.run(ref, gone)).holds,
      (await kubeAbsent.run(ref, gone)).holds,
    ],
    [true, false, false, true],
  );
});

test('an unreachable cluster makes every probe not hold, with the reason', async () => {
  const kube = fakeKube([], {
    async version() {
      throw new KubeError(
        'unreachable',
        'GET /version: the API server did not answer (ECONNREFUSED)',
        'ECONNREFUSED',
      );
    },
    async get() {
      throw new KubeError(
        'unreachable',
        'get: the API server did not answer (ECONNREFUSED)',
        'ECONNREFUSED',
      );
    },
  });
  const {ctx} = fakeContext({kube: kube.port});
  assert.deepEqual(await kubeReachable.run({kubeconfig: '/b/kube.yml'}, ctx), {
    holds: false,
    detail: 'GET /version: the API server did not answer (ECONNREFUSED)',
  });
  assert.equal((await kubeAbsent.run(ref, ctx)).holds, false);
});

test('readiness of deployments, pods and namespaces', () => {
  const deployment = (status: object, generation = 1): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: 'd', generation},
    spec: {replicas: 1},
    status,
  });
  assert.deepEqual(
    [
      readiness('Deployment', deployment({readyReplicas: 1, observedGeneration: 1})),
      readiness('Deployment', deployment({readyReplicas: 1, observedGeneration: 1}, 2)),
      readiness('Deployment', deployment({})),
      readiness('Deployment', undefined),
      readiness('Pod', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {name: 'p'},
        status: {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}]},
      }),
      readiness('Namespace', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {name: 'n'},
        status: {phase: 'Terminating'},
      }),
    ],
    [
      {ready: true, seen: '1/1 ready'},
      {ready: false, seen: '1/1 ready'},
      {ready: false, seen: '0/1 ready'},
      {ready: false, seen: 'not found'},
      {ready: true, seen: 'Running, Ready'},
      {ready: false, seen: 'Terminating'},
    ],
  );
});

test('waitReady reports a timeout with a hint to look at the pods', async () => {
  const {ctx} = fakeContext({kube: fakeKube().port});
  const result = await kubeWaitReady.run(
    {
      kubeconfig: '/b/kube.yml',
      kind: 'Deployment',
      name: 'gitlab-runner',
      namespace: 'gitlab-runner',
      timeout: '1s',
    },
    ctx,
  );
  assert.deepEqual(result.ok ? undefined : [result.error.code, result.error.hint], [
    'timeout',
    'look at the pods: kubectl -n gitlab-runner get pods, and their events',
  ]);
  const ready = fakeKube([
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {name: 'gitlab-runner', namespace: 'gitlab-runner'},
      spec: {replicas: 1},
      status: {readyReplicas: 1},
    },
  ]);
  const ok = await kubeWaitReady.run(
    {
      kubeconfig: '/b/kube.yml',
      kind: 'Deployment',
      name: 'gitlab-runner',
      namespace: 'gitlab-runner',
    },
    fakeContext({kube: ready.port}).ctx,
  );
  assert.equal(ok.ok, true);
});

test('finds kube.yml in the bundle directory, or says to run client-config', async () => {
  const files = fakeFiles({
    '/home/user/.mirantis-launchpad/cluster/my-mke-cluster/bundle/admin/kube.yml': 'x',
  });
  const {ctx} = fakeContext({files: files.port});
  const found = await kubeFindKubeconfig.run(
    {bundleDir: '/home/user/.mirantis-launchpad/cluster/my-mke-cluster/bundle/admin'},
    ctx,
  );
  assert.deepEqual(found.ok ? found.outputs : undefined, {
    kubeconfig: '/home/user/.mirantis-launchpad/cluster/my-mke-cluster/bundle/admin/kube.yml',
  });
  const missing = await kubeFindKubeconfig.run({bundleDir: '/nowhere'}, ctx);
  assert.match(missing.ok ? '' : (missing.error.hint ?? ''), /launchpad client-config/);
});

test('helm.releaseDeployed reads helm status JSON and passes the kubeconfig through the environment', async () => {
  const process = fakeProcess({
    helm: () => ({
      lines: [
        JSON.stringify({
          name: 'gitlab-runner',
          info: {status: 'deployed'},
          version: 2,
          namespace: 'gitlab-runner',
        }),
      ],
    }),
  });
  const {ctx} = fakeContext({process: process.port});
  const probe = await helmReleaseDeployed.run(
    {release: 'gitlab-runner', namespace: 'gitlab-runner', kubeconfig: '/b/kube.yml'},
    ctx,
  );
  assert.deepEqual(probe, {
    holds: true,
    detail: 'release gitlab-runner: deployed (revision 2)',
    outputs: {revision: 2},
  });
  assert.deepEqual(process.runs[0]?.args, [
    'status',
    'gitlab-runner',
    '-n',
    'gitlab-runner',
    '-o',
    'json',
  ]);
  assert.deepEqual(process.runs[0]?.options?.env, {KUBECONFIG: '/b/kube.yml'});
  const failed = fakeProcess({helm: () => ({lines: ['Error: release: not found'], exitCode: 1})});
  assert.deepEqual(
    await helmReleaseDeployed.run(
      {release: 'gitlab-runner', namespace: 'gitlab-runner'},
      fakeContext({process: failed.port}).ctx,
    ),
    {holds: false, detail: 'Error: release: not found'},
  );
});

test('kube.ready says what it saw', async () => {
  const kube = fakeKube([
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {name: 'gitlab-runner', namespace: 'gitlab-runner'},
      spec: {replicas: 1},
      status: {readyReplicas: 0},
    },
  ]);
  const {ctx} = fakeContext({kube: kube.port});
  assert.deepEqual(
    await kubeReady.run(
      {
        kubeconfig: '/b/kube.yml',
        kind: 'Deployment',
        name: 'gitlab-runner',
        namespace: 'gitlab-runner',
      },
      ctx,
    ),
    {holds: false, detail: 'deployment gitlab-runner: 0/1 ready'},
  );
});

test("probes say what they saw in the run's language, the tools' words kept", async () => {
  const detail = async (lang: 'en' | 'ja') => {
    const present = {...fakeContext({kube: fakeKube([binding]).port}).ctx, lang};
    const gone = {...fakeContext({kube: fakeKube().port}).ctx, lang};
    return [
      (await kubeExists.run(ref, present)).detail,
      (await kubeExists.run(ref, gone)).detail,
      (await kubeAbsent.run(ref, present)).detail,
      (await kubeReachable.run({kubeconfig: '/b/kube.yml'}, present)).detail,
    ];
  };
  const version = (await fakeKube().port.version()) ?? '';
  assert.deepEqual(await detail('en'), [
    'ClusterRoleBinding gitlab-runner-cluster-admin exists',
    'ClusterRoleBinding gitlab-runner-cluster-admin does not exist',
    'ClusterRoleBinding gitlab-runner-cluster-admin still exists',
    `the API server answers (${version})`,
  ]);
  assert.deepEqual(await detail('ja'), [
    'ClusterRoleBinding gitlab-runner-cluster-admin はあります',
    'ClusterRoleBinding gitlab-runner-cluster-admin はありません',
    'ClusterRoleBinding gitlab-runner-cluster-admin はまだあります',
    `API サーバーが応答します(${version})`,
  ]);
});
