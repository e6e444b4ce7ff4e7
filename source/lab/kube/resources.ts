// The resources the lab's Kubernetes API serves, as MKE 3.4 (Kubernetes 1.20) describes them
// in discovery. The store keys objects by `plural` (unique across the served groups).

/** One served resource. */
export type ResourceInfo = {
  readonly group: string;
  readonly version: string;
  /** Plural name: the store key and the URL segment. */
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  /** Subresources and the verbs each allows, e.g. `log: ['get']`. */
  readonly subresources?: Readonly<Record<string, readonly string[]>>;
};

const crud = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const statusVerbs = ['get', 'patch', 'update'];

/** Every resource the lab serves. */
export const resources: readonly ResourceInfo[] = [
  {
    group: '',
    version: 'v1',
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['ns'],
    subresources: {status: statusVerbs, finalize: ['update']},
  },
  {
    group: '',
    version: 'v1',
    plural: 'nodes',
    singular: 'node',
    kind: 'Node',
    namespaced: false,
    verbs: crud,
    shortNames: ['no'],
    subresources: {status: statusVerbs},
  },
  {
    group: '',
    version: 'v1',
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    kind: 'ServiceAccount',
    namespaced: true,
    verbs: crud,
    shortNames: ['sa'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    namespaced: true,
    verbs: crud,
    shortNames: ['po'],
    categories: ['all'],
    subresources: {log: ['get'], status: statusVerbs},
  },
  {
    group: '',
    version: 'v1',
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    namespaced: true,
    verbs: crud,
    shortNames: ['ev'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    verbs: crud,
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    namespaced: true,
    verbs: crud,
  },
  {
    group: '',
    version: 'v1',
    plural: 'services',
    singular: 'service',
    kind: 'Service',
    namespaced: true,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['svc'],
    categories: ['all'],
    subresources: {status: statusVerbs},
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    verbs: crud,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: {status: statusVerbs, scale: statusVerbs},
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'replicasets',
    singular: 'replicaset',
    kind: 'ReplicaSet',
    namespaced: true,
    verbs: crud,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: {status: statusVerbs, scale: statusVerbs},
  },
  ...(['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'] as const).map(
    (plural): ResourceInfo => {
      const singular = plural.slice(0, -1);
      const kind = {
        clusterroles: 'ClusterRole',
        clusterrolebindings: 'ClusterRoleBinding',
        roles: 'Role',
        rolebindings: 'RoleBinding',
      }[plural];
      return {
        group: 'rbac.authorization.k8s.io',
        version: 'v1',
        plural,
        singular,
        kind,
        namespaced: !plural.startsWith('cluster'),
        verbs: crud,
      };
    },
  ),
  {
    group: 'policy',
    version: 'v1beta1',
    plural: 'podsecuritypolicies',
    singular: 'podsecuritypolicy',
    kind: 'PodSecurityPolicy',
    namespaced: false,
    verbs: crud,
    shortNames: ['psp'],
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    plural: 'selfsubjectaccessreviews',
    singular: 'selfsubjectaccessreview',
    kind: 'SelfSubjectAccessReview',
    namespaced: false,
    verbs: ['create'],
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    plural: 'subjectaccessreviews',
    singular: 'subjectaccessreview',
    kind: 'SubjectAccessReview',
    namespaced: false,
    verbs: ['create'],
  },
];

/** The served group/versions, in discovery order. */
export const groupVersions: ReadonlyArray<{readonly group: string; readonly version: string}> = [
  ...new Map(resources.map((info) => [`${info.group}/${info.version}`, info])).values(),
].map(({group, version}) => ({group, version}));

/** The resource served at `group`/`version` under `plural`, if any. */
export function findResource(
  group: string,
  version: string,
  plural: string,
): ResourceInfo | undefined {
  return resources.find(
    (info) => info.group === group && info.version === version && info.plural === plural,
  );
}

/** The resource stored under `plural`; throws on a name the lab does not serve (a programming error). */
export function resourceByPlural(plural: string): ResourceInfo {
  const info = resources.find((candidate) => candidate.plural === plural);
  if (!info) {
    throw new TypeError(`The lab does not serve resource \`${plural}\`.`);
  }

  return info;
}

/** The resource for an object's apiVersion and kind, if served. */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return resources.find(
    (info) =>
      (info.group ? `${info.group}/${info.version}` : info.version) === apiVersion &&
      info.kind === kind,
  );
}

/** `v1` or `apps/v1`. */
export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}
