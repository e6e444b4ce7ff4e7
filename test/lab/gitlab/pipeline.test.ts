import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {plainTrace} from '../../../source/lab/gitlab/trace.js';
import type {LabObject} from '../../../source/lab/types.js';
import {installedWorld, startLab, type TestLab} from '../../helpers/lab.js';
import {
  articlePspObjects,
  clusterAdminBinding,
  createRunnerAccount,
  grantPrivileged,
  runnerServiceAccount,
} from './runner-objects.js';

const name = runnerServiceAccount;
const labels = {app: name, chart: 'gitlab-runner-0.37.2', release: 'gitlab-runner'};
const base64 = (text: string) => Buffer.from(text).toString('base64');

// The chart's objects as the lab's helm renders them (2021 chart, release gitlab-runner).
function chartObjects(token: string): Array<[string, LabObject]> {
  const ns = '/api/v1/namespaces/gitlab-runner';
  return [
    [
      `${ns}/configmaps`,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {name, namespace: 'gitlab-runner', labels},
        data: {
          'config.template.toml':
            '[[runners]]\n  [runners.kubernetes]\n    namespace = "gitlab-runner"\n    image = "ubuntu:16.04"\n    privileged = true\n',
          'config.toml': 'concurrent = 10\ncheck_interval = 30\nlog_level = "info"\n',
        },
      },
    ],
    [
      `${ns}/secrets`,
      {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'Opaque',
        metadata: {name, namespace: 'gitlab-runner', labels},
        data: {'runner-registration-token': base64(token), 'runner-token': ''},
      },
    ],
    [
      '/apis/apps/v1/namespaces/gitlab-runner/deployments',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {name, namespace: 'gitlab-runner', labels},
        spec: {
          replicas: 1,
          selector: {matchLabels: {app: name}},
          template: {
            metadata: {labels: {app: name, release: 'gitlab-runner'}},
            spec: {
              serviceAccountName: name,
              containers: [{name, image: 'gitlab/gitlab-runner:alpine-v14.7.0'}],
              volumes: [{name: 'runner-secrets', secret: {secretName: name}}],
            },
          },
        },
      },
    ],
  ];
}

type Job = {id: number; name: string; status: string; failure_reason?: string};

async function api(
  fixture: TestLab,
  path: string,
  init: RequestInit = {},
  token = 'glpat-lab',
): Promise<Response> {
  return fetch(`${fixture.url}/api/v4/projects/1154${path}`, {
    ...init,
    headers: {'PRIVATE-TOKEN': token},
  });
}

async function runPipeline(fixture: TestLab): Promise<{status: string; jobs: Job[]}> {
  const created = await api(fixture, '/pipeline?ref=main', {method: 'POST'});
  assert.equal(created.status, 201);
  const {id} = (await created.json()) as {id: number};
  for (let attempt = 0; attempt < 400; attempt++) {
    const pipeline = (await (await api(fixture, `/pipelines/${id}`)).json()) as {status: string};
    if (pipeline.status === 'success' || pipeline.status === 'failed') {
      const jobs = (await (await api(fixture, `/pipelines/${id}/jobs`)).json()) as Job[];
      return {status: pipeline.status, jobs};
    }

    await delay(10);
  }

  throw new Error('the pipeline did not finish');
}

async function trace(fixture: TestLab, job: Job | undefined): Promise<string> {
  assert.ok(job);
  const response = await api(fixture, `/jobs/${job.id}/trace`);
  assert.equal(response.status, 200);
  return response.text();
}

async function install(fixture: TestLab, token: string): Promise<void> {
  for (const [path, body] of chartObjects(token)) {
    const response = await fixture.adminCreate(path, body);
    assert.equal(response.status, 201, `${path}: ${await response.text()}`);
  }

  for (let attempt = 0; attempt < 200; attempt++) {
    const deployment = fixture.lab.store.get('deployments', 'gitlab-runner', name);
    if ((deployment?.['status'] as {readyReplicas?: number} | undefined)?.readyReplicas === 1)
      return;
    await delay(10);
  }

  throw new Error('the runner deployment never became ready');
}

describe("a pipeline run by the lab's own runner", () => {
  let fixture: TestLab;
  before(async () => {
    fixture = await startLab();
    await createRunnerAccount(fixture);
    await install(fixture, 'xphxzza');
  });
  after(async () => fixture.close());

  it("fails with the article's trace and runner_system_failure before remediation", async () => {
    const {status, jobs} = await runPipeline(fixture);
    assert.equal(status, 'failed');
    assert.deepEqual(
      jobs.map((job) => [job.name, job.status, job.failure_reason]),
      [
        ['test', 'skipped', undefined],
        ['build', 'failed', 'runner_system_failure'],
      ],
    );
    const raw = await trace(
      fixture,
      jobs.find((job) => job.name === 'build'),
    );
    assert.match(raw, /section_start:\d+:prepare_executor\r\u001B\[0K/);
    assert.match(raw, /\u001B\[31;1mERROR: Job failed/);
    const lines = plainTrace(raw).split('\n');
    assert.equal(lines[0], 'Running with gitlab-runner 14.7.0 (98daeee0)');
    assert.deepEqual(lines.slice(2), [
      'Preparing the "kubernetes" executor',
      'Using Kubernetes namespace: gitlab-runner',
      'Using Kubernetes executor with image docker:18.09 ...',
      'Using attach strategy to execute scripts...',
      'Preparing environment',
      'ERROR: Job failed (system failure): prepare environment: setting up build pod: pods "runner-xphxzza-project-1154-concurrent-0" is forbidden: non-admin user "gitlab-runner:gitlab-runner-gitlab-runner" [service account "gitlab-runner:default"]. The configured privileged attributes access for non-admin users ("[]")("[]") and for service accounts ("[]")("[]") lack required permissions to use attributes [privileged] for resource . Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information',
      '',
    ]);
  });

  it('succeeds, both stages, once the runner is bound to cluster-admin', async () => {
    const response = await fixture.adminCreate(
      '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
      clusterAdminBinding,
    );
    assert.equal(response.status, 201);
    const {status, jobs} = await runPipeline(fixture);
    assert.equal(status, 'success');
    assert.deepEqual(
      jobs.map((job) => [job.name, job.status]),
      [
        ['test', 'success'],
        ['build', 'success'],
      ],
    );
    const text = plainTrace(
      await trace(
        fixture,
        jobs.find((job) => job.name === 'build'),
      ),
    );
    assert.match(
      text,
      /Waiting for pod gitlab-runner\/runner-xphxzza-project-1154-concurrent-0[a-z0-9]{5} to be running, status is Pending\n/,
    );
    assert.match(
      text,
      /\tContainersNotReady: "containers with unready status: \[build helper svc-0\]"\n/,
    );
    assert.match(
      text,
      /Running on runner-xphxzza-project-1154-concurrent-0[a-z0-9]{5} via gitlab-runner-gitlab-runner-[a-z0-9]+-[a-z0-9]{5}\.\.\.\n/,
    );
    assert.match(text, /\nJob succeeded\n$/);
    assert.equal(
      fixture.lab.store.list('pods', 'gitlab-runner').items.length,
      1,
      'build pods are removed after the job',
    );
  });

  it('writes its own log lines to the runner pod', async () => {
    const pod = fixture.lab.store.list('pods', 'gitlab-runner').items[0];
    assert.ok(pod);
    const log = fixture.lab.store.readLog('gitlab-runner', pod.metadata.name, name);
    assert.match(log, /Registering runner\.\.\. succeeded +runner=xphxzza/);
    assert.match(log, /Checking for jobs\.\.\. received +job=1 /);
    assert.match(log, /Job succeeded +duration_s=/);
  });

  it('answers 401 to a revoked token and 404 to another project', async () => {
    const revoked = await api(fixture, '/pipelines/1', {}, 'glpat-revoked');
    assert.equal(revoked.status, 401);
    assert.deepEqual(await revoked.json(), {message: '401 Unauthorized'});
    const other = await fetch(`${fixture.url}/api/v4/projects/1/pipelines/1`, {
      headers: {'PRIVATE-TOKEN': 'x'},
    });
    assert.equal(other.status, 404);
    assert.deepEqual(await other.json(), {message: '404 Project Not Found'});
  });
});

describe('remediation 2, step by step', () => {
  let fixture: TestLab;
  before(async () => {
    fixture = await startLab();
    await createRunnerAccount(fixture);
    await install(fixture, 'xphxzza');
  });
  after(async () => fixture.close());

  it("still fails after the article's PSP objects, and succeeds once MKE grants the runner `privileged`", async () => {
    for (const [path, body] of articlePspObjects) {
      assert.equal((await fixture.adminCreate(path, body)).status, 201, path);
    }

    const refused = await runPipeline(fixture);
    assert.equal(refused.status, 'failed');
    const text = plainTrace(
      await trace(
        fixture,
        refused.jobs.find((job) => job.name === 'build'),
      ),
    );
    assert.match(
      text,
      /lack required permissions to use attributes \[privileged\] for resource \. Check/,
    );
    assert.equal(
      await grantPrivileged(fixture, ['gitlab-runner:gitlab-runner-gitlab-runner']),
      200,
    );
    const admitted = await runPipeline(fixture);
    assert.equal(admitted.status, 'success');
  });
});

describe("the GitLab API's lists", () => {
  it("lists the project's jobs newest first, a page at a time, by id or by path", async () => {
    const fixture = await startLab();
    try {
      await api(fixture, '/pipeline?ref=main', {method: 'POST'});
      await api(fixture, '/pipeline?ref=main', {method: 'POST'});
      const newest = (await (await api(fixture, '/jobs?per_page=1')).json()) as Job[];
      assert.deepEqual(
        newest.map((job) => [job.id, job.name]),
        [[4, 'test']],
      );
      const byPath = await fetch(
        `${fixture.url}/api/v4/projects/lab%2Fproject/jobs?per_page=2&page=2`,
        {
          headers: {'PRIVATE-TOKEN': 'glpat-lab'},
        },
      );
      assert.deepEqual(
        ((await byPath.json()) as Job[]).map((job) => job.id),
        [2, 1],
      );
    } finally {
      await fixture.close();
    }
  });
});

describe('a runner whose token GitLab has revoked', () => {
  let fixture: TestLab;
  before(async () => {
    fixture = await startLab();
    await createRunnerAccount(fixture);
    await install(fixture, 'glrt-revoked-token');
  });
  after(async () => fixture.close());

  it('logs the refusal and takes no job', async () => {
    const created = await api(fixture, '/pipeline?ref=main', {method: 'POST'});
    const {id} = (await created.json()) as {id: number};
    await delay(100);
    const jobs = (await (await api(fixture, `/pipelines/${id}/jobs`)).json()) as Job[];
    assert.deepEqual(
      jobs.map((job) => job.status),
      ['created', 'pending'],
    );
    const pod = fixture.lab.store.list('pods', 'gitlab-runner').items[0];
    assert.ok(pod);
    assert.match(
      fixture.lab.store.readLog('gitlab-runner', pod.metadata.name, name),
      /ERROR: Verifying runner\.\.\. is removed +runner=revoked- status=403 Forbidden/,
    );
  });
});

describe('a lab restarted while a job ran', () => {
  it('fails the orphaned job as a runner system failure and finishes its pipeline', async () => {
    const world = installedWorld();
    world.gitlab.pipelines.push({
      id: 1,
      status: 'running',
      ref: 'main',
      createdAt: '2026-11-28T12:00:00Z',
      jobIds: [1, 2],
    });
    world.gitlab.jobs.push(
      {
        id: 1,
        pipelineId: 1,
        name: 'build',
        stage: 'build',
        status: 'running',
        trace: '',
        createdAt: '2026-11-28T12:00:00Z',
      },
      {
        id: 2,
        pipelineId: 1,
        name: 'test',
        stage: 'test',
        status: 'created',
        trace: '',
        createdAt: '2026-11-28T12:00:00Z',
      },
    );
    const fixture = await startLab({world});
    try {
      assert.deepEqual(
        world.gitlab.jobs.map((job) => [job.status, job.failureReason]),
        [
          ['failed', 'runner_system_failure'],
          ['skipped', undefined],
        ],
      );
      assert.equal(world.gitlab.pipelines[0]?.status, 'failed');
    } finally {
      await fixture.close();
    }
  });
});
