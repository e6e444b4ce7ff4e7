// @kubernetes/client-node, as the runbook's integrations use it, against the lab.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {startKubeServer, type KubeServer} from '../helpers/lab.js';

let lab: KubeServer;
let config: KubeConfig;

before(async () => {
  lab = await startKubeServer({
    admission: [
      {
        name: 'FakeUcpAuthorization',
        admit(request) {
          const privileged = JSON.stringify(request.object['spec'] ?? {}).includes(
            '"privileged":true',
          );
          if (request.resource !== 'pods' || !privileged || request.user.mkeAdmin)
            return {allowed: true};
          return {
            allowed: false,
            code: 403,
            reason: 'Forbidden',
            message: `pods "${request.object.metadata.name}" is forbidden: lack required permissions to use attributes [privileged]`,
          };
        },
      },
    ],
  });
  config = new KubeConfig();
  config.loadFromFile(lab.kubeconfig);
  await lab.api.create(lab.system, 'namespaces', undefined, {metadata: {name: 'gitlab-runner'}});
  await lab.api.create(lab.system, 'clusterrolebindings', undefined, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: {name: 'runner-admin'},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin'},
    subjects: [{kind: 'ServiceAccount', name: 'gitlab-runner', namespace: 'gitlab-runner'}],
  });
});

after(async () => {
  await lab.stop();
});

const buildPod = {
  metadata: {generateName: 'runner-abcd1234-project-1-concurrent-0'},
  spec: {containers: [{name: 'build', image: 'alpine', securityContext: {privileged: true}}]},
};

test('an impersonated service account gets the admission refusal as a 403 Status, also in a dry run', async () => {
  const core = config.makeApiClient(CoreV1Api);
  const asRunner = setHeaderOptions(
    'Impersonate-User',
    'system:serviceaccount:gitlab-runner:gitlab-runner',
  );
  for (const dryRun of [undefined, 'All'] as const) {
    await assert.rejects(
      core.createNamespacedPod(
        {namespace: 'gitlab-runner', body: buildPod, ...(dryRun ? {dryRun} : {})},
        asRunner,
      ),
      (error: unknown) => {
        assert.ok(error instanceof ApiException);
        assert.equal(error.code, 403);
        const body: unknown = JSON.parse(String(error.body));
        assert.match(
          (body as {message: string}).message,
          /^pods "runner-abcd1234-project-1-concurrent-0[a-z\d]{5}" is forbidden: lack required permissions to use attributes \[privileged\]$/,
        );
        return true;
      },
    );
  }

  assert.deepEqual(lab.store.list('pods').items, []);
});

test('the admin creates the same pod, and reads it back typed', async () => {
  const core = config.makeApiClient(CoreV1Api);
  const created = await core.createNamespacedPod({namespace: 'gitlab-runner', body: buildPod});
  const read = await core.readNamespacedPod({
    namespace: 'gitlab-runner',
    name: created.metadata?.name ?? '',
  });
  assert.equal(read.spec?.serviceAccountName, 'default');
  assert.equal(read.status?.phase, 'Pending');
});

test('server-side apply through KubernetesObjectApi creates a PodSecurityPolicy found by discovery', async () => {
  const objects = KubernetesObjectApi.makeApiClient(config);
  const psp = {
    apiVersion: 'policy/v1beta1',
    kind: 'PodSecurityPolicy',
    metadata: {name: 'gitlab-runner-psp'},
    spec: {
      privileged: true,
      seLinux: {rule: 'RunAsAny'},
      runAsUser: {rule: 'RunAsAny'},
      supplementalGroups: {rule: 'RunAsAny'},
      fsGroup: {rule: 'RunAsAny'},
    },
  };
  await objects.patch(
    psp,
    undefined,
    undefined,
    'mke-runbook',
    true,
    PatchStrategy.ServerSideApply,
  );
  const stored = lab.store.get('podsecuritypolicies', undefined, 'gitlab-runner-psp');
  assert.equal((stored?.['spec'] as {privileged?: boolean} | undefined)?.privileged, true);
});

test('a client-node Watch sees a pod being added', async () => {
  const watch = new Watch(config);
  const seen: string[] = [];
  const done = new Promise<void>((resolve) => {
    void watch
      .watch(
        '/api/v1/namespaces/gitlab-runner/pods',
        {resourceVersion: lab.store.resourceVersion()},
        (phase: string, object: {metadata?: {name?: string}}) => {
          seen.push(`${phase} ${object.metadata?.name ?? ''}`);
          resolve();
        },
        () => undefined,
      )
      .then((controller) => {
        void done.then(() => controller.abort());
      });
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  await lab.api.create(lab.system, 'pods', 'gitlab-runner', {
    metadata: {name: 'watched'},
    spec: {containers: [{name: 'c', image: 'alpine'}]},
  });
  await done;
  assert.deepEqual(seen, ['ADDED watched']);
});
