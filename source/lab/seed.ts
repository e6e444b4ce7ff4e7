import type {LabObject} from './types.js';

// The objects a fresh MKE 3.4 cluster has that the procedure touches (facts §1.4): its namespaces,
// the default ClusterRoles, the two default PSPs and the binding that gives everyone `privileged`.

const rbacVersion = 'rbac.authorization.k8s.io/v1';
const bootstrapLabels = {'kubernetes.io/bootstrapping': 'rbac-defaults'};
const autoupdate = {'rbac.authorization.kubernetes.io/autoupdate': 'true'};

function namespace(name: string): LabObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {name, labels: {'kubernetes.io/metadata.name': name}},
    spec: {finalizers: ['kubernetes']},
    status: {phase: 'Active'},
  };
}

function clusterRole(name: string, rules: readonly unknown[]): LabObject {
  return {
    apiVersion: rbacVersion,
    kind: 'ClusterRole',
    metadata: {name, labels: {...bootstrapLabels}, annotations: {...autoupdate}},
    rules: [...rules],
  };
}

const readVerbs = ['get', 'list', 'watch'];
const writeVerbs = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const workloadResources = [
  'pods',
  'pods/log',
  'pods/exec',
  'pods/attach',
  'services',
  'endpoints',
  'configmaps',
  'secrets',
  'serviceaccounts',
  'persistentvolumeclaims',
  'events',
];
const appsResources = ['deployments', 'replicasets', 'statefulsets', 'daemonsets'];

const viewRules = [
  {apiGroups: [''], resources: workloadResources.filter((r) => r !== 'secrets'), verbs: readVerbs},
  {apiGroups: ['apps'], resources: appsResources, verbs: readVerbs},
  {apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: readVerbs},
];
const editRules = [
  {apiGroups: [''], resources: workloadResources, verbs: [...readVerbs, ...writeVerbs]},
  {apiGroups: ['apps'], resources: appsResources, verbs: [...readVerbs, ...writeVerbs]},
  {apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: [...readVerbs, ...writeVerbs]},
];
const adminRules = [
  ...editRules,
  {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['roles', 'rolebindings'],
    verbs: [...readVerbs, ...writeVerbs],
  },
];

function psp(name: string, spec: Record<string, unknown>): LabObject {
  return {apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', metadata: {name}, spec};
}

const anyRules = {
  runAsUser: {rule: 'RunAsAny'},
  seLinux: {rule: 'RunAsAny'},
  supplementalGroups: {rule: 'RunAsAny'},
  fsGroup: {rule: 'RunAsAny'},
};

function pspRole(name: string, policy: string): LabObject {
  return clusterRole(name, [
    {
      apiGroups: ['policy'],
      resources: ['podsecuritypolicies'],
      verbs: ['use'],
      resourceNames: [policy],
    },
  ]);
}

/** MKE 3.4's built-in objects, as a fresh install has them. */
export function mkeSeedObjects(): LabObject[] {
  return [
    ...['default', 'kube-system', 'kube-public', 'kube-node-lease'].map(namespace),
    clusterRole('cluster-admin', [
      {apiGroups: ['*'], resources: ['*'], verbs: ['*']},
      {nonResourceURLs: ['*'], verbs: ['*']},
    ]),
    clusterRole('admin', adminRules),
    clusterRole('edit', editRules),
    clusterRole('view', viewRules),
    pspRole('privileged-psp-role', 'privileged'),
    pspRole('unprivileged-psp-role', 'unprivileged'),
    psp('privileged', {
      allowPrivilegeEscalation: true,
      allowedCapabilities: ['*'],
      hostIPC: true,
      hostNetwork: true,
      hostPID: true,
      hostPorts: [{min: 0, max: 65_535}],
      privileged: true,
      ...anyRules,
      volumes: ['*'],
    }),
    psp('unprivileged', {
      allowPrivilegeEscalation: false,
      allowedHostPaths: [{pathPrefix: '/dev/null', readOnly: true}],
      hostPorts: [{min: 0, max: 65_535}],
      ...anyRules,
      volumes: ['*'],
    }),
    {
      apiVersion: rbacVersion,
      kind: 'ClusterRoleBinding',
      metadata: {name: 'ucp:all:privileged-psp-role'},
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'privileged-psp-role',
      },
      subjects: [
        {apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated'},
        {apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:serviceaccounts'},
      ],
    },
    {
      apiVersion: rbacVersion,
      kind: 'ClusterRoleBinding',
      metadata: {name: 'cluster-admin', labels: {...bootstrapLabels}, annotations: {...autoupdate}},
      roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin'},
      subjects: [{apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters'}],
    },
  ];
}
