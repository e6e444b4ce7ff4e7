// Starts a lab server over a fresh store for tests, with a kubeconfig for the real kubectl.
import {execFile} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {createKubeApi} from '../../../source/lab/kube/api.js';
import {
  adminUser,
  authenticateRequest,
  issueToken,
  newAuthKey,
  systemUser,
} from '../../../source/lab/kube/auth.js';
import {createStore} from '../../../source/lab/kube/store.js';
import {createSelfSignedCertificate} from '../../../source/lab/kube/tls.js';
import {createLabServer} from '../../../source/lab/server.js';
import type {
  AdmissionPlugin,
  LabMiddleware,
  LabObject,
  LabRoute,
} from '../../../source/lab/types.js';

const run = promisify(execFile);

/** The few objects a fresh cluster has that the tests rely on. */
export const seedObjects: ReadonlyArray<readonly [string, LabObject]> = [
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

/** A running lab for one test file. */
export type LabFixture = Awaited<ReturnType<typeof startLab>>;

/** Starts a seeded lab on a free port and writes an admin kubeconfig in a temp dir. */
export async function startLab(
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
  const directory = await mkdtemp(path.join(tmpdir(), 'lab-kube-'));
  const kubeconfig = path.join(directory, 'kube.yml');
  const token = issueToken(key, adminUser());
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: lab\n  cluster:\n    server: ${url}\n    certificate-authority-data: ${Buffer.from(tls.cert).toString('base64')}`,
      'users:',
      `- name: admin\n  user:\n    token: ${token}`,
      'contexts:',
      '- name: lab\n  context:\n    cluster: lab\n    user: admin',
      'current-context: lab',
      '',
    ].join('\n'),
  );

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
    /** Runs the real kubectl against the lab; never throws, returns its exit code and output. */
    async kubectl(args: readonly string[], input?: string) {
      const child = run(
        '/usr/bin/kubectl',
        ['--kubeconfig', kubeconfig, '--cache-dir', path.join(directory, 'cache'), ...args],
        {
          env: {PATH: process.env['PATH'] ?? '', HOME: directory},
          timeout: 20_000,
        },
      );
      if (input !== undefined) {
        child.child.stdin?.end(input);
      }

      try {
        const {stdout, stderr} = await child;
        return {code: 0, stdout, stderr};
      } catch (error) {
        const failure = error as {code?: number; stdout?: string; stderr?: string};
        return {
          code: typeof failure.code === 'number' ? failure.code : -1,
          stdout: failure.stdout ?? '',
          stderr: failure.stderr ?? '',
        };
      }
    },
    async stop() {
      await server.close();
      await rm(directory, {recursive: true, force: true});
    },
  };
}
