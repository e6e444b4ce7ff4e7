import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parse} from 'smol-toml';
import type {HttpRequest} from '../../../source/integrations/ports.js';
import {
  mkeGrantPrivileged,
  mkePrivilegeGranted,
  mkeRevokePrivileged,
} from '../../../source/actions/domain/mke-grant.js';
import {fakeContext, fakeHttp} from './fakes.js';

const password = 'adminadmin-secret';
const initialToml = [
  '[cluster_config]',
  '  controller_port = 443',
  '  priv_attributes_allowed_for_service_accounts = ["hostBindMounts"]',
  '  priv_attributes_service_accounts = ["system-upgrade:system-upgrade"]',
  '',
].join('\n');

function fakeMke(toml = initialToml) {
  const state = {toml, puts: 0};
  const http = fakeHttp((request: HttpRequest) => {
    const path = new URL(request.url).pathname;
    if (path === '/auth/login') {
      const body = JSON.parse(String(request.body)) as {password: string};
      return body.password === password
        ? {status: 200, body: '{"auth_token":"tok-1","token_id":"x"}'}
        : {
            status: 401,
            body: '{"errors":[{"code":"UNAUTHORIZED","message":"invalid username or password"}]}',
          };
    }
    if (request.headers?.['authorization'] !== 'Bearer tok-1')
      return {status: 401, body: '{"errors":[{"message":"unauthorized"}]}'};
    if (path === '/api/ucp/config-toml' && request.method === 'GET')
      return {status: 200, body: state.toml};
    if (path === '/api/ucp/config-toml' && request.method === 'PUT') {
      state.toml = String(request.body);
      state.puts++;
      return {status: 200, body: '{"message":"Configuration updated successfully"}'};
    }
    return {status: 404, body: 'not found'};
  });
  return {state, http};
}

const args = {
  url: 'https://192.168.123.202',
  username: 'admin',
  passwordParam: 'admin_password',
  serviceAccounts: ['gitlab-runner:gitlab-runner-gitlab-runner', 'gitlab-runner:default'],
  attributes: ['privileged'],
};

test('merges the runner and build accounts into MKE config, keeping the existing grants', async () => {
  const {state, http} = fakeMke();
  const {ctx, text} = fakeContext({http: http.port, secrets: {admin_password: password}});
  const result = await mkeGrantPrivileged.run(args, ctx);
  assert.deepEqual(result, {ok: true, outputs: {changed: true}});
  const config = parse(state.toml) as {cluster_config: Record<string, unknown>};
  assert.deepEqual(
    {...config.cluster_config},
    {
      controller_port: 443,
      priv_attributes_allowed_for_service_accounts: ['hostBindMounts', 'privileged'],
      priv_attributes_service_accounts: [
        'system-upgrade:system-upgrade',
        'gitlab-runner:gitlab-runner-gitlab-runner',
        'gitlab-runner:default',
      ],
    },
  );
  assert.match(text(), /^\+.*gitlab-runner:gitlab-runner-gitlab-runner/m);
  assert.match(text(), /read back: the grant is in place/);
  assert.deepEqual(
    http.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`),
    [
      'POST /auth/login',
      'GET /api/ucp/config-toml',
      'PUT /api/ucp/config-toml',
      'GET /api/ucp/config-toml',
    ],
  );
  assert.equal(http.requests[0]?.insecure, true);
});

test('does not PUT when the grant is already there', async () => {
  const {state, http} = fakeMke();
  const {ctx} = fakeContext({http: http.port, secrets: {admin_password: password}});
  await mkeGrantPrivileged.run(args, ctx);
  const second = await mkeGrantPrivileged.run(args, ctx);
  assert.deepEqual(second, {ok: true, outputs: {changed: false}});
  assert.equal(state.puts, 1);
});

test('revoking merges the accounts out and keeps the other entries', async () => {
  const {state, http} = fakeMke();
  const {ctx} = fakeContext({http: http.port, secrets: {admin_password: password}});
  await mkeGrantPrivileged.run(args, ctx);
  const result = await mkeRevokePrivileged.run(args, ctx);
  assert.equal(result.ok, true);
  const config = parse(state.toml) as {
    cluster_config: {priv_attributes_service_accounts: string[]};
  };
  assert.deepEqual(config.cluster_config.priv_attributes_service_accounts, [
    'system-upgrade:system-upgrade',
  ]);
  const probe = await mkePrivilegeGranted.run(args, ctx);
  assert.equal(probe.holds, false);
});

test('reports a refused login with MKE words and a hint, and sends no PUT', async () => {
  const {state, http} = fakeMke();
  const {ctx} = fakeContext({http: http.port, secrets: {admin_password: 'wrong'}});
  const result = await mkeGrantPrivileged.run(args, ctx);
  assert.equal(result.ok, false);
  assert.deepEqual(result.ok ? undefined : {code: result.error.code, detail: result.error.detail}, {
    code: 'unauthorized',
    detail: 'invalid username or password',
  });
  assert.equal(state.puts, 0);
});

test('keeps the password out of the plan, the output and the outputs', async () => {
  const {http} = fakeMke();
  const {ctx, text} = fakeContext({http: http.port, secrets: {admin_password: password}});
  const plan = await mkeGrantPrivileged.describe(args, ctx);
  const result = await mkeGrantPrivileged.run(args, ctx);
  assert.ok(!JSON.stringify(plan).includes(password));
  assert.ok(!text().includes(password));
  assert.ok(!JSON.stringify(result).includes(password));
  assert.match(
    JSON.stringify(plan),
    /Admin Settings → Orchestration \(→ Privileges from MKE 3\.6\.1\)/,
  );
  // The password is sent, but only in the login body.
  assert.equal(http.requests.filter((r) => String(r.body ?? '').includes(password)).length, 1);
});

test('refuses arguments that are not MKE attribute names or namespace:name accounts', () => {
  assert.equal(mkeGrantPrivileged.check({...args, attributes: ['root']}).ok, false);
  assert.equal(mkeGrantPrivileged.check({...args, serviceAccounts: ['gitlab-runner']}).ok, false);
  assert.equal(mkeGrantPrivileged.check({...args, password: 'x'}).ok, false);
  assert.equal(mkeGrantPrivileged.check(args).ok, true);
});
