import assert from 'node:assert/strict';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import {after, before, describe, it} from 'node:test';
import {strFromU8, unzipSync} from 'fflate';
import {parse as parseToml} from 'smol-toml';
import {parse as parseYaml} from 'yaml';
import {defaultMkeConfigToml} from '../../../source/lab/mke/default-config.js';
import {hashPassword} from '../../../source/lab/mke/password.js';
import {createMkeRoute, maxConfigBytes} from '../../../source/lab/mke/routes.js';
import type {LabUser, LabWorld} from '../../../source/lab/types.js';

function world(): LabWorld {
  return {
    vms: {},
    mke: {
      installed: true,
      version: '3.4.5',
      address: '192.168.123.202',
      adminUsername: 'admin',
      adminPasswordHash: hashPassword('adminadmin'),
      configToml: defaultMkeConfigToml(),
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

// A token is the user's name in this fake; the lab's real tokens come from the Kubernetes part.
const users: Record<string, LabUser> = {
  'token-admin': {name: 'admin', groups: [], mkeAdmin: true},
  'token-alice': {name: 'alice', groups: [], mkeAdmin: false},
};

function authenticate(request: IncomingMessage): LabUser | undefined {
  const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  return users[token];
}

describe('MKE API', () => {
  const labWorld = world();
  let changes = 0;
  let server: Server;
  let base = '';

  before(async () => {
    const route = createMkeRoute({
      world: labWorld,
      issueToken: (user) => `token-${user.name}`,
      authenticate,
      changed: () => changes++,
    });
    server = createServer((request, response) => {
      void (async () => {
        const handled = await route(request, response, new URL(request.url ?? '/', 'http://x'));
        if (!handled) response.writeHead(404).end();
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const admin = {Authorization: 'Bearer token-admin'};

  it('logs the admin in and answers with an auth token', async () => {
    const response = await fetch(`${base}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({username: 'admin', password: 'adminadmin'}),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['auth_token', 'token_id', 'user_agent']);
    assert.equal(body['auth_token'], 'token-admin');
  });

  it("refuses a wrong password with 401 in MKE's error shape", async () => {
    const response = await fetch(`${base}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({username: 'admin', password: 'wrong'}),
    });
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), {
      errors: [{code: 'UNAUTHORIZED', message: 'invalid username or password'}],
    });
  });

  it('serves the whole config as TOML with the four privileged-attribute keys, to admins only', async () => {
    const response = await fetch(`${base}/api/ucp/config-toml`, {headers: admin});
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/toml');
    const config = parseToml(await response.text());
    assert.deepEqual(
      Object.keys(config['cluster_config'] as object).filter((key) => key.startsWith('priv_')),
      [
        'priv_attributes_allowed_for_user_accounts',
        'priv_attributes_user_accounts',
        'priv_attributes_allowed_for_service_accounts',
        'priv_attributes_service_accounts',
      ],
    );
    const alice = await fetch(`${base}/api/ucp/config-toml`, {
      headers: {Authorization: 'Bearer token-alice'},
    });
    assert.equal(alice.status, 403);
    const nobody = await fetch(`${base}/api/ucp/config-toml`);
    assert.equal(nobody.status, 401);
  });

  it('replaces the whole file on PUT, and refuses non-TOML and huge bodies', async () => {
    const replaced =
      '[cluster_config]\n  priv_attributes_service_accounts = ["gitlab-runner:default"]\n';
    const put = await fetch(`${base}/api/ucp/config-toml`, {
      method: 'PUT',
      headers: admin,
      body: replaced,
    });
    assert.equal(put.status, 200);
    assert.equal(labWorld.mke.configToml, replaced);
    assert.equal(changes, 1);

    const bad = await fetch(`${base}/api/ucp/config-toml`, {
      method: 'PUT',
      headers: admin,
      body: '{"not": toml',
    });
    assert.equal(bad.status, 400);
    const badBody = (await bad.json()) as {errors: Array<{code: string; message: string}>};
    assert.equal(badBody.errors[0]?.code, 'INVALID_CONFIG');
    assert.equal(labWorld.mke.configToml, replaced);

    const huge = await fetch(`${base}/api/ucp/config-toml`, {
      method: 'PUT',
      headers: admin,
      body: `# ${'x'.repeat(maxConfigBytes)}`,
    });
    assert.equal(huge.status, 413);
  });

  it('returns a client bundle ZIP whose kube.yml points at the lab with the bearer token', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await fetch(`${base}/api/clientbundle?label=runbook`, {
        method,
        headers: admin,
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/zip');
      const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
      assert.deepEqual(Object.keys(files).sort(), [
        'ca.pem',
        'cert.pem',
        'cert.pub',
        'env.sh',
        'key.pem',
        'kube.yml',
        'ucp-docker-bundle.zip',
      ]);
      const kube = parseYaml(strFromU8(files['kube.yml']!)) as {
        clusters: Array<{cluster: {server: string}}>;
        users: Array<{user: {token: string}}>;
      };
      assert.equal(kube.clusters[0]?.cluster.server, base);
      assert.equal(kube.users[0]?.user.token, 'token-admin');
      assert.match(strFromU8(files['key.pem']!), /^-----BEGIN PRIVATE KEY-----/);
    }
  });

  it('does not answer at all before MKE is installed', async () => {
    labWorld.mke.installed = false;
    await assert.rejects(fetch(`${base}/auth/login`, {method: 'POST', body: '{}'}), TypeError);
    labWorld.mke.installed = true;
  });
});
