import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  kubeRunnerReady,
  kubeRunnerServiceAccount,
} from '../../../source/actions/domain/kube-runner-service-account.js';
import {kubeRunnerTokenSecret} from '../../../source/actions/domain/kube-secrets.js';
import type {KubeObject} from '../../../source/integrations/kube-port.js';
import {fakeContext, fakeKube} from './fakes.js';

function runnerDeployment(name: string, serviceAccount: string, ready = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name, namespace: 'gitlab-runner', labels: {app: name, release: 'gitlab-runner'}},
    spec: {replicas: 1, template: {spec: {serviceAccountName: serviceAccount}}},
    status: {readyReplicas: ready},
  };
}

const args = {kubeconfig: '/b/kube.yml', namespace: 'gitlab-runner', release: 'gitlab-runner'};

for (const [era, name, serviceAccount] of [
  ['2021', 'gitlab-runner-gitlab-runner', 'gitlab-runner-gitlab-runner'],
  ['current', 'gitlab-runner', 'gitlab-runner'],
] as const) {
  test(`reads the service account the ${era} chart rendered`, async () => {
    const kube = fakeKube([runnerDeployment(name, serviceAccount)]);
    const {ctx} = fakeContext({kube: kube.port});
    const result = await kubeRunnerServiceAccount.run(args, ctx);
    assert.deepEqual(result.ok ? result.outputs : undefined, {
      deployment: name,
      serviceAccount,
      qualified: `gitlab-runner:${serviceAccount}`,
      buildServiceAccount: 'default',
      buildQualified: 'gitlab-runner:default',
    });
  });
}

test('takes the build pods service account from the runner config map', async () => {
  const configMap: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'gitlab-runner',
      namespace: 'gitlab-runner',
      labels: {release: 'gitlab-runner'},
    },
    data: {
      'config.template.toml':
        '[[runners]]\n  [runners.kubernetes]\n    service_account = "builder"\n',
    },
  };
  const kube = fakeKube([runnerDeployment('gitlab-runner', 'gitlab-runner'), configMap]);
  const result = await kubeRunnerServiceAccount.run(args, fakeContext({kube: kube.port}).ctx);
  assert.equal(result.ok ? result.outputs?.['buildQualified'] : undefined, 'gitlab-runner:builder');
});

test('the runner-ready probe holds only when the deployment is ready', async () => {
  const notReady = fakeKube([runnerDeployment('gitlab-runner', 'gitlab-runner', 0)]);
  const ready = fakeKube([runnerDeployment('gitlab-runner', 'gitlab-runner', 1)]);
  assert.equal(
    (await kubeRunnerReady.run(args, fakeContext({kube: notReady.port}).ctx)).holds,
    false,
  );
  const probe = await kubeRunnerReady.run(args, fakeContext({kube: ready.port}).ctx);
  assert.equal(probe.holds, true);
  assert.equal(probe.outputs?.['qualified'], 'gitlab-runner:gitlab-runner');
});

test('fails with a hint when the release has no deployment', async () => {
  const result = await kubeRunnerServiceAccount.run(args, fakeContext({kube: fakeKube().port}).ctx);
  assert.equal(result.ok ? undefined : result.error.code, 'not-found');
});

for (const [token, key, kind] of [
  ['glrt-abcdef123456', 'runner-token', 'authentication'],
  ['GR1348941legacy', 'runner-registration-token', 'registration'],
] as const) {
  test(`puts a ${kind} token in the Secret under ${key}, and nowhere else`, async () => {
    const kube = fakeKube();
    const {ctx, text} = fakeContext({kube: kube.port, secrets: {runner_token: token}});
    const secretArgs = {
      kubeconfig: '/b/kube.yml',
      namespace: 'gitlab-runner',
      name: 'gitlab-runner-token',
      tokenParam: 'runner_token',
    };
    const result = await kubeRunnerTokenSecret.run(secretArgs, ctx);
    assert.deepEqual(result, {ok: true, outputs: {tokenKind: kind}});
    const secret = kube.store.get('Secret/gitlab-runner/gitlab-runner-token');
    const data = secret?.['data'] as Record<string, string>;
    assert.equal(Buffer.from(data[key] ?? '', 'base64').toString(), token);
    assert.ok(!text().includes(token));
    const plan = await kubeRunnerTokenSecret.describe(secretArgs, ctx);
    assert.ok(!JSON.stringify(plan).includes(token));
    assert.match(JSON.stringify(plan), /<secret: runner_token>/);
  });
}
