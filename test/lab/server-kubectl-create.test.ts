// The typed `kubectl create …` commands a participant types send protobuf bodies: each is
// accepted and the object reads back through `kubectl get -o json` as kubectl meant it.
import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {startKubeServer, type KubeServer} from '../helpers/lab.js';

let lab: KubeServer;
const contentTypes: string[] = [];

before(async () => {
  lab = await startKubeServer({
    middleware: [
      async (request, _response, url, next) => {
        if (request.method === 'POST') {
          contentTypes.push(`${url.pathname} ${request.headers['content-type'] ?? ''}`);
        }

        await next();
      },
    ],
  });
});

after(async () => {
  await lab.stop();
});

type Case = {
  readonly args: readonly string[];
  readonly printed: string;
  readonly get: readonly string[];
  readonly json: string;
  /** What the object must hold, read back through `at(key, …)`. */
  readonly expect: (at: (...keys: string[]) => unknown) => unknown;
  readonly expected: unknown;
};

const protobuf = 'application/vnd.kubernetes.protobuf';

const cases: Case[] = [
  {
    args: ['create', 'namespace', 'gitlab-runner'],
    printed: 'namespace/gitlab-runner created',
    get: ['namespace', 'gitlab-runner'],
    json: protobuf,
    expect: (at) => at('status', 'phase'),
    expected: 'Active',
  },
  {
    args: ['create', 'serviceaccount', 'runner', '-n', 'gitlab-runner'],
    printed: 'serviceaccount/runner created',
    get: ['serviceaccount', 'runner', '-n', 'gitlab-runner'],
    json: protobuf,
    expect: (at) => [at('metadata', 'name'), at('metadata', 'namespace')],
    expected: ['runner', 'gitlab-runner'],
  },
  {
    args: [
      'create',
      'clusterrolebinding',
      'runner-admin',
      '--clusterrole=cluster-admin',
      '--serviceaccount=gitlab-runner:runner',
    ],
    printed: 'clusterrolebinding.rbac.authorization.k8s.io/runner-admin created',
    get: ['clusterrolebinding', 'runner-admin'],
    json: protobuf,
    expect: (at) => [at('roleRef'), at('subjects')],
    expected: [
      {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin'},
      [{kind: 'ServiceAccount', name: 'runner', namespace: 'gitlab-runner'}],
    ],
  },
  {
    args: ['create', 'clusterrole', 'node-reader', '--verb=get,list', '--resource=nodes'],
    printed: 'clusterrole.rbac.authorization.k8s.io/node-reader created',
    get: ['clusterrole', 'node-reader'],
    json: protobuf,
    expect: (at) => at('rules'),
    expected: [{apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list']}],
  },
  {
    args: ['create', 'role', 'pod-reader', '--verb=get', '--resource=pods', '-n', 'gitlab-runner'],
    printed: 'role.rbac.authorization.k8s.io/pod-reader created',
    get: ['role', 'pod-reader', '-n', 'gitlab-runner'],
    json: protobuf,
    expect: (at) => at('rules'),
    expected: [{apiGroups: [''], resources: ['pods'], verbs: ['get']}],
  },
  {
    args: [
      'create',
      'rolebinding',
      'pod-reader',
      '--role=pod-reader',
      '--serviceaccount=gitlab-runner:runner',
      '-n',
      'gitlab-runner',
    ],
    printed: 'rolebinding.rbac.authorization.k8s.io/pod-reader created',
    get: ['rolebinding', 'pod-reader', '-n', 'gitlab-runner'],
    json: protobuf,
    expect: (at) => [at('roleRef'), at('subjects')],
    expected: [
      {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader'},
      [{kind: 'ServiceAccount', name: 'runner', namespace: 'gitlab-runner'}],
    ],
  },
  {
    args: [
      'create',
      'secret',
      'generic',
      'runner-token',
      '--from-literal=runner-registration-token=glrt-1',
      '--from-literal=runner-token=',
      '-n',
      'gitlab-runner',
    ],
    printed: 'secret/runner-token created',
    get: ['secret', 'runner-token', '-n', 'gitlab-runner'],
    json: protobuf,
    expect: (at) => [at('type'), at('data')],
    expected: [
      'Opaque',
      {'runner-registration-token': Buffer.from('glrt-1').toString('base64'), 'runner-token': ''},
    ],
  },
  {
    args: [
      'create',
      'secret',
      'docker-registry',
      'registry',
      '--docker-server=registry.example.com',
      '--docker-username=u',
      '--docker-password=p',
      '-n',
      'gitlab-runner',
    ],
    printed: 'secret/registry created',
    get: ['secret', 'registry', '-n', 'gitlab-runner'],
    json: protobuf,
    expect: (at) => [
      at('type'),
      JSON.parse(Buffer.from(String(at('data', '.dockerconfigjson')), 'base64').toString()),
    ],
    expected: [
      'kubernetes.io/dockerconfigjson',
      {auths: {'registry.example.com': {username: 'u', password: 'p', auth: 'dTpw'}}},
    ],
  },
  {
    args: ['create', 'configmap', 'settings', '--from-literal=concurrent=4', '-n', 'gitlab-runner'],
    printed: 'configmap/settings created',
    get: ['configmap', 'settings', '-n', 'gitlab-runner'],
    json: protobuf,
    expect: (at) => at('data'),
    expected: {concurrent: '4'},
  },
  {
    args: [
      'create',
      'deployment',
      'web',
      '--image=nginx:1.21',
      '--replicas=2',
      '--port=8080',
      '-n',
      'gitlab-runner',
    ],
    printed: 'deployment.apps/web created',
    get: ['deployment', 'web', '-n', 'gitlab-runner'],
    json: protobuf,
    expect: (at) => [
      at('spec', 'replicas'),
      at('spec', 'selector'),
      at('spec', 'template', 'metadata', 'labels'),
      at('spec', 'template', 'spec', 'containers', '0', 'name'),
      at('spec', 'template', 'spec', 'containers', '0', 'image'),
      at('spec', 'template', 'spec', 'containers', '0', 'ports'),
      at('spec', 'strategy', 'type'),
    ],
    expected: [
      2,
      {matchLabels: {app: 'web'}},
      {app: 'web'},
      'nginx',
      'nginx:1.21',
      [{containerPort: 8080}],
      'RollingUpdate',
    ],
  },
  {
    args: ['create', 'service', 'clusterip', 'web', '--tcp=80:8080', '-n', 'gitlab-runner'],
    printed: 'service/web created',
    get: ['service', 'web', '-n', 'gitlab-runner'],
    json: protobuf,
    expect: (at) => [at('spec', 'type'), at('spec', 'ports')],
    expected: ['ClusterIP', [{name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080}]],
  },
  {
    args: ['create', 'service', 'nodeport', 'web-np', '--tcp=80:8080', '-n', 'gitlab-runner'],
    printed: 'service/web-np created',
    get: ['service', 'web-np', '-n', 'gitlab-runner'],
    json: protobuf,
    // The API server gives it a port in 30000–32767 when the request names none.
    expect: (at) => [at('spec', 'type'), typeof at('spec', 'ports', '0', 'nodePort')],
    expected: ['NodePort', 'number'],
  },
  {
    args: ['run', 'shell', '--image=busybox', '-n', 'gitlab-runner'],
    printed: 'pod/shell created',
    get: ['pod', 'shell', '-n', 'gitlab-runner'],
    // kubectl run sends JSON, with `creationTimestamp: null`.
    json: 'application/json',
    expect: (at) => [at('metadata', 'labels'), at('spec', 'containers', '0', 'image')],
    expected: [{run: 'shell'}, 'busybox'],
  },
];

for (const c of cases) {
  test(`kubectl ${c.args.slice(0, 3).join(' ')} is created and reads back`, async () => {
    contentTypes.length = 0;
    const created = await lab.kubectl(c.args);
    assert.deepEqual([created.code, created.stdout, created.stderr], [0, `${c.printed}\n`, '']);
    assert.match(contentTypes.at(-1) ?? '', new RegExp(` ${c.json.replaceAll('.', '\\.')}$`));
    const got = await lab.kubectl(['get', ...c.get, '-o', 'json']);
    assert.equal(got.code, 0, got.stderr);
    const object: unknown = JSON.parse(got.stdout);
    const at = (...keys: string[]) =>
      keys.reduce<unknown>(
        (value, key) =>
          typeof value === 'object' && value !== null
            ? (value as Record<string, unknown>)[key]
            : undefined,
        object,
      );
    assert.deepEqual(c.expect(at), c.expected);
  });
}

test('kubectl create -f sends JSON and is created', async () => {
  const file = path.join(lab.directory, 'configmap.yaml');
  await writeFile(
    file,
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-file, namespace: gitlab-runner}\ndata: {a: b}\n',
  );
  contentTypes.length = 0;
  const created = await lab.kubectl(['create', '-f', file]);
  assert.deepEqual([created.code, created.stdout], [0, 'configmap/from-file created\n']);
  assert.match(contentTypes.at(-1) ?? '', / application\/json$/);
});

test('kubectl create job: the lab has no batch API, and kubectl says so', async () => {
  const job = await lab.kubectl([
    'create',
    'job',
    'once',
    '--image=busybox',
    '-n',
    'gitlab-runner',
  ]);
  assert.deepEqual(
    [job.code, job.stderr.trim()],
    [1, 'error: failed to create job: the server could not find the requested resource'],
  );
});

// A protobuf field: a varint, or length-delimited bytes.
function field(number: number, value: number | string | Buffer): Buffer {
  const varint = (n: number) => {
    const out: number[] = [];
    let rest = n;
    while (rest >= 0x80) {
      out.push((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }

    return [...out, rest];
  };
  if (typeof value === 'number') return Buffer.from([...varint(number << 3), ...varint(value)]);
  const bytes = Buffer.from(value);
  return Buffer.from([...varint((number << 3) | 2), ...varint(bytes.length), ...bytes]);
}

async function post(
  url: string,
  body: Buffer,
): Promise<{code: number; status: {reason?: string; message?: string}}> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'POST',
        ca: lab.tls.cert,
        headers: {
          Authorization: `Bearer ${lab.token}`,
          'Content-Type': protobuf,
          Accept: 'application/json',
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            code: response.statusCode ?? 0,
            status: JSON.parse(Buffer.concat(chunks).toString()) as {message?: string},
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

test('a malformed protobuf body is a 400 that names the field', async () => {
  const deployment = (spec: Buffer) =>
    Buffer.concat([
      Buffer.from('k8s\0'),
      field(1, Buffer.concat([field(1, 'apps/v1'), field(2, 'Deployment')])),
      field(2, Buffer.concat([field(1, field(1, 'broken')), field(2, spec)])),
    ]);
  const url = `${lab.url}/apis/apps/v1/namespaces/gitlab-runner/deployments`;
  const wrongType = await post(url, deployment(field(1, 'two')));
  assert.deepEqual(
    [wrongType.code, wrongType.status.reason, wrongType.status.message],
    [
      400,
      'BadRequest',
      'protobuf: field Deployment.spec.replicas should be a varint, got wire type 2',
    ],
  );
  const truncated = await post(url, deployment(field(3, 'xy').subarray(0, 3)));
  assert.deepEqual(
    [truncated.code, truncated.status.message],
    [400, 'protobuf: truncated field 3 in Deployment.spec'],
  );
  assert.equal((await lab.kubectl(['get', 'deployment', 'broken', '-n', 'gitlab-runner'])).code, 1);
});
