// The lab server over HTTPS: authentication, media types, verbs, watch streams, middleware, routes.
import assert from 'node:assert/strict';
import {request as httpsRequest} from 'node:https';
import {after, before, test} from 'node:test';
import {issueToken, serviceAccountUser} from '../../source/lab/kube/auth.js';
import {startKubeServer, type KubeServer} from '../helpers/lab.js';

let lab: KubeServer;
const calls: string[] = [];

before(async () => {
  lab = await startKubeServer({
    middleware: [
      async (request, _response, url, next) => {
        calls.push(`${request.method ?? ''} ${url.pathname}`);
        await next();
      },
      async (_request, response, url, next) => {
        if (url.pathname === '/_fault') response.writeHead(500).end('injected');
        else await next();
      },
    ],
    routes: [
      (_request, response, url) => {
        if (url.pathname !== '/auth/login') return false;
        response.writeHead(200, {'Content-Type': 'application/json'}).end('{"auth_token":"x"}');
        return true;
      },
    ],
  });
});

after(async () => {
  await lab.stop();
});

type Reply = {readonly status: number; readonly type: string; readonly body: string};

function call(
  method: string,
  path: string,
  options: {
    readonly headers?: Record<string, string>;
    readonly body?: string;
    readonly token?: string | null;
  } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const token = options.token === undefined ? lab.token : options.token;
    const request = httpsRequest(
      `${lab.url}${path}`,
      {
        method,
        agent: false,
        ca: lab.tls.cert,
        headers: {...(token ? {Authorization: `Bearer ${token}`} : {}), ...options.headers},
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: response.headers['content-type'] ?? '',
            body,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

function message(reply: Reply): [number, string, string] {
  const status = JSON.parse(reply.body) as {reason: string; message: string};
  return [reply.status, status.reason, status.message];
}

test('answers 401 Unauthorized without a token or with a forged one', async () => {
  const forged = issueToken('another lab', serviceAccountUser('default', 'default'));
  assert.deepEqual(
    [
      message(await call('GET', '/api/v1/namespaces', {token: null})),
      message(await call('GET', '/api/v1/namespaces', {token: forged})),
    ],
    [
      [401, 'Unauthorized', 'Unauthorized'],
      [401, 'Unauthorized', 'Unauthorized'],
    ],
  );
});

test('passes requests to extra routes first and through every middleware', async () => {
  calls.length = 0;
  const login = await call('POST', '/auth/login', {token: null, body: '{}'});
  const fault = await call('GET', '/_fault');
  assert.deepEqual(
    [login.status, login.body, fault.status, fault.body],
    [200, '{"auth_token":"x"}', 500, 'injected'],
  );
  assert.deepEqual(calls, ['POST /auth/login', 'GET /_fault']);
});

test('serves discovery for the groups MKE 3.4 has', async () => {
  const version = JSON.parse((await call('GET', '/version')).body) as {gitVersion: string};
  const groups = JSON.parse((await call('GET', '/apis')).body) as {groups: Array<{name: string}>};
  const policy = JSON.parse((await call('GET', '/apis/policy/v1beta1')).body) as {
    resources: Array<{name: string; shortNames?: string[]}>;
  };
  assert.equal(version.gitVersion, 'v1.20.15-mirantis-1');
  assert.deepEqual(
    groups.groups.map((group) => group.name),
    ['apps', 'rbac.authorization.k8s.io', 'policy', 'authorization.k8s.io'],
  );
  assert.deepEqual(policy.resources, [
    {...policy.resources[0], name: 'podsecuritypolicies', shortNames: ['psp']},
  ]);
});

test('answers unknown paths, unsupported verbs and media types with Kubernetes statuses', async () => {
  const json = {'Content-Type': 'application/json'};
  assert.deepEqual(
    [
      message(await call('GET', '/apis/batch/v1/jobs')),
      message(await call('POST', '/api/v1/namespaces/default', {headers: json, body: '{}'})),
      message(
        await call('PATCH', '/api/v1/namespaces/default', {
          headers: {'Content-Type': 'text/plain'},
          body: 'x',
        }),
      ),
      message(await call('POST', '/api/v1/namespaces', {headers: json, body: '{not json'})).slice(
        0,
        2,
      ),
    ],
    [
      [404, 'NotFound', 'the server could not find the requested resource'],
      [405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'],
      [
        415,
        'UnsupportedMediaType',
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
      ],
      [400, 'BadRequest'],
    ],
  );
});

test('refuses impersonation to a caller without the impersonate verb', async () => {
  const token = issueToken(lab.key, serviceAccountUser('default', 'builder'));
  const reply = await call('GET', '/api/v1/namespaces', {
    token,
    headers: {'Impersonate-User': 'admin'},
  });
  assert.deepEqual(message(reply), [
    403,
    'Forbidden',
    'users "admin" is forbidden: User "system:serviceaccount:default:builder" cannot impersonate resource "users" in API group "" at the cluster scope',
  ]);
});

test('creates with dryRun=All without storing, and with a generated name', async () => {
  const reply = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', {
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({apiVersion: 'v1', kind: 'ConfigMap', metadata: {generateName: 'probe-'}}),
  });
  const created = JSON.parse(reply.body) as {metadata: {name: string}};
  assert.equal(reply.status, 201);
  assert.match(created.metadata.name, /^probe-[a-z\d]{5}$/);
  assert.deepEqual(lab.store.list('configmaps').items, []);
});

test('streams watch events as JSON lines from a resourceVersion until timeoutSeconds', async () => {
  const from = lab.store.resourceVersion();
  const ns = {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'watched'}};
  await lab.api.create(lab.system, 'namespaces', undefined, ns);
  const started = Date.now();
  const pending = call(
    'GET',
    `/api/v1/namespaces?watch=true&resourceVersion=${from}&timeoutSeconds=1`,
  );
  setTimeout(() => void lab.api.delete(lab.system, 'namespaces', undefined, 'watched'), 100);
  const reply = await pending;
  const events = reply.body
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as {type: string; object: {kind: string; metadata: {name: string}}},
    );
  assert.deepEqual(
    events.map((event) => `${event.type} ${event.object.kind} ${event.object.metadata.name}`),
    ['ADDED Namespace watched', 'DELETED Namespace watched'],
  );
  assert.ok(Date.now() - started < 1900, 'the watch ended at its timeout');
});

test('reports a too-old resourceVersion inside the watch stream as 410 Expired', async () => {
  const small = await startKubeServer({historyLimit: 1});
  try {
    for (const name of ['a', 'b', 'c'])
      await small.api.create(small.system, 'namespaces', undefined, {metadata: {name}});
    const reply = await new Promise<string>((resolve, reject) => {
      const request = httpsRequest(
        `${small.url}/api/v1/watch/namespaces?resourceVersion=1`,
        {ca: small.tls.cert, headers: {Authorization: `Bearer ${small.token}`}},
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve(body));
        },
      );
      request.on('error', reject);
      request.end();
    });
    const event = JSON.parse(reply) as {type: string; object: {code: number; reason: string}};
    assert.deepEqual(
      [event.type, event.object.code, event.object.reason],
      ['ERROR', 410, 'Expired'],
    );
  } finally {
    await small.stop();
  }
});

test('closes open watches when the server closes', async () => {
  const other = await startKubeServer();
  const ended = new Promise<void>((resolve, reject) => {
    const request = httpsRequest(
      `${other.url}/api/v1/namespaces?watch=1`,
      {ca: other.tls.cert, headers: {Authorization: `Bearer ${other.token}`}},
      (response) => {
        response.resume();
        response.on('close', () => resolve());
      },
    );
    request.on('error', () => resolve());
    request.on('timeout', () => reject(new Error('timeout')));
    request.end();
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = Date.now();
  await other.stop();
  await ended;
  assert.ok(Date.now() - started < 1000);
});

test('follows a container log until the pod finishes', async () => {
  await lab.api.create(lab.system, 'pods', 'default', {
    metadata: {name: 'job-pod'},
    spec: {containers: [{name: 'build', image: 'alpine'}]},
  });
  lab.store.appendLog('default', 'job-pod', 'build', 'Running on runner\n');
  const following = call('GET', '/api/v1/namespaces/default/pods/job-pod/log?follow=true');
  setTimeout(() => {
    lab.store.appendLog('default', 'job-pod', 'build', 'Job succeeded\n');
    const pod = lab.store.get('pods', 'default', 'job-pod');
    if (pod) lab.store.update('pods', {...pod, status: {phase: 'Succeeded'}});
  }, 100);
  const reply = await following;
  assert.deepEqual(
    [reply.status, reply.type, reply.body],
    [200, 'text/plain', 'Running on runner\nJob succeeded\n'],
  );
});
