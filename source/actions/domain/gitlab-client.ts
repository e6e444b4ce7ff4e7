import {z} from 'zod';
import type {HttpPort, HttpResponse} from '../../integrations/ports.js';

/** GitLab answered with an error status. */
export class GitlabApiError extends Error {
  readonly status: number;
  readonly detail: string;

  constructor(message: string, status: number, detail: string) {
    super(message);
    this.name = 'GitlabApiError';
    this.status = status;
    this.detail = detail;
  }
}

/** A GitLab project reached through its API with a personal/project access token. */
export type GitlabTarget = {
  readonly url: string;
  readonly projectId: string;
  readonly token: string;
  readonly insecure: boolean;
  readonly signal?: AbortSignal;
};

const pipelineSchema = z.looseObject({
  id: z.number(),
  status: z.string(),
  web_url: z.string().optional(),
});
const jobSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  stage: z.string().optional(),
  status: z.string(),
  failure_reason: z.string().nullish(),
});

/** A pipeline, as much as the procedure reads. */
export type Pipeline = z.infer<typeof pipelineSchema>;
/** A job, as much as the procedure reads. */
export type Job = z.infer<typeof jobSchema>;

const errorSchema = z.looseObject({message: z.unknown().optional(), error: z.string().optional()});

function base(target: GitlabTarget): string {
  return `${target.url.replace(/\/+$/, '')}/api/v4/projects/${encodeURIComponent(target.projectId)}`;
}

async function call(
  http: HttpPort,
  target: GitlabTarget,
  method: 'GET' | 'POST',
  path: string,
  what: string,
): Promise<HttpResponse> {
  const response = await http.request({
    method,
    url: `${base(target)}${path}`,
    // The token travels only in this header, never in the URL.
    headers: {'PRIVATE-TOKEN': target.token, accept: 'application/json'},
    insecure: target.insecure,
    ...(target.signal ? {signal: target.signal} : {}),
  });
  if (response.status >= 200 && response.status < 300) return response;
  let words = response.text().trim();
  try {
    const parsed = errorSchema.safeParse(JSON.parse(words));
    if (parsed.success) words = parsed.data.error ?? JSON.stringify(parsed.data.message ?? words);
  } catch {
    // not JSON: keep the body as GitLab's words
  }
  throw new GitlabApiError(
    `${what}: GitLab answered ${response.status} (${words})`,
    response.status,
    words,
  );
}

function json<T>(schema: z.ZodType<T>, response: HttpResponse, what: string): T {
  let data: unknown;
  try {
    data = JSON.parse(response.text());
  } catch {
    // An HTML page or a cut-off body: reported below as an unexpected answer, with its start.
  }

  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new GitlabApiError(
      `${what}: unexpected answer`,
      response.status,
      response.text().slice(0, 500),
    );
  return parsed.data;
}

/** `POST /projects/:id/pipeline?ref=…`. */
export async function createPipeline(
  http: HttpPort,
  target: GitlabTarget,
  ref: string,
): Promise<Pipeline> {
  const what = `create a pipeline on ${ref}`;
  return json(
    pipelineSchema,
    await call(http, target, 'POST', `/pipeline?ref=${encodeURIComponent(ref)}`, what),
    what,
  );
}

/** `GET /projects/:id/pipelines/:pipeline_id`. */
export async function getPipeline(
  http: HttpPort,
  target: GitlabTarget,
  id: number,
): Promise<Pipeline> {
  const what = `read pipeline ${id}`;
  return json(pipelineSchema, await call(http, target, 'GET', `/pipelines/${id}`, what), what);
}

/** `GET /projects/:id/pipelines/:pipeline_id/jobs`, oldest first. */
export async function pipelineJobs(
  http: HttpPort,
  target: GitlabTarget,
  id: number,
): Promise<Job[]> {
  const what = `list the jobs of pipeline ${id}`;
  const jobs = json(
    z.array(jobSchema),
    await call(http, target, 'GET', `/pipelines/${id}/jobs?per_page=100`, what),
    what,
  );
  return jobs.sort((a, b) => a.id - b.id);
}

/** `GET /projects/:id/jobs?per_page=1`: the project's newest job. */
export async function latestJob(http: HttpPort, target: GitlabTarget): Promise<Job | undefined> {
  const what = 'list the project jobs';
  return json(
    z.array(jobSchema),
    await call(http, target, 'GET', '/jobs?per_page=1', what),
    what,
  )[0];
}

/** `GET /projects/:id/jobs/:job_id`. */
export async function getJob(http: HttpPort, target: GitlabTarget, id: number): Promise<Job> {
  const what = `read job ${id}`;
  return json(jobSchema, await call(http, target, 'GET', `/jobs/${id}`, what), what);
}

/** `GET /projects/:id/jobs/:job_id/trace`: the log so far ('' while there is none). */
export async function jobTrace(http: HttpPort, target: GitlabTarget, id: number): Promise<string> {
  try {
    return (
      await call(http, target, 'GET', `/jobs/${id}/trace`, `read the log of job ${id}`)
    ).text();
  } catch (error) {
    if (error instanceof GitlabApiError && error.status === 404) return '';
    throw error;
  }
}

/** Pipeline and job states that will not change any more. */
export const finishedStatuses: ReadonlySet<string> = new Set([
  'success',
  'failed',
  'canceled',
  'skipped',
]);
