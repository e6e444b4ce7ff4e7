// Starts the assembled lab for a test: MKE installed (admin / adminadmin), instant timings.
import {KubeConfig} from '@kubernetes/client-node';
import {assembleLab, type AssembledLab} from '../../../source/lab/assemble.js';
import {adminUser} from '../../../source/lab/kube/auth.js';
import {defaultMkeConfigToml} from '../../../source/lab/mke/default-config.js';
import {hashPassword} from '../../../source/lab/mke/password.js';
import type {LabObject, LabUser, LabWorld} from '../../../source/lab/types.js';

/** A running lab and ways to talk to it. */
export type LabFixture = {
  readonly lab: AssembledLab;
  readonly world: LabWorld;
  readonly url: string;
  readonly adminToken: string;
  readonly kubeconfig: (token: string) => KubeConfig;
  /** Creates an object as the MKE admin through the lab's HTTP API. */
  readonly adminCreate: (path: string, body: LabObject) => Promise<Response>;
  readonly close: () => Promise<void>;
};

/** A world with MKE 3.4 installed on node2, the 2021 chart, project 1154. */
export function installedWorld(): LabWorld {
  return {
    vms: {
      node2: {state: 'running', address: '192.168.123.202', memory: 4096},
      node3: {state: 'running', address: '192.168.123.203', memory: 4096},
    },
    mke: {
      installed: true,
      version: '3.4.5',
      address: '192.168.123.202',
      adminUsername: 'admin',
      adminPasswordHash: hashPassword('adminadmin'),
      configToml: defaultMkeConfigToml({podCidr: '172.31.0.0/16'}),
      clusterName: 'my-mke-cluster',
    },
    chartEra: '2021',
    gitlab: {
      projectId: 1154,
      runnerTokenHashes: [],
      nextPipelineId: 1,
      nextJobId: 1,
      pipelines: [],
      jobs: [],
    },
  };
}

/** Starts a lab on a free port. */
export async function startLab(world: LabWorld = installedWorld()): Promise<LabFixture> {
  const lab = await assembleLab({world, objects: undefined, routes: [], speed: 0});
  const {url} = await lab.listen(0);
  const adminToken = lab.tokenFor(adminUser('admin'));
  const kubeconfig = (token: string) => {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{name: 'lab', server: url, skipTLSVerify: true}],
      users: [{name: 'user', token}],
      contexts: [{name: 'lab', cluster: 'lab', user: 'user'}],
      currentContext: 'lab',
    });
    return config;
  };

  return {
    lab,
    world,
    url,
    adminToken,
    kubeconfig,
    adminCreate: async (path, body) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: {Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json'},
        body: JSON.stringify(body),
      }),
    close: async () => lab.close(),
  };
}

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
export async function createRunnerAccount(fixture: LabFixture): Promise<void> {
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
  fixture: LabFixture,
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
