import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {createKubeFactory} from '../../source/integrations/kube.js';
import {KubeError, type KubeObject} from '../../source/integrations/kube-port.js';
import {installedWorld, startLab} from '../helpers/lab.js';

const lab = await startLab({world: installedWorld({otherGrant: true})});
after(async () => lab.close());
const kube = await createKubeFactory()(lab.kubeconfig);

const runnerSa = 'gitlab-runner-gitlab-runner';
const privilegedPod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {name: 'probe', namespace: 'gitlab-runner'},
  spec: {
    serviceAccountName: 'default',
    containers: [{name: 'build', image: 'docker:18.09-dind', securityContext: {privileged: true}}],
  },
};

test('reads the lab API server version', async () => {
  assert.match(await kube.version(), /^v1\.20/);
});

test('server-side applies a namespace and a service account, twice without error', async () => {
  for (let round = 0; round < 2; round++) {
    await kube.apply({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'gitlab-runner'}});
    await kube.apply({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {name: runnerSa, namespace: 'gitlab-runner'},
    });
  }
  const sa = await kube.get('v1', 'ServiceAccount', runnerSa, 'gitlab-runner');
  assert.equal(sa?.metadata.name, runnerSa);
  assert.equal(await kube.get('v1', 'ServiceAccount', 'absent', 'gitlab-runner'), undefined);
});

test('a dry-run privileged pod impersonating the runner is refused with MKE words', async () => {
  // The runner may create pods in its namespace (the chart's Role), so only UCPAuthorization refuses.
  await kube.apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: {name: runnerSa, namespace: 'gitlab-runner'},
    rules: [{apiGroups: [''], resources: ['*'], verbs: ['*']}],
  });
  await kube.apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: {name: runnerSa, namespace: 'gitlab-runner'},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: runnerSa},
    subjects: [{kind: 'ServiceAccount', name: runnerSa, namespace: 'gitlab-runner'}],
  });
  await assert.rejects(
    kube.create(privilegedPod, {
      dryRun: true,
      impersonate: `system:serviceaccount:gitlab-runner:${runnerSa}`,
    }),
    (error: unknown) =>
      error instanceof KubeError &&
      error.code === 'forbidden' &&
      error.status === 403 &&
      error.detail.includes(
        `non-admin user "gitlab-runner:${runnerSa}" [service account "gitlab-runner:default"]`,
      ) &&
      error.detail.includes('lack required permissions to use attributes [privileged]'),
  );
  assert.equal(await kube.get('v1', 'Pod', 'probe', 'gitlab-runner'), undefined);
});

test('the same dry run as the MKE admin is admitted and creates nothing', async () => {
  const answer = await kube.create(privilegedPod, {dryRun: true});
  assert.equal(answer.metadata.name, 'probe');
  assert.equal(await kube.get('v1', 'Pod', 'probe', 'gitlab-runner'), undefined);
});

test('waits by watching until a deployment is ready', async () => {
  const seen: string[] = [];
  await kube.apply({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: 'web', namespace: 'gitlab-runner'},
    spec: {
      replicas: 1,
      selector: {matchLabels: {app: 'web'}},
      template: {
        metadata: {labels: {app: 'web'}},
        spec: {containers: [{name: 'web', image: 'nginx'}]},
      },
    },
  });
  const ready = await kube.waitFor(
    'apps/v1',
    'Deployment',
    'web',
    'gitlab-runner',
    (object) => {
      const status = object?.['status'];
      seen.push(JSON.stringify(status ?? null));
      return (
        typeof status === 'object' &&
        status !== null &&
        'readyReplicas' in status &&
        status.readyReplicas === 1
      );
    },
    {description: 'deployment gitlab-runner/web to be ready', timeoutMs: 10_000},
  );
  assert.equal(ready?.metadata.name, 'web');
});

test('lists pods of the namespace and removes an object, then reports it already gone', async () => {
  const pods = await kube.list('v1', 'Pod', 'gitlab-runner');
  assert.ok(pods.length >= 1);
  assert.ok(pods.every((pod) => pod.kind === 'Pod' && pod.apiVersion === 'v1'));
  assert.equal(await kube.remove('apps/v1', 'Deployment', 'web', 'gitlab-runner'), true);
  assert.equal(await kube.remove('apps/v1', 'Deployment', 'web', 'gitlab-runner'), false);
});
