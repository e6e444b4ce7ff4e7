import type {LabWorld} from '../types.js';

/** One job of the project's `.gitlab-ci.yml`. */
export type CiJob = {
  readonly name: string;
  readonly stage: string;
  readonly image: string;
  readonly services: readonly string[];
  readonly variables: Readonly<Record<string, string>>;
  readonly script: readonly string[];
};

/** The article's `.gitlab-ci.yml` (procedure.md, Step 4), as the lab's one project has it. */
export const ciStages = ['build', 'test'] as const;

const beforeScript = ['docker login -u gitlab-ci-token -p $CI_BUILD_TOKEN $CI_REGISTRY'];

/** The project's jobs, in stage order. */
export const ciJobs: readonly CiJob[] = [
  {
    name: 'build',
    stage: 'build',
    image: 'docker:18.09',
    services: ['docker:18.09-dind'],
    variables: {DOCKER_DRIVER: 'overlay2'},
    script: [
      ...beforeScript,
      'docker build -t $CI_REGISTRY_IMAGE:4.3.2 .',
      'docker push $CI_REGISTRY_IMAGE:4.3.2',
    ],
  },
  {
    name: 'test',
    stage: 'test',
    image: 'docker:18.09',
    services: ['docker:18.09-dind'],
    variables: {},
    script: [
      ...beforeScript,
      'docker run --rm -v $(pwd)/test/project:/omegat $CI_REGISTRY_IMAGE:4.3.2',
      'cmp test/test.txt test/project/target/test.txt',
    ],
  },
];

/** The commit every lab pipeline builds. */
export const labCommitSha = '6d4f2a1c9b8e7d3f5a0c2e4b6d8f1a3c5e7b9d0f';

type Pipeline = LabWorld['gitlab']['pipelines'][number];
type Job = LabWorld['gitlab']['jobs'][number];

function isoNow(): string {
  return new Date().toISOString();
}

/** Adds a pipeline with the project's jobs: the first stage pending, later ones created. */
export function createPipeline(world: LabWorld, ref: string): Pipeline {
  const {gitlab} = world;
  const pipeline: Pipeline = {
    id: gitlab.nextPipelineId++,
    status: 'pending',
    ref,
    createdAt: isoNow(),
    jobIds: [],
  };
  for (const ciJob of ciJobs) {
    const job: Job = {
      id: gitlab.nextJobId++,
      pipelineId: pipeline.id,
      name: ciJob.name,
      stage: ciJob.stage,
      status: ciJob.stage === ciStages[0] ? 'pending' : 'created',
      trace: '',
      createdAt: pipeline.createdAt,
    };
    gitlab.jobs.push(job);
    pipeline.jobIds.push(job.id);
  }

  gitlab.pipelines.push(pipeline);
  return pipeline;
}

/** The job definition of a lab job. */
export function ciJobFor(job: Job): CiJob {
  return ciJobs.find((candidate) => candidate.name === job.name) ?? ciJobs[0]!;
}

/** After a job finished: starts the next stage or skips it, and derives the pipeline's status. */
export function advancePipeline(world: LabWorld, pipelineId: number): void {
  const pipeline = world.gitlab.pipelines.find((entry) => entry.id === pipelineId);
  if (!pipeline) return;
  const jobs = world.gitlab.jobs.filter((job) => job.pipelineId === pipelineId);
  for (const stage of ciStages) {
    const inStage = jobs.filter((job) => job.stage === stage);
    const earlier = jobs.filter(
      (job) => ciStages.indexOf(job.stage as (typeof ciStages)[number]) < ciStages.indexOf(stage),
    );
    if (
      earlier.some(
        (job) => job.status === 'failed' || job.status === 'skipped' || job.status === 'canceled',
      )
    ) {
      for (const job of inStage) if (job.status === 'created') job.status = 'skipped';
    } else if (earlier.every((job) => job.status === 'success')) {
      for (const job of inStage) if (job.status === 'created') job.status = 'pending';
    }
  }

  const statuses = jobs.map((job) => job.status);
  const done = (status: string) => ['success', 'failed', 'skipped', 'canceled'].includes(status);
  if (statuses.includes('running')) pipeline.status = 'running';
  else if (statuses.every(done))
    pipeline.status = statuses.includes('failed') ? 'failed' : 'success';
  else if (statuses.some((status) => status === 'success' || status === 'failed'))
    pipeline.status = 'running';
  else pipeline.status = 'pending';
}
