import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import {createKubeFactory} from '../../source/integrations/kube.js';
import {KubeError} from '../../source/integrations/kube-port.js';

// A hand-made API server: just enough discovery and endpoints to see what kube.ts sends.

type Seen = {method: string; url: string; headers: http.IncomingHttpHeaders; body: string};
const seen: Seen[] = [];
const refusal =
  'pods "probe" is forbidden: non-admin user "gitlab-runner:gitlab-runner" [service account "gitlab-runner:default"]. The configured privileged attributes access for non-admin users ("[]")("[]") and for service accounts ("[]")("[]") lack required permissions to use attributes [privileged] for resource .';

const resources = {
  '/api/v1': [
    {name: 'pods', namespaced: true, kind: 'Pod', verbs: []},
    {name: 'namespaces', namespaced: false, kind: 'Namespace', verbs: []},
  ],
  '/apis/apps/v1': [{name: 'deployments', namespaced: true, kind: 'Deployment', verbs: []}],
} as const;

let deploymentReady = 0;
const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {name: 'gitlab-runner', namespace: 'gitlab-runner', resourceVersion: '3'},
  spec: {replicas: 1},
  status: {readyReplicas: deploymentReady},
});

const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://x');
    seen.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body,
    });
    const json = (status: number, value: unknown) => {
      response.statusCode = status;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(value));
    };
    const found = Object.entries(resources).find(([prefix]) => url.pathname === prefix);
    if (found)
      return json(200, {kind: 'APIResourceList', groupVersion: found[0], resources: found[1]});
    if (url.pathname === '/version')
      return json(200, {gitVersion: 'v1.20.15-mirantis-1', major: '1', minor: '20'});
    if (url.pathname === '/api/v1/namespaces/gitlab-runner/pods' && request.method === 'POST') {
      if (
        request.headers['impersonate-user'] === 'system:serviceaccount:gitlab-runner:gitlab-runner'
      )
        return json(403, {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          message: refusal,
          reason: 'Forbidden',
          code: 403,
        });
      return json(201, JSON.parse(body));
    }
    if (url.pathname === '/api/v1/namespaces/gitlab-runner' && request.method === 'PATCH')
      return json(200, {
        ...JSON.parse(body),
        metadata: {name: 'gitlab-runner', resourceVersion: '2'},
      });
    if (url.pathname === '/api/v1/namespaces/absent')
      return json(404, {kind: 'Status', message: 'namespaces "absent" not found', code: 404});
    if (
      url.pathname === '/apis/apps/v1/namespaces/gitlab-runner/deployments' &&
      url.searchParams.get('watch') === 'true'
    ) {
      response.setHeader('content-type', 'application/json');
      setTimeout(() => {
        deploymentReady = 1;
        response.end(JSON.stringify({type: 'MODIFIED', object: deployment()}) + '\n');
      }, 50);
      return;
    }
    if (url.pathname === '/apis/apps/v1/namespaces/gitlab-runner/deployments')
      return json(200, {
        kind: 'DeploymentList',
        apiVersion: 'apps/v1',
        metadata: {resourceVersion: '3'},
        items: [deployment()],
      });
    if (url.pathname === '/api/v1/namespaces/gitlab-runner/pods/runner-1/log') {
      response.setHeader('content-type', 'text/plain');
      response.end('line 1\nline 2\n');
      return;
    }
    json(404, {kind: 'Status', message: `no route ${url.pathname}`, code: 404});
  });
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kube-test-'));
const kubeconfig = path.join(dir, 'kube.yml');
await fs.writeFile(
  kubeconfig,
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: ucp, cluster: {server: "https://192.168.123.202:6443"}}]',
    'users: [{name: admin, user: {token: admin-token}}]',
    'contexts: [{name: ucp_admin, context: {cluster: ucp, user: admin}}]',
    'current-context: ucp_admin',
  ].join('\n'),
);
const kube = await createKubeFactory({labUrl: apiUrl})(kubeconfig);

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fs.rm(dir, {recursive: true, force: true});
});

const probePod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {name: 'probe', namespace: 'gitlab-runner'},
  spec: {
    containers: [{name: 'build', image: 'docker:18.09-dind', securityContext: {privileged: true}}],
  },
};

test('reads the server version through the lab URL with the kubeconfig token', async () => {
  assert.equal(await kube.version(), 'v1.20.15-mirantis-1');
  assert.equal(seen.at(-1)?.headers.authorization, 'Bearer admin-token');
});

test('applies server-side with the field manager, force and the apply content type', async () => {
  const applied = await kube.apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {name: 'gitlab-runner'},
  });
  assert.equal(applied.metadata.name, 'gitlab-runner');
  const request = seen.find((s) => s.method === 'PATCH');
  assert.equal(request?.headers['content-type'], 'application/apply-patch+yaml');
  assert.match(request?.url ?? '', /fieldManager=mke-runbook/);
  assert.match(request?.url ?? '', /force=true/);
});

test('sends a dry-run create with dryRun=All and no impersonation when none is asked', async () => {
  const created = await kube.create(probePod, {dryRun: true});
  assert.equal(created.metadata.name, 'probe');
  const request = seen.findLast((s) => s.method === 'POST');
  assert.match(request?.url ?? '', /dryRun=All/);
  assert.equal(request?.headers['impersonate-user'], undefined);
});

test('impersonates the requester and maps the 403 to forbidden with MKE words', async () => {
  await assert.rejects(
    kube.create(probePod, {
      dryRun: true,
      impersonate: 'system:serviceaccount:gitlab-runner:gitlab-runner',
    }),
    (error: unknown) =>
      error instanceof KubeError &&
      error.code === 'forbidden' &&
      error.status === 403 &&
      error.detail === refusal,
  );
});

test('returns undefined for an object that does not exist', async () => {
  assert.equal(await kube.get('v1', 'Namespace', 'absent'), undefined);
});

test('waits by watching until the deployment is ready', async () => {
  const found = await kube.waitFor(
    'apps/v1',
    'Deployment',
    'gitlab-runner',
    'gitlab-runner',
    (object) => JSON.stringify(object?.['status']) === '{"readyReplicas":1}',
    {description: 'deployment ready', timeoutMs: 3000},
  );
  assert.equal(found?.metadata.name, 'gitlab-runner');
  assert.ok(seen.some((s) => /watch=true/.test(s.url) && /resourceVersion=3/.test(s.url)));
});

test('reads a pod log', async () => {
  assert.equal(await kube.logs('runner-1', 'gitlab-runner'), 'line 1\nline 2\n');
});

test('reports a kubeconfig that cannot be read as invalid', async () => {
  await assert.rejects(
    createKubeFactory()(path.join(dir, 'missing.yml')),
    (error: unknown) => error instanceof KubeError && error.code === 'invalid',
  );
});
