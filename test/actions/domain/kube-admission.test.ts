import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  impersonationUser,
  kubeAdmissionAllowed,
  kubeAdmissionProbe,
} from '../../../source/actions/domain/kube-admission.js';
import {KubeError, type KubeObject} from '../../../source/integrations/kube-port.js';
import {fakeContext, fakeKube} from './fakes.js';

const refusal =
  'pods "mke-runbook-admission-probe" is forbidden: non-admin user "gitlab-runner:gitlab-runner-gitlab-runner" [service account "gitlab-runner:default"]. The configured privileged attributes access for non-admin users ("[]")("[]") and for service accounts ("[]")("[]") lack required permissions to use attributes [privileged] for resource .';

const args = {
  kubeconfig: '/b/kube.yml',
  namespace: 'gitlab-runner',
  requester: 'gitlab-runner:gitlab-runner-gitlab-runner',
  podServiceAccount: 'default',
  image: 'docker:18.09-dind',
  privileged: 'true',
};

test('writes the impersonated user as Kubernetes does for each accepted requester form', () => {
  assert.deepEqual(
    [
      impersonationUser('gitlab-runner:gitlab-runner', 'x'),
      impersonationUser('gitlab-runner', 'ns'),
      impersonationUser('system:serviceaccount:a:b', 'x'),
    ],
    [
      'system:serviceaccount:gitlab-runner:gitlab-runner',
      'system:serviceaccount:ns:gitlab-runner',
      'system:serviceaccount:a:b',
    ],
  );
});

test('dry-runs a privileged pod as the runner and passes when it is admitted', async () => {
  const kube = fakeKube();
  const {ctx} = fakeContext({kube: kube.port});
  const result = await kubeAdmissionProbe.run(args, ctx);
  assert.equal(result.ok, true);
  const create = kube.calls.find((call) => call.op === 'create')?.detail as {
    object: KubeObject;
    options: unknown;
  };
  assert.deepEqual(create.options, {
    dryRun: true,
    impersonate: 'system:serviceaccount:gitlab-runner:gitlab-runner-gitlab-runner',
  });
  assert.deepEqual(create.object['spec'], {
    serviceAccountName: 'default',
    restartPolicy: 'Never',
    containers: [{name: 'build', image: 'docker:18.09-dind', securityContext: {privileged: true}}],
  });
});

test('fails with MKE words and the UCPAuthorization diagnosis when the pod is refused', async () => {
  const kube = fakeKube([], {
    async create() {
      throw new KubeError('forbidden', `create Pod: ${refusal}`, refusal, 403);
    },
  });
  const {ctx} = fakeContext({kube: kube.port});
  const result = await kubeAdmissionProbe.run(args, ctx);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.error.code, 'forbidden');
  assert.equal(result.error.detail, refusal);
  assert.deepEqual(
    result.diagnoses?.map((d) => [d.id, d.fields['requester'], d.fields['podServiceAccount']]),
    [['ucp-authorization', 'gitlab-runner:gitlab-runner-gitlab-runner', 'gitlab-runner:default']],
  );
  const probe = await kubeAdmissionAllowed.run(args, ctx);
  assert.deepEqual(probe, {holds: false, detail: refusal});
});

test('shows the pod manifest and the kubectl equivalent before it runs', async () => {
  const plan = await kubeAdmissionProbe.describe(args, fakeContext().ctx);
  assert.match(
    JSON.stringify(plan),
    /kubectl create --dry-run=server --as=system:serviceaccount:gitlab-runner:gitlab-runner-gitlab-runner/,
  );
  assert.match(JSON.stringify(plan), /privileged: true/);
});
