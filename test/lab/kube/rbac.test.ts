import assert from 'node:assert/strict';
import {test} from 'node:test';
import {adminUser, serviceAccountUser} from '../../../source/lab/kube/auth.js';
import {authorize, forbiddenReason, type AccessAttributes} from '../../../source/lab/kube/rbac.js';
import {createStore} from '../../../source/lab/kube/store.js';
import type {LabObject, LabUser} from '../../../source/lab/types.js';

const rbac = 'rbac.authorization.k8s.io/v1';

function cluster() {
  const store = createStore();
  const objects: Array<[string, LabObject]> = [
    [
      'clusterroles',
      {
        apiVersion: rbac,
        kind: 'ClusterRole',
        metadata: {name: 'cluster-admin'},
        rules: [
          {apiGroups: ['*'], resources: ['*'], verbs: ['*']},
          {nonResourceURLs: ['*'], verbs: ['*']},
        ],
      },
    ],
    [
      'clusterroles',
      {
        apiVersion: rbac,
        kind: 'ClusterRole',
        metadata: {name: 'psp-user'},
        rules: [
          {
            apiGroups: ['policy'],
            resources: ['podsecuritypolicies'],
            verbs: ['use'],
            resourceNames: ['privileged'],
          },
        ],
      },
    ],
    [
      'clusterroles',
      {
        apiVersion: rbac,
        kind: 'ClusterRole',
        metadata: {name: 'log-reader'},
        rules: [
          {apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list']},
          {nonResourceURLs: ['/healthz', '/metrics/*'], verbs: ['get']},
        ],
      },
    ],
    [
      'roles',
      {
        apiVersion: rbac,
        kind: 'Role',
        metadata: {name: 'runner', namespace: 'gitlab-runner'},
        rules: [
          {apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['create', 'get', 'delete']},
          {apiGroups: ['apps'], resources: ['*'], verbs: ['list']},
        ],
      },
    ],
    [
      'rolebindings',
      {
        apiVersion: rbac,
        kind: 'RoleBinding',
        metadata: {name: 'runner', namespace: 'gitlab-runner'},
        roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'runner'},
        subjects: [{kind: 'ServiceAccount', name: 'gitlab-runner'}],
      },
    ],
    [
      'clusterrolebindings',
      {
        apiVersion: rbac,
        kind: 'ClusterRoleBinding',
        metadata: {name: 'all-psp'},
        roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'psp-user'},
        subjects: [{kind: 'Group', name: 'system:authenticated'}],
      },
    ],
    [
      'clusterrolebindings',
      {
        apiVersion: rbac,
        kind: 'ClusterRoleBinding',
        metadata: {name: 'logs'},
        roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'log-reader'},
        subjects: [{kind: 'User', name: 'alice'}],
      },
    ],
    [
      'clusterrolebindings',
      {
        apiVersion: rbac,
        kind: 'ClusterRoleBinding',
        metadata: {name: 'ops-admin'},
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'cluster-admin',
        },
        subjects: [{kind: 'ServiceAccount', name: 'ops', namespace: 'tools'}],
      },
    ],
  ];
  for (const [resource, object] of objects) store.create(resource, object);
  return store;
}

const runner = serviceAccountUser('gitlab-runner', 'gitlab-runner');
const builder = serviceAccountUser('gitlab-runner', 'default');
const ops = serviceAccountUser('tools', 'ops');
const alice: LabUser = {name: 'alice', groups: ['system:authenticated'], mkeAdmin: false};

function resource(
  verb: string,
  group: string,
  plural: string,
  namespace?: string,
  extra: {name?: string; subresource?: string} = {},
): AccessAttributes {
  return {
    kind: 'resource',
    verb,
    group,
    resource: plural,
    ...(namespace ? {namespace} : {}),
    ...extra,
  };
}

const cases: ReadonlyArray<readonly [string, LabUser, AccessAttributes, boolean]> = [
  [
    'the MKE admin may do anything',
    adminUser(),
    resource('delete', '', 'namespaces', undefined, {name: 'x'}),
    true,
  ],
  [
    'a service account bound by a RoleBinding creates pods in its namespace',
    runner,
    resource('create', '', 'pods', 'gitlab-runner'),
    true,
  ],
  [
    'the same service account may not create pods elsewhere',
    runner,
    resource('create', '', 'pods', 'default'),
    false,
  ],
  [
    'a verb the role lacks is refused',
    runner,
    resource('list', '', 'pods', 'gitlab-runner'),
    false,
  ],
  [
    'a wildcard resource covers every resource of the group',
    runner,
    resource('list', 'apps', 'deployments', 'gitlab-runner'),
    true,
  ],
  [
    'a wildcard resource does not cross groups',
    runner,
    resource('list', '', 'configmaps', 'gitlab-runner'),
    false,
  ],
  [
    'the pod service account without a binding may not create pods',
    builder,
    resource('create', '', 'pods', 'gitlab-runner'),
    false,
  ],
  [
    'a Group subject covers every authenticated user',
    builder,
    resource('use', 'policy', 'podsecuritypolicies', undefined, {name: 'privileged'}),
    true,
  ],
  [
    'resourceNames limit which objects a rule covers',
    builder,
    resource('use', 'policy', 'podsecuritypolicies', undefined, {name: 'other'}),
    false,
  ],
  [
    'a subresource needs its own rule entry',
    alice,
    resource('get', '', 'pods', 'x', {subresource: 'log', name: 'p'}),
    true,
  ],
  [
    'a subresource not listed is refused',
    alice,
    resource('update', '', 'pods', 'x', {subresource: 'status', name: 'p'}),
    false,
  ],
  ['non-resource URLs match exactly', alice, {kind: 'path', verb: 'get', path: '/healthz'}, true],
  [
    'non-resource URLs match a trailing wildcard',
    alice,
    {kind: 'path', verb: 'get', path: '/metrics/cadvisor'},
    true,
  ],
  [
    'other non-resource URLs are refused',
    alice,
    {kind: 'path', verb: 'get', path: '/version'},
    false,
  ],
  [
    'a service account bound to cluster-admin may create pods anywhere',
    ops,
    resource('create', '', 'pods', 'gitlab-runner'),
    true,
  ],
];

for (const [title, user, attributes, allowed] of cases) {
  test(`RBAC: ${title}`, () => {
    assert.equal(authorize(cluster(), user, attributes).allowed, allowed);
  });
}

test('explains an allow by the binding and role that granted it', () => {
  assert.equal(
    authorize(cluster(), runner, resource('create', '', 'pods', 'gitlab-runner')).reason,
    'RBAC: allowed by RoleBinding "runner" of Role "runner" to ServiceAccount "gitlab-runner/gitlab-runner" in namespace "gitlab-runner"',
  );
});

test('words a refusal as Kubernetes does, in a namespace and at the cluster scope', () => {
  assert.deepEqual(
    [
      forbiddenReason(builder, resource('create', '', 'pods', 'gitlab-runner')),
      forbiddenReason(builder, resource('list', 'rbac.authorization.k8s.io', 'clusterroles')),
      forbiddenReason(alice, resource('get', '', 'pods', 'x', {subresource: 'log', name: 'p'})),
    ],
    [
      'User "system:serviceaccount:gitlab-runner:default" cannot create resource "pods" in API group "" in the namespace "gitlab-runner"',
      'User "system:serviceaccount:gitlab-runner:default" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
      'User "alice" cannot get resource "pods/log" in API group "" in the namespace "x"',
    ],
  );
});
