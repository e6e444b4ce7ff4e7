import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {ApiException, CoreV1Api, setHeaderOptions, type V1Pod} from '@kubernetes/client-node';
import {startLab, type TestLab} from '../../helpers/lab.js';
import {
  articlePspObjects,
  clusterAdminBinding,
  createRunnerAccount,
  grantPrivileged,
  runnerServiceAccount,
  runnerUser,
} from '../gitlab/runner-objects.js';

const articleText = (name: string) =>
  `pods "${name}" is forbidden: non-admin user "gitlab-runner:gitlab-runner-gitlab-runner" [service account "gitlab-runner:default"]. The configured privileged attributes access for non-admin users ("[]")("[]") and for service accounts ("[]")("[]") lack required permissions to use attributes [privileged] for resource `;

function buildPod(): V1Pod {
  return {
    metadata: {generateName: 'runner-xphxzza-project-1154-concurrent-0'},
    spec: {
      containers: [
        {name: 'build', image: 'docker:18.09', securityContext: {privileged: true}},
        {
          name: 'helper',
          image: 'gitlab/gitlab-runner-helper:x86_64-98daeee0',
          securityContext: {privileged: true},
        },
        {name: 'svc-0', image: 'docker:18.09-dind', securityContext: {privileged: true}},
      ],
    },
  };
}

type Outcome = {code: number; message: string};

async function createAsRunner(
  fixture: TestLab,
  dryRun: boolean,
  impersonate = false,
): Promise<Outcome> {
  const token = impersonate ? fixture.adminToken : fixture.lab.tokenFor(runnerUser());
  const core = fixture.clientConfig(token).makeApiClient(CoreV1Api);
  const options = impersonate
    ? setHeaderOptions(
        'Impersonate-User',
        `system:serviceaccount:gitlab-runner:${runnerServiceAccount}`,
      )
    : undefined;
  try {
    const pod = await core.createNamespacedPod(
      {namespace: 'gitlab-runner', body: buildPod(), ...(dryRun ? {dryRun: 'All'} : {})},
      options,
    );
    return {code: 201, message: pod.metadata?.name ?? ''};
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    const body = JSON.parse(String(error.body)) as {message: string};
    return {code: error.code, message: body.message};
  }
}

async function storedPods(fixture: TestLab): Promise<number> {
  return fixture.lab.store.list('pods', 'gitlab-runner').items.length;
}

describe("UCPAuthorization through the lab's Kubernetes API", () => {
  let fixture: TestLab;
  before(async () => {
    fixture = await startLab();
    await createRunnerAccount(fixture);
  });
  after(async () => fixture.close());

  it("refuses the runner's privileged pod with 403 and the article's message, for real and in a dry run", async () => {
    for (const [dryRun, impersonate] of [
      [false, false],
      [true, false],
      [true, true],
    ] as const) {
      assert.deepEqual(await createAsRunner(fixture, dryRun, impersonate), {
        code: 403,
        message: articleText('runner-xphxzza-project-1154-concurrent-0'),
      });
    }

    assert.equal(await storedPods(fixture), 0);
  });

  it("still refuses after the article's PSP, ClusterRole and ClusterRoleBinding", async () => {
    for (const [path, body] of articlePspObjects) {
      assert.equal((await fixture.adminCreate(path, body)).status, 201, path);
    }

    const outcome = await createAsRunner(fixture, false);
    assert.equal(outcome.code, 403);
    assert.equal(outcome.message, articleText('runner-xphxzza-project-1154-concurrent-0'));
  });

  it("admits it once the runner's service account is granted `privileged` in MKE's config; a dry run stores nothing", async () => {
    assert.equal(await grantPrivileged(fixture, [`gitlab-runner:${runnerServiceAccount}`]), 200);
    const dry = await createAsRunner(fixture, true);
    assert.equal(dry.code, 201);
    assert.match(dry.message, /^runner-xphxzza-project-1154-concurrent-0[a-z0-9]{5}$/);
    assert.equal(await storedPods(fixture), 0);
    const real = await createAsRunner(fixture, false);
    assert.equal(real.code, 201);
    assert.equal(await storedPods(fixture), 1);
  });
});

describe('UCPAuthorization and the cluster-admin binding', () => {
  let fixture: TestLab;
  before(async () => {
    fixture = await startLab();
    await createRunnerAccount(fixture);
  });
  after(async () => fixture.close());

  it("admits the runner's privileged pod once its service account is bound to cluster-admin", async () => {
    assert.equal((await createAsRunner(fixture, true)).code, 403);
    const response = await fixture.adminCreate(
      '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
      clusterAdminBinding,
    );
    assert.equal(response.status, 201);
    assert.equal((await createAsRunner(fixture, true)).code, 201);
    assert.equal((await createAsRunner(fixture, false)).code, 201);
  });
});
