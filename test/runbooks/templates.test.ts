import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {parse, parseAllDocuments} from 'yaml';
import {render} from '../../source/runbook/template.js';
import {defaults, readRunbookFile} from './runbook-file.js';

const {data: runbook} = await readRunbookFile('mke-gitlab-runner.yaml');

async function rendered(
  template: string,
  serviceAccount = 'gitlab-runner-gitlab-runner',
  params: Record<string, string | number | boolean> = {},
): Promise<string> {
  const text = await readFile(new URL(`../../assets/${template}`, import.meta.url), 'utf8');
  return render(text, {
    params: {...defaults(runbook), ...params},
    outputs: {
      'runner-install': {
        serviceAccount,
        qualified: `gitlab-runner:${serviceAccount}`,
        buildServiceAccount: 'default',
        buildQualified: 'gitlab-runner:default',
      },
    },
    workdir: '/work',
    home: '/home/user',
    profile: 'default',
    lang: 'en',
  });
}

function firstMatch(text: string, pattern: RegExp): string | undefined {
  return pattern.exec(text)?.[1];
}

test('the Vagrantfile is the article’s loop, in the shape the stand-in vagrant reads', async () => {
  const vagrantfile = await rendered('vagrant/Vagrantfile.tmpl');
  const count = Number(firstMatch(vagrantfile, /^\s*\(1\.\.(\d+)\)\.each do \|i\|$/m));
  const prefix = firstMatch(vagrantfile, /ip: "([\d.]+)#\{i \+ \d+\}"/);
  const offset = Number(firstMatch(vagrantfile, /ip: "[\d.]+#\{i \+ (\d+)\}"/));
  const name = firstMatch(vagrantfile, /config\.vm\.define "(\w+)#\{i\}"/);
  assert.deepEqual(
    {
      box: firstMatch(vagrantfile, /^\s*config\.vm\.box = "([^"]+)"$/m),
      boxCheckUpdate: firstMatch(vagrantfile, /^\s*config\.vm\.box_check_update = (\w+)$/m),
      memory: Number(firstMatch(vagrantfile, /^\s*vb\.memory = (\d+)$/m)),
      nodes: Array.from({length: count}, (_, index) => [`${name}${index + 1}`, `${prefix}${offset + index + 1}`]),
    },
    {
      box: 'centos/7',
      boxCheckUpdate: 'false',
      memory: 4096,
      nodes: [
        ['node1', '192.168.123.201'],
        ['node2', '192.168.123.202'],
        ['node3', '192.168.123.203'],
      ],
    },
  );
  assert.match(vagrantfile, /cf\.vm\.hostname = "node#\{i\}"/);
  assert.match(vagrantfile, /vault\.centos\.org/);
  assert.doesNotMatch(vagrantfile, /\{\{/);
});

test('the Vagrantfile follows the parameters', async () => {
  const vagrantfile = await rendered('vagrant/Vagrantfile.tmpl', undefined, {
    node_count: 5,
    vm_memory: 8192,
    ip_prefix: '192.168.56.',
    ip_offset: 10,
    vm_box: 'generic/centos7',
  });
  assert.match(vagrantfile, /\(1\.\.5\)\.each/);
  assert.match(vagrantfile, /vb\.memory = 8192/);
  assert.match(vagrantfile, /ip: "192\.168\.56\.#\{i \+ 10\}"/);
  assert.match(vagrantfile, /config\.vm\.box = "generic\/centos7"/);
});

test('launchpad.yaml is the article’s, with the password left to Launchpad’s envsubst', async () => {
  const text = await rendered('launchpad/launchpad.yaml.tmpl');
  const host = (address: string, role: string) => ({
    ssh: {address, user: 'vagrant', port: 22, keyPath: '~/.ssh/id_rsa'},
    role,
    privateInterface: 'eth1',
  });
  assert.deepEqual(parse(text), {
    apiVersion: 'launchpad.mirantis.com/mke/v1.4',
    kind: 'mke',
    metadata: {name: 'my-mke-cluster'},
    spec: {
      hosts: [host('192.168.123.202', 'manager'), host('192.168.123.203', 'worker')],
      mke: {
        version: '3.4.5',
        adminUsername: 'admin',
        adminPassword: '${MKE_ADMIN_PASSWORD}',
        installFlags: [
          '--force-minimums',
          '--default-node-orchestrator=kubernetes',
          '--pod-cidr 172.31.0.0/16',
          '--san=node2',
          '--san=192.168.123.202',
        ],
      },
      mcr: {version: '20.10.0'},
      cluster: {prune: false},
    },
  });
});

const runnerSubject = (name: string) => [{kind: 'ServiceAccount', name, namespace: 'gitlab-runner'}];

test('remediation 1 binds cluster-admin to the service account the chart rendered', async () => {
  for (const account of ['gitlab-runner-gitlab-runner', 'gitlab-runner']) {
    assert.deepEqual(parse(await rendered('manifests/cluster-admin-binding.yaml.tmpl', account)), {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: {name: 'gitlab-runner-cluster-admin'},
      subjects: runnerSubject(account),
      roleRef: {kind: 'ClusterRole', name: 'cluster-admin', apiGroup: 'rbac.authorization.k8s.io'},
    });
  }
});

test('remediation 2’s manifests are the article’s, with resourceNames corrected', async () => {
  assert.deepEqual(parse(await rendered('manifests/gitlab-runner-psp.yaml.tmpl')), {
    apiVersion: 'policy/v1beta1',
    kind: 'PodSecurityPolicy',
    metadata: {name: 'gitlab-runner-psp'},
    spec: {
      privileged: true,
      allowPrivilegeEscalation: true,
      volumes: ['*'],
      hostNetwork: false,
      hostPorts: [{min: 0, max: 65535}],
      hostIPC: false,
      hostPID: false,
      runAsUser: {rule: 'RunAsAny'},
      seLinux: {rule: 'RunAsAny'},
      supplementalGroups: {rule: 'RunAsAny'},
      fsGroup: {rule: 'RunAsAny'},
    },
  });
  assert.deepEqual(parse(await rendered('manifests/gitlab-runner-psp-clusterrole.yaml.tmpl')), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name: 'gitlab-runner-psp-cr',
      annotations: {'rbac.authorization.kubernetes.io/autoupdate': 'true'},
    },
    rules: [
      {apiGroups: ['policy'], resources: ['podsecuritypolicies'], verbs: ['use'], resourceNames: ['gitlab-runner-psp']},
      {apiGroups: ['*'], resources: ['*'], verbs: ['*']},
      {nonResourceURLs: ['*'], verbs: ['*']},
    ],
  });
  assert.deepEqual(parse(await rendered('manifests/gitlab-runner-psp-crb.yaml.tmpl', 'gitlab-runner')), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: {name: 'gitlab-runner-psp-crb'},
    subjects: runnerSubject('gitlab-runner'),
    roleRef: {kind: 'ClusterRole', name: 'gitlab-runner-psp-cr', apiGroup: 'rbac.authorization.k8s.io'},
  });
});

test('the least-privilege ClusterRole grants no wildcard and keeps the PSP use', async () => {
  const documents = parseAllDocuments(await rendered('manifests/gitlab-runner-psp-clusterrole-least.yaml.tmpl')).map(
    (document) => document.toJS() as {kind: string; metadata: {name: string}; rules?: unknown[]},
  );
  assert.deepEqual(
    documents.map((document) => [document.kind, document.metadata.name]),
    [
      ['ClusterRole', 'gitlab-runner-psp-cr'],
      ['Role', 'gitlab-runner-jobs'],
      ['RoleBinding', 'gitlab-runner-jobs'],
    ],
  );
  assert.deepEqual(documents[0]?.rules, [
    {apiGroups: ['policy'], resources: ['podsecuritypolicies'], verbs: ['use'], resourceNames: ['gitlab-runner-psp']},
  ]);
  assert.doesNotMatch(JSON.stringify(documents), /"\*"/);
});

test('the admission probe pod is privileged and runs as the build pods’ service account', async () => {
  const pod = parse(await rendered('manifests/privileged-probe-pod.yaml.tmpl'));
  assert.equal(pod.spec.serviceAccountName, 'default');
  assert.equal(pod.metadata.namespace, 'gitlab-runner');
  assert.deepEqual(pod.spec.containers, [
    {name: 'svc-0', image: 'docker:18.09-dind', securityContext: {privileged: true}},
  ]);
});

test('the lab’s stand-in vagrant reads the rendered Vagrantfile as the article’s three machines', async () => {
  const {parseVagrantfile} = await import('../../source/lab/standins/vagrant/vagrantfile.js');
  assert.deepEqual(parseVagrantfile(await rendered('vagrant/Vagrantfile.tmpl')), {
    box: 'centos/7',
    machines: [
      {name: 'node1', address: '192.168.123.201', memory: 4096},
      {name: 'node2', address: '192.168.123.202', memory: 4096},
      {name: 'node3', address: '192.168.123.203', memory: 4096},
    ],
  });
});
