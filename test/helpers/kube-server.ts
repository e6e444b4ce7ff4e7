// The bare Kubernetes API server of the lab (no MKE, no controllers) over a small seeded store,
// HTTPS, with a kubeconfig for the real kubectl: for tests of the server layer itself.
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {createKubeApi} from '../../source/lab/kube/api.js';
import {
  adminUser,
  authenticateRequest,
  issueToken,
  newAuthKey,
  systemUser,
} from '../../source/lab/kube/auth.js';
import {createStore} from '../../source/lab/kube/store.js';
import {createSelfSignedCertificate} from '../../source/lab/kube/tls.js';
import {createLabServer} from '../../source/lab/server.js';
import type {AdmissionPlugin, LabMiddleware, LabObject, LabRoute} from '../../source/lab/types.js';
import {runProgram, writeKubeconfig} from './lab-access.js';

// The few objects a fresh cluster has that the tests rely on.
const seedObjects: ReadonlyArray<readonly [string, LabObject]> = [
  ['namespaces', {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'default'}}],
  ['namespaces', {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'kube-system'}}],
  [
    'clusterroles',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
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
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {name: 'system:basic-user'},
      rules: [
        {
          apiGroups: ['authorization.k8s.io'],
          resources: ['selfsubjectaccessreviews'],
          verbs: ['create'],
        },
      ],
    },
  ],
  [
    'clusterrolebindings',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: {name: 'system:basic-user'},
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'system:basic-user',
      },
      subjects: [
        {apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated'},
      ],
    },
  ],
];

/** A running Kubernetes API server for one test file. */
export type KubeServer = Awaited<ReturnType<typeof startKubeServer>>;

/** Starts a seeded server on a free port and writes an admin kubeconfig (CA-verified) in a temp dir. */
export async function startKubeServer(
  options: {
    readonly admission?: readonly AdmissionPlugin[];
    readonly middleware?: readonly LabMiddleware[];
    readonly routes?: readonly LabRoute[];
    readonly historyLimit?: number;
  } = {},
) {
  const key = newAuthKey();
  const store = createStore(options.historyLimit ? {historyLimit: options.historyLimit} : {});
  for (const [resource, object] of seedObjects) store.create(resource, object);
  const api = createKubeApi({store, admission: options.admission ?? []});
  const tls = createSelfSignedCertificate();
  const server = createLabServer({
    api,
    tls,
    ...(options.middleware ? {middleware: options.middleware} : {}),
    ...(options.routes ? {routes: options.routes} : {}),
    authenticate: (request) => authenticateRequest(key, request),
  });
  const {url, port} = await server.listen();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'mke-runbook-kube-'));
  const kubeconfig = path.join(directory, 'kube.yml');
  const token = issueToken(key, adminUser());
  await writeKubeconfig(kubeconfig, {url, token, ca: tls.cert});

  return {
    key,
    tls,
    store,
    api,
    url,
    port,
    token,
    directory,
    kubeconfig,
    system: systemUser,
    /** Runs the real kubectl against the server; never throws. */
    async kubectl(args: readonly string[], input?: string) {
      return runProgram(
        '/usr/bin/kubectl',
        ['--kubeconfig', kubeconfig, '--cache-dir', path.join(directory, 'cache'), ...args],
        {
          env: {PATH: process.env['PATH'] ?? '', HOME: directory},
          timeoutMs: 20_000,
          ...(input === undefined ? {} : {input}),
        },
      );
    },
    async stop() {
      await server.close();
      await rm(directory, {recursive: true, force: true});
    },
  };
}
