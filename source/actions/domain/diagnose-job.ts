import {z} from 'zod';
import {registerAction, registerProbe} from '../registry.js';
import type {ActionContext} from '../types.js';
import type {Diagnosis} from '../../diagnosis/types.js';
import {diagnose} from '../../diagnosis/diagnose.js';
import {pick} from '../../i18n/text.js';
import {booleanArg, secretParamArg, secretValue, stepErrorFrom} from './common.js';
import {getJob, jobTrace, latestJob, type GitlabTarget} from './gitlab-client.js';
import {findRunnerDeployment} from './runner-deployment.js';
import {probeWords} from '../probe-words.js';
import {planWords} from '../plan-words.js';
import {outputWords} from '../output-words.js';

const jobIdArg = z
  .union([z.number(), z.string()])
  .optional()
  .transform((value) => {
    const id = Number(value);
    return Number.isInteger(id) && id > 0 ? id : undefined;
  });

const args = z.strictObject({
  url: z.string().url(),
  projectId: z.union([z.string().min(1), z.number().int().positive()]).transform(String),
  tokenParam: secretParamArg,
  jobId: jobIdArg,
  kubeconfig: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
  release: z.string().min(1).default('gitlab-runner'),
  insecure: booleanArg.default(false),
});

type Args = z.infer<typeof args>;
type Evidence = {readonly source: string; readonly text: string};

const eventSchema = z.looseObject({type: z.string().optional(), message: z.string().optional()});

async function clusterEvidence(input: Args, ctx: ActionContext): Promise<Evidence[]> {
  if (!input.kubeconfig || !input.namespace) return [];
  const kube = await ctx.ports.kube(input.kubeconfig);
  const evidence: Evidence[] = [];
  const events = await kube.list('v1', 'Event', input.namespace).catch(() => []);
  const warnings = events
    .map((event) => eventSchema.safeParse(event))
    .flatMap((parsed) =>
      parsed.success && parsed.data.type === 'Warning' && parsed.data.message
        ? [parsed.data.message]
        : [],
    );
  if (warnings.length > 0)
    evidence.push({
      source: outputWords(ctx.lang).eventsIn(input.namespace),
      text: warnings.join('\n'),
    });
  const deployment = await findRunnerDeployment(kube, input.namespace, input.release).catch(
    () => undefined,
  );
  if (deployment) {
    const pods = await kube.list('v1', 'Pod', input.namespace).catch(() => []);
    for (const pod of pods.filter((p) =>
      p.metadata.name.startsWith(`${deployment.metadata.name}-`),
    )) {
      const log = await kube
        .logs(pod.metadata.name, input.namespace, {tailLines: 500})
        .catch(() => '');
      if (log) evidence.push({source: outputWords(ctx.lang).logOf(pod.metadata.name), text: log});
    }
  }
  return evidence;
}

function describeDiagnosis(
  diagnosis: Diagnosis,
  lang: ActionContext['lang'],
  source: string,
): string[] {
  return [
    `${pick(diagnosis.title, lang)} (${source})`,
    ...Object.entries(diagnosis.fields).map(([key, value]) => `  ${key}: ${value}`),
    ...diagnosis.segments.map((segment) => `  [${segment.speaker}] ${segment.text.trim()}`),
    `  → ${pick(diagnosis.next.hint, lang)}`,
  ];
}

/** Reads the job's log (and the namespace's warnings and runner log) again and explains what failed. */
export const diagnoseJob = registerAction({
  name: 'diagnose.job',
  args,
  describe(input, ctx) {
    return [
      {
        kind: 'request',
        method: 'GET',
        url: `${input.url.replace(/\/+$/, '')}/api/v4/projects/${encodeURIComponent(input.projectId)}/jobs/${input.jobId ?? '<latest>'}/trace`,
      },
      ...(input.kubeconfig && input.namespace
        ? [
            {
              kind: 'note' as const,
              text: planWords(ctx.lang ?? 'en').alsoReads(input.namespace),
            },
          ]
        : []),
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
      const jobId = input.jobId ?? (await latestJob(ctx.ports.http, target))?.id;
      const evidence: Evidence[] = [];
      if (jobId !== undefined)
        evidence.push({
          source: `job #${jobId}`,
          text: await jobTrace(ctx.ports.http, target, jobId),
        });
      evidence.push(...(await clusterEvidence(input, ctx)));
      const found: Diagnosis[] = [];
      const seen = new Set<string>();
      for (const item of evidence) {
        for (const diagnosis of diagnose(item.text)) {
          const key = `${diagnosis.id}\n${diagnosis.line}`;
          if (seen.has(key)) continue;
          seen.add(key);
          found.push(diagnosis);
          await ctx.output(describeDiagnosis(diagnosis, ctx.lang, item.source), 'info');
        }
      }
      if (found.length === 0)
        await ctx.output(['no known failure found in the job log, events or runner log'], 'info');
      const ids = [...new Set(found.map((diagnosis) => diagnosis.id))].join(',');
      return {
        ok: true,
        outputs: {found: found.length, ids},
        diagnoses: found,
        summary: ids || 'nothing recognised',
      };
    } catch (error) {
      return {ok: false, error: stepErrorFrom(error)};
    }
  },
});

/** A job's status is `success`. */
export const gitlabJobSucceeded = registerProbe({
  name: 'gitlab.jobSucceeded',
  args: z.strictObject({
    url: z.string().url(),
    projectId: z.union([z.string().min(1), z.number().int().positive()]).transform(String),
    tokenParam: secretParamArg,
    jobId: z.coerce.number().int().positive(),
    insecure: booleanArg.default(false),
  }),
  async run(input, ctx) {
    try {
      const job = await getJob(
        ctx.ports.http,
        {
          url: input.url,
          projectId: input.projectId,
          token: secretValue(ctx.secrets, input.tokenParam),
          insecure: input.insecure,
          signal: ctx.signal,
        },
        input.jobId,
      );
      return {
        holds: job.status === 'success',
        detail: probeWords(ctx.lang).jobStatus(job.id, job.status),
      };
    } catch (error) {
      return {holds: false, detail: error instanceof Error ? error.message : String(error)};
    }
  },
});
