import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createUcpAuthorization} from '../../../source/lab/admission/ucp-authorization.js';
import type {AdmissionRequest, LabObject, LabUser} from '../../../source/lab/types.js';

const runnerSa: LabUser = {
  name: 'system:serviceaccount:gitlab-runner:gitlab-runner-gitlab-runner',
  groups: [
    'system:serviceaccounts',
    'system:serviceaccounts:gitlab-runner',
    'system:authenticated',
  ],
  mkeAdmin: false,
};

function buildPod(privileged: boolean, serviceAccountName?: string): LabObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {name: '', generateName: 'runner-xphxzza-project-1154-concurrent-0'},
    spec: {
      ...(serviceAccountName ? {serviceAccountName} : {}),
      containers: [
        {name: 'build', image: 'docker:18.09', securityContext: {privileged}},
        {name: 'helper', image: 'gitlab-runner-helper', securityContext: {privileged}},
      ],
    },
  };
}

function request(
  object: LabObject,
  user: LabUser = runnerSa,
  resource = 'pods',
  group = '',
): AdmissionRequest {
  return {
    operation: 'CREATE',
    user,
    resource,
    group,
    namespace: 'gitlab-runner',
    object,
    dryRun: false,
  };
}

function clusterAdminBinding(name: string): LabObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: {name: 'gitlab-runner-cluster-admin'},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin'},
    subjects: [{kind: 'ServiceAccount', name, namespace: 'gitlab-runner'}],
  };
}

const emptyConfig = `[cluster_config]
  priv_attributes_allowed_for_user_accounts = []
  priv_attributes_user_accounts = []
  priv_attributes_allowed_for_service_accounts = []
  priv_attributes_service_accounts = []
`;

function plugin(bindings: LabObject[] = [], toml = emptyConfig) {
  return createUcpAuthorization({clusterRoleBindings: () => bindings, configToml: () => toml});
}

const articleMessage =
  'pods "runner-xphxzza-project-1154-concurrent-0" is forbidden: non-admin user "gitlab-runner:gitlab-runner-gitlab-runner" [service account "gitlab-runner:default"]. The configured privileged attributes access for non-admin users ("[]")("[]") and for service accounts ("[]")("[]") lack required permissions to use attributes [privileged] for resource ';

describe('UCPAuthorization admission', () => {
  it("refuses the runner's privileged build pod with the article's exact message", async () => {
    const result = await plugin().admit(request(buildPod(true)));
    assert.deepEqual(result, {
      allowed: false,
      code: 403,
      reason: 'Forbidden',
      message: articleMessage,
    });
  });

  it('admits the same pod when it is not privileged', async () => {
    assert.deepEqual(await plugin().admit(request(buildPod(false))), {allowed: true});
  });

  it('admits an MKE admin', async () => {
    const admin: LabUser = {name: 'admin', groups: ['system:authenticated'], mkeAdmin: true};
    assert.deepEqual(await plugin().admit(request(buildPod(true), admin)), {allowed: true});
  });

  it('admits a requesting service account bound to cluster-admin, and no other', async () => {
    const bound = plugin([clusterAdminBinding('gitlab-runner-gitlab-runner')]);
    assert.deepEqual(await bound.admit(request(buildPod(true))), {allowed: true});
    const other = plugin([clusterAdminBinding('someone-else')]);
    assert.equal((await other.admit(request(buildPod(true)))).allowed, false);
  });

  const grantCases: ReadonlyArray<{title: string; toml: string; allowed: boolean}> = [
    {
      title: 'the requesting service account under service accounts',
      toml: `[cluster_config]\npriv_attributes_allowed_for_service_accounts = ["privileged"]\npriv_attributes_service_accounts = ["gitlab-runner:gitlab-runner-gitlab-runner"]\n`,
      allowed: true,
    },
    {
      title: "the pod's service account under service accounts",
      toml: `[cluster_config]\npriv_attributes_allowed_for_service_accounts = ["privileged"]\npriv_attributes_service_accounts = ["gitlab-runner:default"]\n`,
      allowed: true,
    },
    {
      title: 'the requester under user accounts, attribute spelt in camel case',
      toml: `[cluster_config]\npriv_attributes_allowed_for_user_accounts = ["Privileged"]\npriv_attributes_user_accounts = ["gitlab-runner:gitlab-runner-gitlab-runner"]\n`,
      allowed: true,
    },
    {
      title: 'the right account but without the privileged attribute',
      toml: `[cluster_config]\npriv_attributes_allowed_for_service_accounts = ["hostBindMounts"]\npriv_attributes_service_accounts = ["gitlab-runner:default"]\n`,
      allowed: false,
    },
    {
      title: 'the attribute for another account',
      toml: `[cluster_config]\npriv_attributes_allowed_for_service_accounts = ["privileged"]\npriv_attributes_service_accounts = ["other:sa"]\n`,
      allowed: false,
    },
  ];
  for (const {title, toml, allowed} of grantCases) {
    it(`${allowed ? 'admits' : 'still refuses'} with a grant of ${title}`, async () => {
      assert.equal((await plugin([], toml).admit(request(buildPod(true)))).allowed, allowed);
    });
  }

  it('prints the configured lists, lower-cased attributes, in the refusal', async () => {
    const toml = `[cluster_config]\npriv_attributes_allowed_for_service_accounts = ["hostBindMounts", "privileged"]\npriv_attributes_service_accounts = ["ns:sa", "other:sa"]\n`;
    const result = await plugin([], toml).admit(request(buildPod(true)));
    assert.equal(result.allowed, false);
    assert.match(
      result.allowed ? '' : result.message,
      /for service accounts \("\[hostbindmounts privileged\]"\)\("\[ns:sa other:sa\]"\) lack/,
    );
  });

  it('checks the pod template of a deployment and names the resource', async () => {
    const deployment: LabObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {name: 'calico-typha'},
      spec: {
        template: {spec: {hostNetwork: true, serviceAccountName: 'calico-typha', containers: []}},
      },
    };
    const result = await plugin().admit(request(deployment, runnerSa, 'deployments', 'apps'));
    assert.equal(result.allowed, false);
    assert.match(
      result.allowed ? '' : result.message,
      /^deployments\.apps "calico-typha" is forbidden: .*\[service account "gitlab-runner:calico-typha"\].*attributes \[hostnetwork\] for resource calico-typha$/,
    );
  });

  it('lists every attribute used, sorted', async () => {
    const pod: LabObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name: 'p'},
      spec: {
        hostPID: true,
        volumes: [{name: 'd', hostPath: {path: '/var/run/docker.sock'}}],
        containers: [
          {name: 'c', securityContext: {privileged: true, capabilities: {add: ['NET_ADMIN']}}},
        ],
      },
    };
    const result = await plugin().admit(request(pod));
    assert.match(
      result.allowed ? '' : result.message,
      /attributes \[hostbindmounts hostpid kernelcapabilities privileged\] for resource p$/,
    );
  });
});

describe('UCPAuthorization and generated names', () => {
  it('quotes the generateName prefix and an empty resource when the API server has already added the suffix', async () => {
    const pod = buildPod(true);
    const named: LabObject = {
      ...pod,
      metadata: {...pod.metadata, name: 'runner-xphxzza-project-1154-concurrent-0b7x2q'},
    };
    const result = await plugin().admit(request(named));
    assert.equal(result.allowed ? '' : result.message, articleMessage);
  });

  it('quotes a name the client chose itself', async () => {
    const pod: LabObject = {
      ...buildPod(true),
      metadata: {name: 'runner-abc-project-1-concurrent-0-x1y2z3w4'},
    };
    const result = await plugin().admit(request(pod));
    assert.match(
      result.allowed ? '' : result.message,
      /^pods "runner-abc-project-1-concurrent-0-x1y2z3w4" is forbidden: .* for resource runner-abc-project-1-concurrent-0-x1y2z3w4$/,
    );
  });
});

describe('UCPAuthorization and the built-in cluster-admin', () => {
  it('refuses to delete the cluster-admin ClusterRoleBinding, even for an MKE admin, and lets others go', async () => {
    const admin: LabUser = {name: 'admin', groups: ['system:masters'], mkeAdmin: true};
    const deletion = (name: string): AdmissionRequest => ({
      operation: 'DELETE',
      user: admin,
      resource: 'clusterrolebindings',
      group: 'rbac.authorization.k8s.io',
      namespace: undefined,
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: {name},
      },
      dryRun: false,
    });
    const refused = await plugin().admit(deletion('cluster-admin'));
    assert.equal(refused.allowed ? 0 : refused.code, 403);
    assert.deepEqual(await plugin().admit(deletion('gitlab-runner-cluster-admin')), {
      allowed: true,
    });
  });
});
