import assert from 'node:assert/strict';
import {test} from 'node:test';
import {createKubeApi} from '../../../source/lab/kube/api.js';
import {adminUser, serviceAccountUser} from '../../../source/lab/kube/auth.js';
import {KubeStatusError, type KubeStatus} from '../../../source/lab/kube/status.js';
import {createStore} from '../../../source/lab/kube/store.js';
import type {AdmissionPlugin, AdmissionRequest, LabObject} from '../../../source/lab/types.js';

const admin = adminUser();
const runner = serviceAccountUser('gitlab-runner', 'gitlab-runner');

// A stand-in for UCPAuthorization: refuses privileged containers for non-admins.
function noPrivileged(seen: AdmissionRequest[] = []): AdmissionPlugin {
  return {
    name: 'NoPrivileged',
    admit(request) {
      seen.push(request);
      const text = JSON.stringify(request.object);
      if (request.user.mkeAdmin || !text.includes('"privileged":true')) return {allowed: true};
      return {
        allowed: false,
        code: 403,
        reason: 'Forbidden',
        message: `pods "${request.object.metadata.name}" is forbidden: privileged is not allowed`,
      };
    },
  };
}

function setup(admission: AdmissionPlugin[] = []) {
  const store = createStore();
  const api = createKubeApi({store, admission});
  const add = (resource: string, object: LabObject) => store.create(resource, object);
  add('namespaces', {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'gitlab-runner'}});
  add('roles', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: {name: 'pods', namespace: 'gitlab-runner'},
    rules: [{apiGroups: [''], resources: ['pods'], verbs: ['create', 'get']}],
  });
  add('rolebindings', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: {name: 'pods', namespace: 'gitlab-runner'},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pods'},
    subjects: [{kind: 'ServiceAccount', name: 'gitlab-runner', namespace: 'gitlab-runner'}],
  });
  return {store, api};
}

function buildPod(privileged: boolean): LabObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {name: '', generateName: 'runner-abc-project-1-concurrent-0'},
    spec: {containers: [{name: 'build', image: 'alpine', securityContext: {privileged}}]},
  };
}

async function status(promise: Promise<unknown>): Promise<KubeStatus> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KubeStatusError) return error.status;
    throw error;
  }

  assert.fail('expected a Status failure');
}

test('refuses a create the caller has no RBAC grant for, worded as Kubernetes does', async () => {
  const {api} = setup();
  const refusal = await status(
    api.create(runner, 'configmaps', 'gitlab-runner', {metadata: {name: 'x'}}),
  );
  assert.deepEqual(refusal, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message:
      'configmaps is forbidden: User "system:serviceaccount:gitlab-runner:gitlab-runner" cannot create resource "configmaps" in API group "" in the namespace "gitlab-runner"',
    reason: 'Forbidden',
    details: {kind: 'configmaps'},
    code: 403,
  });
});

test('runs admission plugins in order and returns the first denial', async () => {
  const seen: AdmissionRequest[] = [];
  const {api} = setup([
    noPrivileged(seen),
    {
      name: 'never',
      admit: () => ({allowed: false, code: 400, reason: 'BadRequest', message: 'second'}),
    },
  ]);
  const refusal = await status(api.create(runner, 'pods', 'gitlab-runner', buildPod(true)));
  assert.equal(refusal.code, 403);
  assert.match(
    refusal.message,
    /^pods "runner-abc-project-1-concurrent-0[a-z\d]{5}" is forbidden: privileged is not allowed$/,
  );
  assert.equal(seen.length, 1);
  assert.equal(seen[0]?.user.name, runner.name);
  assert.equal(seen[0]?.operation, 'CREATE');
});

test('runs admission for a dry run too, and stores nothing', async () => {
  const {api, store} = setup([noPrivileged()]);
  const refusal = await status(
    api.create(runner, 'pods', 'gitlab-runner', buildPod(true), {dryRun: true}),
  );
  assert.equal(refusal.code, 403);
  const accepted = await api.create(runner, 'pods', 'gitlab-runner', buildPod(false), {
    dryRun: true,
  });
  assert.match(accepted.metadata.name, /^runner-abc-project-1-concurrent-0[a-z\d]{5}$/);
  assert.equal(accepted.metadata.resourceVersion, undefined);
  assert.deepEqual(store.list('pods').items, []);
});

test('lets an admin through a plugin that refuses others, and defaults the pod', async () => {
  const {api} = setup([noPrivileged()]);
  const created = await api.create(admin, 'pods', 'gitlab-runner', buildPod(true));
  assert.deepEqual(
    [created['status'], (created['spec'] as {serviceAccountName?: string}).serviceAccountName],
    [{phase: 'Pending', qosClass: 'BestEffort'}, 'default'],
  );
});

test('applies a mutating plugin’s object before storing', async () => {
  const {api} = setup([
    {
      name: 'label',
      admit: (request) => ({
        allowed: true,
        object: {
          ...request.object,
          metadata: {...request.object.metadata, labels: {admitted: 'yes'}},
        },
      }),
    },
  ]);
  const created = await api.create(admin, 'configmaps', 'gitlab-runner', {metadata: {name: 'c'}});
  assert.deepEqual(created.metadata.labels, {admitted: 'yes'});
});

test('answers 404 for a namespace that does not exist and for a missing object', async () => {
  const {api} = setup();
  assert.deepEqual(
    [
      (await status(api.create(admin, 'configmaps', 'nope', {metadata: {name: 'c'}}))).message,
      (await status(api.get(admin, 'pods', 'gitlab-runner', 'x'))).message,
      (await status(api.get(admin, 'deployments', 'gitlab-runner', 'x'))).message,
    ],
    ['namespaces "nope" not found', 'pods "x" not found', 'deployments.apps "x" not found'],
  );
});

test('answers 409 AlreadyExists and 422 Invalid in Kubernetes words', async () => {
  const {api} = setup();
  const exists = await status(
    api.create(admin, 'namespaces', undefined, {metadata: {name: 'gitlab-runner'}}),
  );
  const bad = await status(
    api.create(admin, 'namespaces', undefined, {metadata: {name: 'Bad_Name'}}),
  );
  const nameless = await status(api.create(admin, 'configmaps', 'gitlab-runner', {metadata: {}}));
  assert.deepEqual(
    [exists.code, exists.reason, exists.message, bad.code, nameless.message],
    [
      409,
      'AlreadyExists',
      'namespaces "gitlab-runner" already exists',
      422,
      'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
    ],
  );
});

test('merges a strategic patch into containers by name', async () => {
  const {api} = setup();
  await api.create(admin, 'deployments', 'gitlab-runner', {
    metadata: {name: 'web'},
    spec: {
      selector: {matchLabels: {app: 'web'}},
      template: {
        metadata: {labels: {app: 'web'}},
        spec: {
          containers: [
            {name: 'a', image: 'a:1'},
            {name: 'b', image: 'b:1'},
          ],
        },
      },
    },
  });
  const patched = await api.patch(admin, 'deployments', 'gitlab-runner', 'web', 'strategic', {
    spec: {template: {spec: {containers: [{name: 'b', image: 'b:2'}]}}},
  });
  const containers = (
    patched['spec'] as {template: {spec: {containers: Array<{name: string; image: string}>}}}
  ).template.spec.containers.map(({name, image}) => `${name}=${image}`);
  assert.deepEqual(containers, ['a=a:1', 'b=b:2']);
  assert.equal(patched.metadata['generation'], 2);
});

test('server-side apply refuses to take a field another manager set, unless forced', async () => {
  const {api} = setup();
  const config = (data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {name: 'cfg'},
    data,
  });
  await api.patch(admin, 'configmaps', 'gitlab-runner', 'cfg', 'apply', config({a: '1', b: '1'}), {
    fieldManager: 'helm',
  });
  await api.patch(admin, 'configmaps', 'gitlab-runner', 'cfg', 'apply', config({a: '1'}), {
    fieldManager: 'runbook',
  });
  const refusal = await status(
    api.patch(admin, 'configmaps', 'gitlab-runner', 'cfg', 'apply', config({a: '2'}), {
      fieldManager: 'runbook',
    }),
  );
  assert.equal(refusal.code, 409);
  assert.equal(
    refusal.message,
    'Apply failed with 1 conflict: conflict with "helm" using v1: .data.a',
  );
  const forced = await api.patch(
    admin,
    'configmaps',
    'gitlab-runner',
    'cfg',
    'apply',
    config({a: '2'}),
    {
      fieldManager: 'runbook',
      force: true,
    },
  );
  assert.deepEqual(forced['data'], {a: '2', b: '1'});
  const managers = (forced.metadata.managedFields ?? []).map(
    (entry) => JSON.stringify(entry).match(/"manager":"(\w+)"/)?.[1],
  );
  assert.deepEqual(managers, ['helm', 'runbook']);
});

test('server-side apply removes the fields its manager stopped applying', async () => {
  const {api} = setup();
  const apply = (data: Record<string, string>) =>
    api.patch(
      admin,
      'configmaps',
      'gitlab-runner',
      'cfg',
      'apply',
      {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'cfg'}, data},
      {fieldManager: 'runbook'},
    );
  await apply({a: '1', b: '1'});
  assert.deepEqual((await apply({a: '1'}))['data'], {a: '1'});
});

test('server-side apply needs a field manager', async () => {
  const {api} = setup();
  const refusal = await status(
    api.patch(admin, 'configmaps', 'gitlab-runner', 'c', 'apply', {metadata: {name: 'c'}}),
  );
  assert.equal(refusal.code, 400);
});

test('watches only what the selector matches', async () => {
  const {api} = setup();
  const seen: string[] = [];
  const stop = api.watch(
    admin,
    'configmaps',
    'gitlab-runner',
    {resourceVersion: api.store.resourceVersion(), labelSelector: 'app=web'},
    (event) => seen.push(`${event.type} ${event.object.metadata.name} ${event.object.kind}`),
  );
  await api.create(admin, 'configmaps', 'gitlab-runner', {
    metadata: {name: 'a', labels: {app: 'web'}},
  });
  await api.create(admin, 'configmaps', 'gitlab-runner', {
    metadata: {name: 'b', labels: {app: 'db'}},
  });
  await api.delete(admin, 'configmaps', 'gitlab-runner', 'a');
  stop();
  assert.deepEqual(seen, ['ADDED a ConfigMap', 'DELETED a ConfigMap']);
});

test('answers access reviews from RBAC alone, never from admission', async () => {
  const {api} = setup([noPrivileged()]);
  const review = (verb: string, resource: string) =>
    api.create(runner, 'selfsubjectaccessreviews', undefined, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {resourceAttributes: {namespace: 'gitlab-runner', verb, resource}},
    });
  assert.deepEqual(
    [(await review('create', 'pods'))['status'], (await review('delete', 'pods'))['status']],
    [
      {
        allowed: true,
        reason:
          'RBAC: allowed by RoleBinding "pods" of Role "pods" to ServiceAccount "gitlab-runner/gitlab-runner" in namespace "gitlab-runner"',
      },
      {allowed: false},
    ],
  );
});

test('keeps the status of a pod on a plain update and changes it through the status subresource', async () => {
  const {api} = setup();
  const created = await api.create(admin, 'pods', 'gitlab-runner', buildPod(false));
  const {name} = created.metadata;
  await api.update(admin, 'pods', 'gitlab-runner', name, {...created, status: {phase: 'Running'}});
  assert.deepEqual((await api.get(admin, 'pods', 'gitlab-runner', name))['status'], {
    phase: 'Pending',
    qosClass: 'BestEffort',
  });
  await api.patch(
    admin,
    'pods',
    'gitlab-runner',
    name,
    'merge',
    {status: {phase: 'Running'}},
    {subresource: 'status'},
  );
  assert.deepEqual((await api.get(admin, 'pods', 'gitlab-runner', name))['status'], {
    phase: 'Running',
    qosClass: 'BestEffort',
  });
});
