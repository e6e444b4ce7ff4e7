import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {createHttpPort} from '../../../source/integrations/http.js';
import {createKubeFactory} from '../../../source/integrations/kube.js';
import {kubeApply} from '../../../source/actions/domain/kube-apply.js';
import {kubeWaitReady} from '../../../source/actions/domain/kube-wait-ready.js';
import {kubeRunnerServiceAccount} from '../../../source/actions/domain/kube-runner-service-account.js';
import {gitlabRunPipeline} from '../../../source/actions/domain/gitlab-run-pipeline.js';
import {diagnoseJob} from '../../../source/actions/domain/diagnose-job.js';
import type {ActionContext} from '../../../source/actions/types.js';
import {installedWorld, startLab} from '../../helpers/lab.js';
import {fakeContext} from './fakes.js';

// The lab's GitLab and its simulated runner, driven through the actions with the real ports.

const lab = await startLab({world: installedWorld({otherGrant: true})});
after(async () => lab.close());
const name = 'gitlab-runner-gitlab-runner';

function context(): {ctx: ActionContext; text: () => string} {
  const {ctx, text} = fakeContext({secrets: {gitlab_api_token: 'glpat-lab'}, simulated: true});
  return {
    ctx: {
      ...ctx,
      ports: {...ctx.ports, http: createHttpPort({labUrl: lab.url}), kube: createKubeFactory()},
    },
    text,
  };
}

// What the 2021 chart renders for release gitlab-runner with rbac.create: true.
const chart = `apiVersion: v1
kind: Namespace
metadata: {name: gitlab-runner}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: gitlab-runner}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ${name}, namespace: gitlab-runner}
rules: [{apiGroups: [''], resources: ['*'], verbs: ['*']}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: gitlab-runner}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${name}}
subjects: [{kind: ServiceAccount, name: ${name}, namespace: gitlab-runner}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ${name}, namespace: gitlab-runner, labels: {app: ${name}, release: gitlab-runner}}
data:
  config.template.toml: "[[runners]]\\n  [runners.kubernetes]\\n    namespace = \\"gitlab-runner\\"\\n    image = \\"ubuntu:16.04\\"\\n    privileged = true\\n"
---
apiVersion: v1
kind: Secret
type: Opaque
metadata: {name: ${name}, namespace: gitlab-runner, labels: {app: ${name}, release: gitlab-runner}}
data: {runner-registration-token: ${Buffer.from('xphxzza').toString('base64')}, runner-token: ''}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: gitlab-runner, labels: {app: ${name}, release: gitlab-runner}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, release: gitlab-runner}}
    spec:
      serviceAccountName: ${name}
      containers: [{name: ${name}, image: 'gitlab/gitlab-runner:alpine-v14.7.0'}]
      volumes: [{name: runner-secrets, secret: {secretName: ${name}}}]
`;
const pipelineArgs = {
  url: 'https://gitlab.example.com',
  projectId: '1154',
  tokenParam: 'gitlab_api_token',
  ref: 'main',
  pollMs: 20,
  timeout: '60s',
};

test('the runner comes up and its service account is read from the Deployment', async () => {
  assert.equal(
    (await kubeApply.run({kubeconfig: lab.kubeconfig, manifest: chart}, context().ctx)).ok,
    true,
  );
  const waited = await kubeWaitReady.run(
    {
      kubeconfig: lab.kubeconfig,
      kind: 'Deployment',
      name,
      namespace: 'gitlab-runner',
      timeout: '20s',
    },
    context().ctx,
  );
  assert.equal(waited.ok, true, JSON.stringify(waited));
  const identity = await kubeRunnerServiceAccount.run(
    {kubeconfig: lab.kubeconfig, namespace: 'gitlab-runner', release: 'gitlab-runner'},
    context().ctx,
  );
  assert.equal(identity.ok && identity.outputs?.['qualified'], `gitlab-runner:${name}`);
});

test('the first job fails on UCPAuthorization: followed live, recorded, and diagnosed', async () => {
  const {ctx, text} = context();
  const result = await gitlabRunPipeline.run({...pipelineArgs, expect: 'any'}, ctx);
  assert.equal(result.ok, true, JSON.stringify(result));
  if (!result.ok) return;
  assert.deepEqual(
    {status: result.outputs?.['status'], failureReason: result.outputs?.['failureReason']},
    {status: 'failed', failureReason: 'runner_system_failure'},
  );
  assert.deepEqual(
    result.diagnoses?.map((d) => d.id),
    ['ucp-authorization'],
  );
  assert.match(text(), /^Preparing the "kubernetes" executor$/m);
  const diagnosed = await diagnoseJob.run(
    {
      url: pipelineArgs.url,
      projectId: pipelineArgs.projectId,
      tokenParam: pipelineArgs.tokenParam,
      jobId: String(result.outputs?.['jobId']),
      kubeconfig: lab.kubeconfig,
      namespace: 'gitlab-runner',
    },
    context().ctx,
  );
  assert.equal(diagnosed.ok && diagnosed.outputs?.['ids'], 'ucp-authorization');
});

test('after the cluster-admin binding the job succeeds', async () => {
  const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: gitlab-runner-cluster-admin}
subjects: [{kind: ServiceAccount, name: ${name}, namespace: gitlab-runner}]
roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
`;
  assert.equal(
    (await kubeApply.run({kubeconfig: lab.kubeconfig, manifest: binding}, context().ctx)).ok,
    true,
  );
  const {ctx, text} = context();
  const result = await gitlabRunPipeline.run({...pipelineArgs, expect: 'success'}, ctx);
  assert.equal(result.ok, true, JSON.stringify(result).slice(0, 2000));
  assert.match(text(), /^Job succeeded$/m);
});
