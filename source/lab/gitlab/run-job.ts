import type {ClusterStore} from '../controllers/cluster.js';
import type {Clock} from '../controllers/timing.js';
import type {LabObject, LabUser, LabWorld} from '../types.js';
import {buildPod, runnerVersionLine, shortToken, type RunnerEra} from './build-pod.js';
import {advancePipeline, ciJobFor, labCommitSha} from './project.js';
import type {KubernetesExecutorConfig, RunnerInstance} from './runner-config.js';
import {jobLine} from './runner-log.js';
import {jobScriptTrace} from './script-output.js';
import {errorln, infoln, println, sectionEnd, sectionStart} from './trace.js';

/** A lab job. */
export type Job = LabWorld['gitlab']['jobs'][number];

/** What running a job needs from the runner around it. */
export type JobContext = {
  readonly world: LabWorld;
  readonly store: ClusterStore;
  readonly clock: Clock;
  /** Creates a pod through the lab's Kubernetes API as `user`; rejects with the API's message. */
  readonly createPod: (user: LabUser, namespace: string, pod: LabObject) => Promise<LabObject>;
  readonly write: (job: Job, text: string) => void;
  readonly finish: (job: Job, status: 'success' | 'failed', failureReason?: string) => void;
  readonly managerLog: (runner: RunnerInstance, lines: readonly string[]) => void;
  readonly stopped: () => boolean;
};

const shellProfileHint =
  'Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information';

/** An error's message, as GitLab Runner quotes it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function runnerUser(namespace: string, name: string): LabUser {
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${namespace}`,
      'system:authenticated',
    ],
    mkeAdmin: false,
  };
}

function unready(pod: LabObject): string[] {
  const status = pod['status'];
  const conditions =
    typeof status === 'object' && status !== null && 'conditions' in status
      ? status.conditions
      : [];
  if (!Array.isArray(conditions)) return [];
  return conditions
    .filter(
      (condition: Record<string, unknown>) => condition['status'] !== 'True' && condition['reason'],
    )
    .map(
      (condition: Record<string, unknown>) =>
        `\t${String(condition['reason'])}: ${JSON.stringify(condition['message'] ?? '')}`,
    );
}

function phaseOf(pod: LabObject | undefined): string | undefined {
  const status = pod?.['status'];
  return typeof status === 'object' && status !== null && 'phase' in status
    ? String(status.phase)
    : undefined;
}

async function waitForPod(
  context: JobContext,
  job: Job,
  namespace: string,
  name: string,
): Promise<boolean> {
  const {store, clock, write} = context;
  for (let attempt = 0; attempt < 100 && !context.stopped(); attempt++) {
    const pod = store.get('pods', namespace, name);
    if (!pod) return false;
    if (phaseOf(pod) === 'Running') return true;
    write(
      job,
      println(
        `Waiting for pod ${namespace}/${name} to be running, status is ${phaseOf(pod) ?? 'Pending'}`,
      ),
    );
    for (const reason of unready(pod)) write(job, println(reason));
    // The Kubernetes executor polls every poll_interval (3 s by default).
    await clock.sleep(3000);
  }

  return false;
}

/** Runs one job as GitLab Runner's Kubernetes executor would, writing its trace as it goes. */
export async function runJob(
  context: JobContext,
  runner: RunnerInstance,
  config: KubernetesExecutorConfig,
  token: string,
  job: Job,
) {
  const {world, store, clock, write, finish, managerLog} = context;
  const era: RunnerEra = world.chartEra;
  const ciJob = ciJobFor(job);
  const short = shortToken(token, era);
  const manager = runner.pod?.metadata.name ?? runner.name;
  const fields = {job: job.id, project: world.gitlab.projectId, runner: short};
  job.status = 'running';
  job.startedAt = new Date().toISOString();
  advancePipeline(world, job.pipelineId);
  managerLog(runner, [
    jobLine('Checking for jobs... received', {
      ...fields,
      repo_url: 'https://gitlab.example.com/lab/project.git',
    }),
  ]);
  write(job, println(`Running with ${runnerVersionLine(era)}`));
  write(job, println(`  on ${manager} ${short}`));
  write(job, sectionStart('prepare_executor', 'Preparing the "kubernetes" executor'));
  write(job, println(`Using Kubernetes namespace: ${config.namespace}`));
  write(job, println(`Using Kubernetes executor with image ${ciJob.image} ...`));
  write(job, println('Using attach strategy to execute scripts...'));
  write(job, sectionEnd('prepare_executor'));
  write(job, sectionStart('prepare_script', 'Preparing environment'));
  await clock.sleep(300);
  const pod = buildPod({
    era,
    token,
    projectId: world.gitlab.projectId,
    jobId: job.id,
    concurrentId: 0,
    config,
    job: ciJob,
  });
  let created: LabObject;
  try {
    created = await context.createPod(
      runnerUser(runner.namespace, runner.serviceAccount),
      config.namespace,
      pod,
    );
  } catch (error) {
    const reason = `prepare environment: setting up build pod: ${errorMessage(error)}. ${shellProfileHint}`;
    write(job, errorln(`Job failed (system failure): ${reason}`));
    managerLog(runner, [jobLine(`WARNING: Job failed: ${reason}`, {duration_s: 0.3, ...fields})]);
    finish(job, 'failed', 'runner_system_failure');
    return;
  }

  const {name} = created.metadata;
  job.podName = name;
  if (!(await waitForPod(context, job, config.namespace, name))) {
    const reason = `prepare environment: waiting for pod running: timed out waiting for pod to start. ${shellProfileHint}`;
    write(job, errorln(`Job failed (system failure): ${reason}`));
    finish(job, 'failed', 'runner_system_failure');
    return;
  }

  write(job, println(`Running on ${name} via ${manager}...`));
  write(job, sectionEnd('prepare_script'));
  write(job, sectionStart('get_sources', 'Getting source from Git repository'));
  for (const text of [
    'Fetching changes with git depth set to 50...',
    'Initialized empty Git repository in /builds/lab/project/.git/',
    'Created fresh repository.',
    `Checking out ${labCommitSha.slice(0, 8)} as main...`,
    '',
    'Skipping Git submodules setup',
  ]) {
    write(job, println(text));
  }

  write(job, sectionEnd('get_sources'));
  write(job, sectionStart('step_script', 'Executing "step_script" stage of the job script'));
  for (const part of jobScriptTrace(ciJob)) {
    write(job, part.command ? infoln(`$ ${part.text}`) : println(part.text));
    await clock.sleep(100);
  }

  write(job, sectionEnd('step_script'));
  write(
    job,
    sectionStart(
      'cleanup_file_variables',
      'Cleaning up project directory and file based variables',
    ),
  );
  write(job, sectionEnd('cleanup_file_variables'));
  write(job, infoln('Job succeeded'));
  try {
    store.delete('pods', config.namespace, name);
  } catch {
    // Someone removed it already.
  }

  managerLog(runner, [jobLine('Job succeeded', {duration_s: 3.2, ...fields})]);
  finish(job, 'success');
}
