// The GitLab runner's objects as the chart and the article make them, for lab tests: its
// service account and RBAC, the article's remediation objects, and MKE's privilege grant.
import type {LabObject, LabUser} from '../../../source/lab/types.js';
import type {TestLab} from '../../helpers/lab.js';

/** The runner's service account as the 2021 chart names it. */
export const runnerServiceAccount = 'gitlab-runner-gitlab-runner';

/** The user the runner's service account is. */
export function runnerUser(name = runnerServiceAccount): LabUser {
  return {
    name: `system:serviceaccount:gitlab-runner:${name}`,
    groups: [
      'system:serviceaccounts',
      'system:serviceaccounts:gitlab-runner',
      'system:authenticated',
    ],
    mkeAdmin: false,
  };
}

/** Namespace, service account, Role and RoleBinding as the chart makes them with `rbac.create: true`. */
export async function createRunnerAccount(fixture: TestLab): Promise<void> {
  const steps: Array<[string, LabObject]> = [
    [
      '/api/v1/namespaces',
      {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'gitlab-runner'}},
    ],
    [
      '/api/v1/namespaces/gitlab-runner/serviceaccounts',
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {name: runnerServiceAccount, namespace: 'gitlab-runner'},
      },
    ],
    [
      '/apis/rbac.authorization.k8s.io/v1/namespaces/gitlab-runner/roles',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: {name: runnerServiceAccount, namespace: 'gitlab-runner'},
        rules: [{apiGroups: [''], resources: ['*'], verbs: ['*']}],
      },
    ],
    [
      '/apis/rbac.authorization.k8s.io/v1/namespaces/gitlab-runner/rolebindings',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: {name: runnerServiceAccount, namespace: 'gitlab-runner'},
        roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: runnerServiceAccount},
        subjects: [
          {kind: 'ServiceAccount', name: runnerServiceAccount, namespace: 'gitlab-runner'},
        ],
      },
    ],
  ];
  for (const [path, body] of steps) {
    const response = await fixture.adminCreate(path, body);
    if (response.status !== 201)
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
}

/** The article's remediation-2 objects: PSP, ClusterRole, ClusterRoleBinding. */
export const articlePspObjects: ReadonlyArray<[string, LabObject]> = [
  [
    '/apis/policy/v1beta1/podsecuritypolicies',
    {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: {name: 'gitlab-runner-psp'},
      spec: {
        privileged: true,
        allowPrivilegeEscalation: true,
        volumes: ['*'],
        hostNetwork: false,
        hostPorts: [{min: 0, max: 65_535}],
        hostIPC: false,
        hostPID: false,
        runAsUser: {rule: 'RunAsAny'},
        seLinux: {rule: 'RunAsAny'},
        supplementalGroups: {rule: 'RunAsAny'},
        fsGroup: {rule: 'RunAsAny'},
      },
    },
  ],
  [
    '/apis/rbac.authorization.k8s.io/v1/clusterroles',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'gitlab-runner-psp-cr',
        annotations: {'rbac.authorization.kubernetes.io/autoupdate': 'true'},
      },
      rules: [
        {
          apiGroups: ['policy'],
          resources: ['podsecuritypolicies'],
          verbs: ['use'],
          resourceNames: ['gitlab-runner-psp'],
        },
        {apiGroups: ['*'], resources: ['*'], verbs: ['*']},
        {nonResourceURLs: ['*'], verbs: ['*']},
      ],
    },
  ],
  [
    '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: {name: 'gitlab-runner-psp-crb'},
      subjects: [{kind: 'ServiceAccount', name: runnerServiceAccount, namespace: 'gitlab-runner'}],
      roleRef: {
        kind: 'ClusterRole',
        name: 'gitlab-runner-psp-cr',
        apiGroup: 'rbac.authorization.k8s.io',
      },
    },
  ],
];

/** Remediation 1: the runner's service account bound to cluster-admin. */
export const clusterAdminBinding: LabObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: {name: 'gitlab-runner-cluster-admin'},
  subjects: [{kind: 'ServiceAccount', name: runnerServiceAccount, namespace: 'gitlab-runner'}],
  roleRef: {kind: 'ClusterRole', name: 'cluster-admin', apiGroup: 'rbac.authorization.k8s.io'},
};

/** Remediation 2's MKE grant, merged into the current config as the runbook does (GET → edit → PUT). */
export async function grantPrivileged(
  fixture: TestLab,
  accounts: readonly string[],
): Promise<number> {
  const headers = {Authorization: `Bearer ${fixture.adminToken}`};
  const current = await (await fetch(`${fixture.url}/api/ucp/config-toml`, {headers})).text();
  const next = current
    .replace(
      'priv_attributes_allowed_for_service_accounts = []',
      'priv_attributes_allowed_for_service_accounts = ["privileged"]',
    )
    .replace(
      'priv_attributes_service_accounts = []',
      `priv_attributes_service_accounts = ${JSON.stringify(accounts)}`,
    );
  const response = await fetch(`${fixture.url}/api/ucp/config-toml`, {
    method: 'PUT',
    headers,
    body: next,
  });
  return response.status;
}
