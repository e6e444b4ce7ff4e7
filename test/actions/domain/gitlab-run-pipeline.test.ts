import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {HttpRequest} from '../../../source/integrations/ports.js';
import {gitlabRunPipeline} from '../../../source/actions/domain/gitlab-run-pipeline.js';
import {diagnoseJob} from '../../../source/actions/domain/diagnose-job.js';
import {fakeContext, fakeHttp} from './fakes.js';

const apiToken = 'glpat-secret-123';
const failedTrace = [
  '\u001B[0KRunning with gitlab-runner 14.3.2',
  'section_start:1633572866:prepare_executor\r\u001B[0K\u001B[0K\u001B[36;1mPreparing the "kubernetes" executor\u001B[0;m',
  'Using Kubernetes namespace: gitlab-runner',
  '\u001B[31;1mERROR: Job failed (system failure): prepare environment: setting up build pod: pods "runner-xphxzza-project-1154-concurrent-0" is forbidden: non-admin user "gitlab-runner:gitlab-runner-gitlab-runner" [service account "gitlab-runner:default"]. The configured privileged attributes access for non-admin users ("[]")("[]") and for service accounts ("[]")("[]") lack required permissions to use attributes [privileged] for resource . Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information\u001B[0;m',
  '',
].join('\n');

/** A GitLab whose single job runs for `polls` polls, its trace growing line by line. */
function fakeGitlab(outcome: 'success' | 'failed', trace: string) {
  let polls = 0;
  const lines = trace.split('\n');
  const http = fakeHttp((request: HttpRequest) => {
    if (request.headers?.['PRIVATE-TOKEN'] !== apiToken)
      return {status: 401, body: '{"message":"401 Unauthorized"}'};
    const path = new URL(request.url).pathname.replace('/api/v4/projects/1154', '');
    const done = polls >= 3;
    const status = done ? outcome : 'running';
    if (path === '/pipeline' && request.method === 'POST')
      return {status: 201, body: '{"id":7,"status":"created"}'};
    if (path === '/pipelines/7/jobs') {
      polls++;
      return {
        status: 200,
        body: JSON.stringify([
          {
            id: 42,
            name: 'build',
            stage: 'build',
            status,
            failure_reason: done && outcome === 'failed' ? 'runner_system_failure' : null,
          },
        ]),
      };
    }
    if (path === '/pipelines/7') return {status: 200, body: JSON.stringify({id: 7, status})};
    if (path === '/jobs/42/trace')
      return {status: 200, body: done ? trace : lines.slice(0, polls).join('\n') + '\n'};
    if (path === '/jobs/42')
      return {status: 200, body: JSON.stringify({id: 42, name: 'build', status})};
    return {status: 404, body: '{"message":"404 Not found"}'};
  });
  return http;
}

const args = {
  url: 'https://gitlab.example.com',
  projectId: '1154',
  tokenParam: 'gitlab_api_token',
  ref: 'main',
  expect: 'any',
  timeout: '10s',
  pollMs: 10,
};

test('follows the job, streams its log once and cleanly, and records the failure with its diagnosis', async () => {
  const http = fakeGitlab('failed', failedTrace);
  const {ctx, lines} = fakeContext({http: http.port, secrets: {gitlab_api_token: apiToken}});
  const result = await gitlabRunPipeline.run(args, ctx);
  assert.equal(result.ok, true);
  if (!result.ok) return;
  assert.deepEqual(result.outputs, {
    pipelineId: 7,
    pipelineStatus: 'failed',
    jobId: 42,
    status: 'failed',
    failureReason: 'runner_system_failure',
  });
  assert.deepEqual(
    result.diagnoses?.map((d) => d.id),
    ['ucp-authorization'],
  );
  const streamed = lines.filter((l) => l.stream === 'stdout').map((l) => l.line);
  assert.deepEqual(streamed, [
    '── job build (#42, stage build) ──',
    'Running with gitlab-runner 14.3.2',
    'Preparing the "kubernetes" executor',
    'Using Kubernetes namespace: gitlab-runner',
    streamed.at(-1),
  ]);
  assert.match(streamed.at(-1) ?? '', /^ERROR: Job failed \(system failure\)/);
});

test('fails the step when success is expected and the job failed', async () => {
  const http = fakeGitlab('failed', failedTrace);
  const {ctx} = fakeContext({http: http.port, secrets: {gitlab_api_token: apiToken}});
  const result = await gitlabRunPipeline.run({...args, expect: 'success'}, ctx);
  assert.equal(result.ok, false);
  assert.equal(result.ok ? '' : result.error.code, 'job-failed');
  assert.deepEqual(
    result.diagnoses?.map((d) => d.id),
    ['ucp-authorization'],
  );
});

test('succeeds when the job succeeds', async () => {
  const http = fakeGitlab('success', 'Running on runner-abc via gitlab-runner-1\nJob succeeded\n');
  const {ctx} = fakeContext({http: http.port, secrets: {gitlab_api_token: apiToken}});
  const result = await gitlabRunPipeline.run({...args, expect: 'success'}, ctx);
  assert.equal(result.ok && result.outputs?.['status'], 'success');
});

test('sends the API token only as a header, never in a URL, the plan or the output', async () => {
  const http = fakeGitlab('success', 'Job succeeded\n');
  const {ctx, text} = fakeContext({http: http.port, secrets: {gitlab_api_token: apiToken}});
  await gitlabRunPipeline.run(args, ctx);
  const plan = await gitlabRunPipeline.describe(args, ctx);
  assert.ok(http.requests.every((r) => !r.url.includes(apiToken) && r.body === undefined));
  assert.ok(!JSON.stringify(plan).includes(apiToken));
  assert.ok(!text().includes(apiToken));
});

test('says the token was refused when GitLab answers 401', async () => {
  const http = fakeGitlab('success', '');
  const {ctx} = fakeContext({http: http.port, secrets: {gitlab_api_token: 'wrong'}});
  const result = await gitlabRunPipeline.run(args, ctx);
  assert.deepEqual(result.ok ? undefined : [result.error.code, result.error.detail], [
    'unauthorized',
    '"401 Unauthorized"',
  ]);
});

test('diagnose.job re-reads the job log and explains who said what', async () => {
  const http = fakeGitlab('failed', failedTrace);
  const {ctx, text} = fakeContext({http: http.port, secrets: {gitlab_api_token: apiToken}});
  await gitlabRunPipeline.run(args, ctx);
  const result = await diagnoseJob.run(
    {url: args.url, projectId: 1154, tokenParam: 'gitlab_api_token', jobId: '42'},
    ctx,
  );
  assert.equal(result.ok && result.outputs?.['ids'], 'ucp-authorization');
  assert.match(
    text(),
    /\[mke-ucp-authorization\] pods "runner-xphxzza-project-1154-concurrent-0" is forbidden/,
  );
  assert.match(text(), /\[gitlab-runner\] ERROR: Job failed \(system failure\)/);
});
