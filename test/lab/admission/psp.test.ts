import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createPspAdmission, type AuthorizeQuestion} from '../../../source/lab/admission/psp.js';
import {mkeSeedObjects} from '../../../source/lab/seed.js';
import type {AdmissionRequest, LabObject, LabUser} from '../../../source/lab/types.js';

const user: LabUser = {
  name: 'system:serviceaccount:gitlab-runner:gitlab-runner',
  groups: ['system:serviceaccounts', 'system:authenticated'],
  mkeAdmin: false,
};

const seedPsps = mkeSeedObjects().filter((object) => object.kind === 'PodSecurityPolicy');

const privilegedPod: LabObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {name: 'p'},
  spec: {containers: [{name: 'build', securityContext: {privileged: true}}]},
};

function request(object: LabObject): AdmissionRequest {
  return {
    operation: 'CREATE',
    user,
    resource: 'pods',
    group: '',
    namespace: 'gitlab-runner',
    object,
    dryRun: false,
  };
}

function plugin(may: (policy: string) => boolean) {
  return createPspAdmission({
    podSecurityPolicies: () => seedPsps,
    authorize: (_user: LabUser, question: AuthorizeQuestion) => may(question.name),
  });
}

describe('PodSecurityPolicy admission', () => {
  it("admits a privileged pod through MKE's default `privileged` policy and annotates it", async () => {
    const result = await plugin(() => true).admit(request(privilegedPod));
    assert.equal(result.allowed, true);
    assert.equal(
      result.allowed ? result.object?.metadata.annotations?.['kubernetes.io/psp'] : undefined,
      'privileged',
    );
  });

  it('refuses a privileged pod when only `unprivileged` may be used, in Kubernetes 1.20 words', async () => {
    const result = await plugin((name) => name === 'unprivileged').admit(request(privilegedPod));
    assert.deepEqual(result, {
      allowed: false,
      code: 403,
      reason: 'Forbidden',
      message:
        'pods "p" is forbidden: unable to validate against any pod security policy: [spec.containers[0].securityContext.privileged: Invalid value: true: Privileged containers are not allowed]',
    });
  });

  it('refuses every pod when no policy may be used', async () => {
    const result = await plugin(() => false).admit(request(privilegedPod));
    assert.equal(
      result.allowed ? '' : result.message,
      'pods "p" is forbidden: unable to validate against any pod security policy: []',
    );
  });

  it("rejects a host path outside the `unprivileged` policy's allowed prefix", async () => {
    const pod: LabObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name: 'p'},
      spec: {volumes: [{name: 'd', hostPath: {path: '/var/run'}}], containers: [{name: 'c'}]},
    };
    const result = await plugin((name) => name === 'unprivileged').admit(request(pod));
    assert.match(
      result.allowed ? '' : result.message,
      /spec\.volumes\[0\]\.hostPath\.pathPrefix: Invalid value: "\/var\/run": is not allowed to be used/,
    );
  });
});
