import {setTimeout as sleep} from 'node:timers/promises';
import {z} from 'zod';
import {registerAction} from '../registry.js';
import {diagnose} from '../../diagnosis/diagnose.js';
import {
  booleanArg,
  durationArg,
  durationMs,
  secretParamArg,
  secretValue,
  stepErrorFrom,
} from './common.js';
import {
  createPipeline,
  finishedStatuses,
  getPipeline,
  GitlabApiError,
  pipelineJobs,
  type GitlabTarget,
  type Job,
} from './gitlab-client.js';
import {JobFollower} from './job-follower.js';
import {planWords} from '../plan-words.js';
import {outputWords} from '../output-words.js';

const args = z.strictObject({
  url: z.string().url(),
  projectId: z.union([z.string().min(1), z.number().int().positive()]).transform(String),
  tokenParam: secretParamArg,
  ref: z.string().min(1).default('main'),
  expect: z.enum(['any', 'success']).default('success'),
  timeout: durationArg.default('10m'),
  pollMs: z.number().int().min(10).default(1000),
  insecure: booleanArg.default(false),
});

/** Starts a pipeline, streams its jobs' logs live, and reports how the job ended with a diagnosis. */
export const gitlabRunPipeline = registerAction({
  name: 'gitlab.runPipeline',
  args,
  describe(input, ctx) {
    const base = `${input.url.replace(/\/+$/, '')}/api/v4/projects/${encodeURIComponent(input.projectId)}`;
    return [
      {
        kind: 'request',
        method: 'POST',
        url: `${base}/pipeline?ref=${input.ref}`,
        body: `(header PRIVATE-TOKEN: <secret: ${input.tokenParam}>)`,
      },
      {kind: 'request', method: 'GET', url: `${base}/pipelines/<id>/jobs`},
      {kind: 'request', method: 'GET', url: `${base}/jobs/<job id>/trace`},
      {
        kind: 'note',
        text: planWords(ctx.lang ?? 'en').followJobs(
          input.expect === 'success' ? 'success' : 'any',
          String(input.timeout),
        ),
      },
    ];
  },
  async run(input, ctx) {
    try {
      const target: GitlabTarget = {
        url: input.url,
        projectId: input.projectId,
        token: secretValue(ctx.secrets, input.tokenParam),
        insecure: input.insecure,
        signal: ctx.signal,
      };
      const http = ctx.ports.http;
      let pipeline = await createPipeline(http, target, input.ref);
      await ctx.output(
        [outputWords(ctx.lang).pipelineCreated(pipeline.id, input.ref, pipeline.web_url)],
        'info',
      );
      const follower = new JobFollower(http, target, (lines) => ctx.output(lines, 'stdout'));
      const deadline = Date.now() + durationMs(input.timeout);
      let jobs: Job[] = [];
      for (;;) {
        jobs = await pipelineJobs(http, target, pipeline.id);
        await follower.poll(jobs);
        pipeline = await getPipeline(http, target, pipeline.id);
        if (
          finishedStatuses.has(pipeline.status) &&
          jobs.every((job) => finishedStatuses.has(job.status) || job.status === 'created')
        )
          break;
        if (Date.now() > deadline) {
          return {
            ok: false,
            error: {
              code: 'timeout',
              message: `Pipeline #${pipeline.id} did not finish within ${String(input.timeout)} (status ${pipeline.status})`,
              hint: 'check that the runner is online (Settings → CI/CD → Runners) and look at the runner pod log',
            },
            diagnoses: diagnose(follower.allTraces()),
          };
        }
        await sleep(input.pollMs, undefined, {signal: ctx.signal});
      }
      jobs = await pipelineJobs(http, target, pipeline.id);
      await follower.poll(jobs);
      const job = jobs.find((candidate) => candidate.status === 'failed') ?? jobs.at(-1);
      const diagnoses = diagnose(follower.allTraces());
      const outputs = {
        pipelineId: pipeline.id,
        pipelineStatus: pipeline.status,
        jobId: job?.id ?? 0,
        status: job?.status ?? pipeline.status,
        failureReason: job?.failure_reason ?? '',
      };
      const verdict = `pipeline #${pipeline.id} ${pipeline.status}${job?.failure_reason ? ` (job ${job.name}: ${job.failure_reason})` : ''}`;
      if (input.expect === 'success' && pipeline.status !== 'success') {
        return {
          ok: false,
          error: {
            code: 'job-failed',
            message: `The job did not succeed: ${verdict}`,
            ...(diagnoses[0] ? {detail: diagnoses[0].line} : {}),
            hint: diagnoses.length > 0 ? 'read the diagnosis below' : 'read the job log above',
          },
          diagnoses,
        };
      }
      return {ok: true, outputs, summary: verdict, diagnoses};
    } catch (error) {
      if (error instanceof GitlabApiError) {
        return {
          ok: false,
          error: {
            code:
              error.status === 401 ? 'unauthorized' : error.status === 404 ? 'not-found' : 'failed',
            message: error.message,
            detail: error.detail,
            hint:
              error.status === 401
                ? 'the GitLab API token was refused: it needs the api scope'
                : 'check the GitLab URL, the project id and the branch',
          },
        };
      }
      if (ctx.signal.aborted)
        return {ok: false, error: {code: 'cancelled', message: 'stopped following the pipeline'}};
      return {ok: false, error: stepErrorFrom(error)};
    }
  },
});
