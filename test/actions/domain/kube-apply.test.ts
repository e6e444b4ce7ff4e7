import {test} from 'node:test';
import assert from 'node:assert/strict';
import {kubeApply} from '../../../source/actions/domain/kube-apply.js';
import {kubeDelete} from '../../../source/actions/domain/kube-delete.js';
import {fakeContext, fakeFiles, fakeKube} from './fakes.js';

const manifests = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: gitlab-runner-psp}
spec: {privileged: true}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: gitlab-runner-psp-crb}
subjects: [{kind: ServiceAccount, name: gitlab-runner, namespace: gitlab-runner}]
roleRef: {kind: ClusterRole, name: gitlab-runner-psp-cr, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
`;

test('applies every document of a multi-document file, namespacing only namespaced kinds', async () => {
  const kube = fakeKube();
  const files = fakeFiles({'/work/profile/manifests/psp.yaml': manifests});
  const {ctx} = fakeContext({kube: kube.port, files: files.port});
  const result = await kubeApply.run(
    {kubeconfig: '/b/kube.yml', file: 'manifests/psp.yaml', namespace: 'gitlab-runner'},
    ctx,
  );
  assert.deepEqual(result, {
    ok: true,
    outputs: {
      applied: 3,
      objects:
        'PodSecurityPolicy/gitlab-runner-psp, ClusterRoleBinding/gitlab-runner-psp-crb, ConfigMap/gitlab-runner/c',
    },
    summary:
      'applied PodSecurityPolicy/gitlab-runner-psp, ClusterRoleBinding/gitlab-runner-psp-crb, ConfigMap/gitlab-runner/c',
  });
});

test('shows the manifests it will apply', async () => {
  const plan = await kubeApply.describe(
    {kubeconfig: '/b/kube.yml', manifest: manifests},
    fakeContext().ctx,
  );
  assert.deepEqual(plan, [{kind: 'manifest', action: 'apply', yaml: manifests}]);
});

test('names the bad document when the YAML is not a Kubernetes object', async () => {
  const result = await kubeApply.run(
    {kubeconfig: '/b/kube.yml', manifest: 'kind: Pod\n---\nfoo: bar\n'},
    fakeContext().ctx,
  );
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.error.message, /^document 1: apiVersion/);
});

test('refuses two sources at once', () => {
  assert.equal(kubeApply.check({kubeconfig: 'k', manifest: 'a', file: 'b'}).ok, false);
  assert.equal(kubeApply.check({kubeconfig: 'k'}).ok, false);
});

test('deletes in reverse order and counts absent objects as done', async () => {
  const kube = fakeKube([
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: {name: 'gitlab-runner-psp-crb'},
    },
  ]);
  const {ctx, text} = fakeContext({kube: kube.port});
  const result = await kubeDelete.run({kubeconfig: '/b/kube.yml', manifest: manifests}, ctx);
  assert.deepEqual(result, {ok: true, outputs: {deleted: 1}});
  assert.deepEqual(
    kube.calls.filter((c) => c.op === 'remove').map((c) => (c.detail as string[])[0]),
    ['ConfigMap', 'ClusterRoleBinding', 'PodSecurityPolicy'],
  );
  assert.match(text(), /PodSecurityPolicy\/gitlab-runner-psp was already absent/);
});

test('describes a manifest file not written yet in the reader’s language', async () => {
  const source = {kubeconfig: '/b/kube.yml', file: 'manifests/binding.yaml'};
  const {ctx} = fakeContext();
  assert.deepEqual(await kubeApply.describe(source, ctx), [
    {kind: 'note', text: 'manifests from manifests/binding.yaml (written before this runs)'},
  ]);
  assert.deepEqual(await kubeApply.describe(source, {...ctx, lang: 'ja'}), [
    {kind: 'note', text: 'マニフェストは manifests/binding.yaml から(実行前に書き出されます)'},
  ]);
});

test('says what it deleted in Japanese under --lang ja, the object names as they are', async () => {
  const kube = fakeKube([
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: {name: 'gitlab-runner-psp-crb'},
    },
  ]);
  const {ctx, text} = fakeContext({kube: kube.port});
  await kubeDelete.run({kubeconfig: '/b/kube.yml', manifest: manifests}, {...ctx, lang: 'ja'});
  assert.match(text(), /^ClusterRoleBinding\/gitlab-runner-psp-crb を削除しました$/m);
  assert.match(text(), /^PodSecurityPolicy\/gitlab-runner-psp はもともとありません$/m);
  assert.doesNotMatch(text(), /deleted|already absent/);
});
