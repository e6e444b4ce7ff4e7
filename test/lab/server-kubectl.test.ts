// The real kubectl as an outside client of the lab's Kubernetes API.
import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {startKubeServer, type KubeServer} from '../helpers/lab.js';

let lab: KubeServer;

before(async () => {
  lab = await startKubeServer();
});

after(async () => {
  await lab.stop();
});

const manifests = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: gitlab-runner-psp
spec:
  privileged: true
  allowPrivilegeEscalation: true
  allowedCapabilities: ['*']
  volumes: ['*']
  hostNetwork: true
  hostIPC: true
  hostPID: true
  runAsUser: {rule: RunAsAny}
  seLinux: {rule: RunAsAny}
  supplementalGroups: {rule: RunAsAny}
  fsGroup: {rule: RunAsAny}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: gitlab-runner-psp
rules:
- apiGroups: ['policy']
  resources: ['podsecuritypolicies']
  verbs: ['use']
  resourceNames: ['gitlab-runner-psp']
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: gitlab-runner-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- kind: ServiceAccount
  name: gitlab-runner-gitlab-runner
  namespace: gitlab-runner
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: gitlab-runner-gitlab-runner
  namespace: gitlab-runner
spec:
  replicas: 1
  selector: {matchLabels: {app: gitlab-runner}}
  template:
    metadata: {labels: {app: gitlab-runner}}
    spec:
      serviceAccountName: gitlab-runner-gitlab-runner
      containers:
      - name: gitlab-runner
        image: gitlab/gitlab-runner:alpine-v14.3.0
        env: [{name: CI_SERVER_URL, value: "https://gitlab.example.com"}]
`;

async function kubectlOk(args: readonly string[]): Promise<string> {
  const result = await lab.kubectl(args);
  assert.equal(result.code, 0, `kubectl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

test('kubectl lists the namespaces', async () => {
  const lines = (await kubectlOk(['get', 'ns'])).trim().split('\n');
  assert.deepEqual(
    lines.map((line) => line.split(/\s+/)[0]),
    ['NAME', 'default', 'kube-system'],
  );
});

test('kubectl creates a namespace (a protobuf body) and reads it back as YAML and JSON', async () => {
  assert.equal(
    await kubectlOk(['create', 'ns', 'gitlab-runner']),
    'namespace/gitlab-runner created\n',
  );
  const yaml = await kubectlOk(['get', 'ns', 'gitlab-runner', '-o', 'yaml']);
  assert.match(yaml, /^apiVersion: v1\nkind: Namespace\nmetadata:\n/);
  assert.match(yaml, /\n {2}name: gitlab-runner\n/);
  assert.match(yaml, /\nstatus:\n {2}phase: Active\n/);
  const json = JSON.parse(await kubectlOk(['get', 'ns', 'gitlab-runner', '-o', 'json'])) as {
    metadata: {name: string; resourceVersion: string};
  };
  assert.equal(json.metadata.name, 'gitlab-runner');
  assert.match(json.metadata.resourceVersion, /^\d+$/);
  const again = await lab.kubectl(['create', 'ns', 'gitlab-runner']);
  assert.deepEqual(
    [again.code, again.stderr.trim()],
    [1, 'Error from server (AlreadyExists): namespaces "gitlab-runner" already exists'],
  );
});

test('kubectl auth can-i follows RBAC for an impersonated service account', async () => {
  const canI = [
    'auth',
    'can-i',
    'create',
    'pods',
    '--as=system:serviceaccount:gitlab-runner:gitlab-runner-gitlab-runner',
    '-n',
    'gitlab-runner',
  ];
  const before = await lab.kubectl(canI);
  assert.deepEqual([before.code, before.stdout.trim()], [1, 'no']);
  const file = path.join(lab.directory, 'remediation.yaml');
  await writeFile(file, manifests);
  assert.equal(
    await kubectlOk(['apply', '-f', file]),
    [
      'podsecuritypolicy.policy/gitlab-runner-psp created',
      'clusterrole.rbac.authorization.k8s.io/gitlab-runner-psp created',
      'clusterrolebinding.rbac.authorization.k8s.io/gitlab-runner-admin created',
      'deployment.apps/gitlab-runner-gitlab-runner created',
      '',
    ].join('\n'),
  );
  const afterBinding = await lab.kubectl(canI);
  assert.deepEqual([afterBinding.code, afterBinding.stdout.trim()], [0, 'yes']);
});

test('kubectl apply of the same file again changes nothing', async () => {
  const file = path.join(lab.directory, 'remediation.yaml');
  const output = await kubectlOk(['apply', '-f', file]);
  assert.deepEqual(
    output
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[1]),
    ['unchanged', 'unchanged', 'unchanged', 'unchanged'],
  );
});

test('kubectl apply of a changed file patches the object', async () => {
  const file = path.join(lab.directory, 'changed.yaml');
  await writeFile(file, manifests.replace('replicas: 1', 'replicas: 2'));
  const output = await kubectlOk(['apply', '-f', file]);
  assert.match(output, /deployment\.apps\/gitlab-runner-gitlab-runner configured/);
  assert.equal(
    await kubectlOk([
      'get',
      'deploy',
      'gitlab-runner-gitlab-runner',
      '-n',
      'gitlab-runner',
      '-o',
      'jsonpath={.spec.replicas}',
    ]),
    '2',
  );
});

test('kubectl apply --server-side takes over the objects', async () => {
  const file = path.join(lab.directory, 'changed.yaml');
  const output = await kubectlOk(['apply', '--server-side', '-f', file]);
  assert.deepEqual(
    output
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[1]),
    Array.from({length: 4}, () => 'serverside-applied'),
  );
  const managers = await kubectlOk([
    'get',
    'clusterrole',
    'gitlab-runner-psp',
    '-o',
    'jsonpath={.metadata.managedFields[*].manager}',
    '--show-managed-fields',
  ]);
  // kubectl moves client-side-apply's fields to its server-side manager by patching managedFields.
  assert.equal(managers, 'kubectl-last-applied kubectl');
});

test('kubectl get all lists the workloads of the namespace', async () => {
  const [header = '', row = ''] = (await kubectlOk(['get', 'all', '-n', 'gitlab-runner']))
    .trim()
    .split('\n');
  assert.deepEqual(header.split(/\s+/), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
  assert.match(row, /^deployment\.apps\/gitlab-runner-gitlab-runner\s+0\/2\s+0\s+0\s+\d+s$/);
});

test('kubectl get psp prints the columns Kubernetes 1.20 prints', async () => {
  const [header = '', row = ''] = (await kubectlOk(['get', 'psp'])).trim().split('\n');
  assert.deepEqual(
    [header.split(/\s+/), row.split(/\s+/)],
    [
      [
        'NAME',
        'PRIV',
        'CAPS',
        'SELINUX',
        'RUNASUSER',
        'FSGROUP',
        'SUPGROUP',
        'READONLYROOTFS',
        'VOLUMES',
      ],
      [
        'gitlab-runner-psp',
        'true',
        '*',
        'RunAsAny',
        'RunAsAny',
        'RunAsAny',
        'RunAsAny',
        'false',
        '*',
      ],
    ],
  );
});

test('kubectl get -w prints a namespace created while it watches, in the same columns', async () => {
  const watching = lab.kubectl(['get', 'ns', '-w', '--request-timeout=2s']);
  setTimeout(
    () => void lab.api.create(lab.system, 'namespaces', undefined, {metadata: {name: 'late'}}),
    700,
  );
  const lines = (await watching).stdout.trim().split('\n');
  assert.deepEqual(lines[0]?.split(/\s+/), ['NAME', 'STATUS', 'AGE']);
  assert.match(lines.at(-1) ?? '', /^late\s+Active\s+\d+s$/);
  assert.equal(lines.filter((line) => line.startsWith('NAME')).length, 1);
});

test('kubectl logs prints a container’s log, whole or its tail', async () => {
  const pod = await lab.api.create(lab.system, 'pods', 'gitlab-runner', {
    metadata: {name: 'runner-1'},
    spec: {
      containers: [
        {name: 'build', image: 'alpine'},
        {name: 'helper', image: 'helper'},
      ],
    },
  });
  lab.store.appendLog('gitlab-runner', pod.metadata.name, 'build', 'one\ntwo\nthree\n');
  assert.equal(
    await kubectlOk(['logs', 'runner-1', '-n', 'gitlab-runner', '-c', 'build']),
    'one\ntwo\nthree\n',
  );
  assert.equal(
    await kubectlOk(['logs', 'runner-1', '-n', 'gitlab-runner', '-c', 'build', '--tail=1']),
    'three\n',
  );
  const unnamed = await lab.kubectl(['logs', 'runner-1', '-n', 'gitlab-runner']);
  assert.deepEqual(
    [unnamed.stdout, unnamed.stderr],
    ['one\ntwo\nthree\n', 'Defaulted container "build" out of: build, helper\n'],
  );
});

test('kubectl delete removes a namespace and what is in it', async () => {
  assert.equal(
    await kubectlOk(['delete', 'ns', 'gitlab-runner']),
    'namespace "gitlab-runner" deleted\n',
  );
  assert.deepEqual(lab.store.list('deployments').items, []);
  const gone = await lab.kubectl(['get', 'ns', 'gitlab-runner']);
  assert.equal(
    gone.stderr.trim(),
    'Error from server (NotFound): namespaces "gitlab-runner" not found',
  );
});
