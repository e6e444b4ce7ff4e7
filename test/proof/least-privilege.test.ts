import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {createKubeFactory} from '../../source/integrations/kube.js';
import {kubeApply} from '../../source/actions/domain/kube-apply.js';
import {kubeDelete} from '../../source/actions/domain/kube-delete.js';
import {
  accessQuestions,
  accessSummary,
  kubeAccessSummary,
} from '../../source/actions/domain/kube-access-summary.js';
import type {ActionContext} from '../../source/actions/types.js';
import {installedWorld, startLab} from '../helpers/lab.js';
import {fakeContext} from '../actions/domain/fakes.js';
import {root} from '../cli/cli-process.js';

// Against the lab's real authorizer (RBAC over its store), through the real Kubernetes port:
// the runner's account as the chart leaves it, then with each remediation's objects applied.

const lab = await startLab({world: installedWorld({otherGrant: true})});
after(async () => lab.close());

const namespace = 'gitlab-runner';
const account = 'gitlab-runner-gitlab-runner';
const user = `system:serviceaccount:${namespace}:${account}`;
const kube = await createKubeFactory()(lab.kubeconfig);

function context(): ActionContext {
  const {ctx} = fakeContext({simulated: true});
  return {...ctx, ports: {...ctx.ports, kube: createKubeFactory()}};
}

async function apply(manifest: string): Promise<void> {
  const result = await kubeApply.run({kubeconfig: lab.kubeconfig, manifest}, context());
  assert.equal(result.ok, true, JSON.stringify(result));
}

async function remove(manifest: string): Promise<void> {
  const result = await kubeDelete.run({kubeconfig: lab.kubeconfig, manifest}, context());
  assert.equal(result.ok, true, JSON.stringify(result));
}

// The runbook's own manifests, with the values a run would give them.
async function manifest(name: string): Promise<string> {
  const values: Record<string, string> = {
    'params.namespace': namespace,
    'params.psp_name': 'gitlab-runner-psp',
    'params.psp_clusterrole': 'gitlab-runner-psp',
    'params.psp_clusterrolebinding': 'gitlab-runner-psp',
    'params.cluster_admin_binding': 'gitlab-runner-cluster-admin',
    'outputs.runner-install.serviceAccount': account,
  };
  const text = await readFile(path.join(root, 'assets/manifests', `${name}.yaml.tmpl`), 'utf8');
  return text.replaceAll(/\{\{\s*([\w.-]+)\s*(\|\s*yaml\s*)?\}\}/g, (_, key: string) => {
    const value = values[key];
    assert.ok(value !== undefined, `no value for ${key} in ${name}`);
    return value;
  });
}

const allowedSet = async (): Promise<Set<string>> =>
  new Set(
    (await accessSummary(kube, user, {namespace, pspName: 'gitlab-runner-psp'}))
      .filter((answer) => answer.allowed)
      .map((answer) => answer.phrase),
  );

let clusterAdmin = new Set<string>();
let least = new Set<string>();

await apply(`apiVersion: v1
kind: Namespace
metadata: {name: ${namespace}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${account}, namespace: ${namespace}}
`);

test('before any remediation the runner account may do none of the things asked', async () => {
  assert.deepEqual([...(await allowedSet())], []);
});

test('remediation 1 (cluster-admin) grants every one of the things asked', async () => {
  const binding = await manifest('cluster-admin-binding');
  await apply(binding);
  clusterAdmin = await allowedSet();
  assert.equal(clusterAdmin.size, accessQuestions.length);
  await remove(binding);
  assert.deepEqual([...(await allowedSet())], [], 'deleting the binding took nothing back');
});

test('remediation 2 with the least-privilege ClusterRole grants strictly less than remediation 1', async () => {
  await apply(await manifest('gitlab-runner-psp'));
  await apply(await manifest('gitlab-runner-psp-clusterrole-least'));
  await apply(await manifest('gitlab-runner-psp-crb'));
  least = await allowedSet();
  assert.deepEqual([...least].sort(), [
    'create pods in gitlab-runner',
    'create pods/exec in gitlab-runner',
    'create secrets in gitlab-runner',
    'get pods/log in gitlab-runner',
    'use podsecuritypolicies.policy gitlab-runner-psp cluster-wide',
  ]);
  assert.ok(least.size < clusterAdmin.size);
  for (const phrase of least) assert.ok(clusterAdmin.has(phrase), `${phrase} only with least`);
});

test("the article's ClusterRole for remediation 2 is cluster-admin in all but name", async () => {
  await apply(await manifest('gitlab-runner-psp-clusterrole'));
  assert.deepEqual([...(await allowedSet())].sort(), [...clusterAdmin].sort());
  await apply(await manifest('gitlab-runner-psp-clusterrole-least'));
});

test('the kube.accessSummary action prints one line a question and counts what is allowed', async () => {
  const {ctx, text} = fakeContext({simulated: true});
  const result = await kubeAccessSummary.run(
    {kubeconfig: lab.kubeconfig, namespace, serviceAccount: `${namespace}:${account}`},
    {...ctx, ports: {...ctx.ports, kube: createKubeFactory()}},
  );
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.ok && result.outputs?.['allowedCount'], least.size);
  assert.match(text(), /no {3}get secrets in kube-system/);
  assert.match(text(), /yes {2}create pods in gitlab-runner/);
});
