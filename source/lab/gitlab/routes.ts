import type {IncomingMessage, ServerResponse} from 'node:http';
import type {LabRoute, LabWorld} from '../types.js';
import {sendBody, sendJson} from '../mke/http.js';
import {createPipeline, labCommitSha} from './project.js';

/** What GitLab's API needs from the rest of the lab. */
export type GitlabApiDeps = {
  readonly world: LabWorld;
  /** Called after the world changed (a pipeline was created), so the runner looks for work. */
  readonly changed: () => void;
};

type Pipeline = LabWorld['gitlab']['pipelines'][number];
type Job = LabWorld['gitlab']['jobs'][number];

const labUser = {id: 1, username: 'root', name: 'Administrator', state: 'active'};

function gitlabBase(request: IncomingMessage): string {
  // The app's HTTP integration routes GitLab's address to the lab and says which host it meant.
  const host = request.headers['x-forwarded-host'];
  const proto = request.headers['x-forwarded-proto'];
  if (typeof host === 'string' && host !== '') {
    return `${typeof proto === 'string' ? proto : 'https'}://${host}`;
  }

  return `http://${request.headers.host ?? '127.0.0.1'}`;
}

function seconds(from?: string, to?: string): number | null {
  if (!from) return null;
  return (Date.parse(to ?? new Date().toISOString()) - Date.parse(from)) / 1000;
}

function pipelineJson(world: LabWorld, pipeline: Pipeline, base: string) {
  const jobs = world.gitlab.jobs.filter((job) => job.pipelineId === pipeline.id);
  const startedAt = jobs.map((job) => job.startedAt).find(Boolean);
  const finished = ['success', 'failed', 'canceled', 'skipped'].includes(pipeline.status);
  const finishedAt = finished
    ? jobs
        .map((job) => job.finishedAt)
        .filter(Boolean)
        .sort()
        .at(-1)
    : undefined;
  return {
    id: pipeline.id,
    iid: pipeline.id,
    project_id: world.gitlab.projectId,
    sha: labCommitSha,
    ref: pipeline.ref,
    status: pipeline.status,
    source: 'api',
    created_at: pipeline.createdAt,
    updated_at: finishedAt ?? startedAt ?? pipeline.createdAt,
    web_url: `${base}/lab/project/-/pipelines/${pipeline.id}`,
    before_sha: '0000000000000000000000000000000000000000',
    tag: false,
    yaml_errors: null,
    user: labUser,
    started_at: startedAt ?? null,
    finished_at: finishedAt ?? null,
    committed_at: null,
    duration: finishedAt ? seconds(startedAt, finishedAt) : null,
    queued_duration: null,
    coverage: null,
    detailed_status: {text: pipeline.status, label: pipeline.status, group: pipeline.status},
  };
}

function jobJson(world: LabWorld, job: Job, base: string) {
  const pipeline = world.gitlab.pipelines.find((entry) => entry.id === job.pipelineId);
  return {
    id: job.id,
    status: job.status,
    stage: job.stage,
    name: job.name,
    ref: pipeline?.ref ?? 'main',
    tag: false,
    coverage: null,
    allow_failure: false,
    created_at: job.createdAt,
    started_at: job.startedAt ?? null,
    finished_at: job.finishedAt ?? null,
    duration: seconds(job.startedAt, job.finishedAt),
    queued_duration: seconds(job.createdAt, job.startedAt),
    user: labUser,
    commit: {id: labCommitSha, short_id: labCommitSha.slice(0, 8), title: 'Add .gitlab-ci.yml'},
    pipeline: {
      id: job.pipelineId,
      project_id: world.gitlab.projectId,
      ref: pipeline?.ref ?? 'main',
      sha: labCommitSha,
      status: pipeline?.status ?? 'pending',
    },
    web_url: `${base}/lab/project/-/jobs/${job.id}`,
    artifacts: [],
    runner: null,
    artifacts_expire_at: null,
    ...(job.failureReason ? {failure_reason: job.failureReason} : {}),
  };
}

function notFound(response: ServerResponse, what?: string): void {
  sendJson(response, 404, {message: what ? `404 ${what} Not Found` : '404 Not found'});
}

/** The lab accepts any personal access token except an empty one or one marked revoked. */
function authorised(request: IncomingMessage): boolean {
  const header = request.headers['private-token'];
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const token = typeof header === 'string' ? header : bearer;
  return token !== undefined && token.trim() !== '' && !token.includes('revoked');
}

function newestFirst<T extends {readonly id: number}>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.id - a.id);
}

// GitLab pages lists 20 at a time unless `per_page` (at most 100) says otherwise.
function page<T>(items: readonly T[], url: URL): T[] {
  const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 20) || 20, 1), 100);
  const number = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
  return items.slice((number - 1) * perPage, number * perPage);
}

const projectPath = /^\/api\/v4\/projects\/([^/]+)(\/.*)$/;

/** GitLab's REST API for the lab's one project: pipelines, jobs, traces (facts §5). */
export function createGitlabRoute(deps: GitlabApiDeps): LabRoute {
  return (request, response, url) => {
    if (!url.pathname.startsWith('/api/v4/')) return false;
    if (!authorised(request)) {
      sendJson(response, 401, {message: '401 Unauthorized'});
      return true;
    }

    const match = projectPath.exec(url.pathname);
    const {world} = deps;
    const projectId = decodeURIComponent(match?.[1] ?? '');
    // The lab has one project: its numeric id, or any `group/project` path, names it.
    if (!match || (projectId !== String(world.gitlab.projectId) && !projectId.includes('/'))) {
      notFound(response, 'Project');
      return true;
    }

    const rest = match[2] ?? '';
    const method = request.method ?? 'GET';
    const base = gitlabBase(request);
    let found: RegExpExecArray | null;
    if (method === 'POST' && rest === '/pipeline') {
      const ref = url.searchParams.get('ref');
      if (!ref) {
        sendJson(response, 400, {error: 'ref is missing'});
        return true;
      }

      const pipeline = createPipeline(world, ref);
      deps.changed();
      sendJson(response, 201, pipelineJson(world, pipeline, base));
    } else if (method === 'GET' && rest === '/pipelines') {
      const pipelines = [...world.gitlab.pipelines].reverse();
      sendJson(
        response,
        200,
        pipelines.map((pipeline) => pipelineJson(world, pipeline, base)),
      );
    } else if (method === 'GET' && (found = /^\/pipelines\/(\d+)(\/jobs)?$/.exec(rest))) {
      const pipeline = world.gitlab.pipelines.find((entry) => entry.id === Number(found?.[1]));
      if (!pipeline) {
        notFound(response);
      } else if (found[2]) {
        // Newest first, as GitLab has listed them since 13.5.
        const jobs = page(
          newestFirst(world.gitlab.jobs.filter((job) => job.pipelineId === pipeline.id)),
          url,
        );
        sendJson(
          response,
          200,
          jobs.map((job) => jobJson(world, job, base)),
        );
      } else {
        sendJson(response, 200, pipelineJson(world, pipeline, base));
      }
    } else if (method === 'GET' && rest === '/jobs') {
      sendJson(
        response,
        200,
        page(newestFirst(world.gitlab.jobs), url).map((job) => jobJson(world, job, base)),
      );
    } else if (method === 'GET' && (found = /^\/jobs\/(\d+)(\/trace)?$/.exec(rest))) {
      const job = world.gitlab.jobs.find((entry) => entry.id === Number(found?.[1]));
      if (!job) notFound(response);
      else if (found[2]) sendBody(response, 200, 'text/plain; charset=utf-8', job.trace);
      else sendJson(response, 200, jobJson(world, job, base));
    } else {
      sendJson(response, 404, {error: '404 Not Found'});
    }

    return true;
  };
}
