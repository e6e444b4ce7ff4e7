import type {ClusterStore} from '../controllers/cluster.js';
import type {Clock} from '../controllers/timing.js';
import type {LabObject, LabUser, LabWorld} from '../types.js';
import {buildPod, runnerVersionLine, shortToken, type RunnerEra} from './build-pod.js';
import {advancePipeline, ciJobFor, labCommitSha} from './project.js';
import {findRunners, type KubernetesExecutorConfig, type RunnerInstance} from './runner-config.js';
import {jobLine, refusedLines, startupLines} from './runner-log.js';
import {jobScriptTrace} from './script-output.js';
import {errorln, infoln, println, sectionEnd, sectionStart} from './trace.js';

/** What the simulated runner needs from the lab. */
export type RunnerOptions = {
  readonly world: LabWorld;
  readonly store: ClusterStore;
  /** Creates a pod through the lab's Kubernetes API as `user` (RBAC, admission); rejects with the API's message. */
  readonly createPod: (user: LabUser, namespace: string, pod: LabObject) => Promise<LabObject>;
  readonly clock: Clock;
  readonly changed: () => void;
  /** Real milliseconds between looks for work when nothing wakes the runner. */
  readonly pollMs?: number;
};

/** The running runner. */
export type SimulatedRunner = {
  /** Look for work now. */
  readonly kick: () => void;
  readonly stop: () => void;
};

type Job = LabWorld['gitlab']['jobs'][number];

const shellProfileHint =
  'Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information';

function errorMessage(error: unknown): string {
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

/**
 * GitLab Runner's Kubernetes executor, simulated: once the chart's Deployment has a Ready pod, it
 * takes pending jobs one at a time and creates each build pod through the lab's Kubernetes API
 * as its own service account, so a job fails or succeeds for the cluster's real reason.
 */
export function startRunner(options: RunnerOptions): SimulatedRunner {
  const {world, store, clock} = options;
  const announced = new Map<string, string>();
  let busy = false;
  let stopped = false;
  let scheduled = false;

  function managerLog(runner: RunnerInstance, lines: readonly string[]): void {
    const pod = runner.pod;
    if (!pod) return;
    const spec = pod['spec'];
    const containers =
      typeof spec === 'object' && spec !== null && 'containers' in spec ? spec.containers : [];
    const first: unknown = Array.isArray(containers) ? containers[0] : undefined;
    const container =
      typeof first === 'object' && first !== null && 'name' in first
        ? String(first.name)
        : runner.name;
    store.appendLog(
      runner.namespace,
      pod.metadata.name,
      container,
      lines.map((text) => `${text}\n`).join(''),
    );
  }

  function announceOnce(runner: RunnerInstance, state: string, lines: readonly string[]): void {
    const key = runner.pod?.metadata.uid ?? runner.name;
    if (announced.get(key) === state) return;
    announced.set(key, state);
    managerLog(runner, lines);
  }

  // Once the lab stops, a job in flight is left as it was: the next start fails it as orphaned.
  function write(job: Job, text: string): void {
    if (stopped) return;
    job.trace += text;
    options.changed();
  }

  function finish(job: Job, status: 'success' | 'failed', failureReason?: string): void {
    if (stopped) return;
    job.status = status;
    job.finishedAt = new Date().toISOString();
    if (failureReason) job.failureReason = failureReason;
    advancePipeline(world, job.pipelineId);
    options.changed();
  }

  async function waitForPod(job: Job, namespace: string, name: string): Promise<boolean> {
    for (let attempt = 0; attempt < 100 && !stopped; attempt++) {
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

  async function runJob(
    runner: RunnerInstance,
    config: KubernetesExecutorConfig,
    token: string,
    job: Job,
  ) {
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
      created = await options.createPod(
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
    if (!(await waitForPod(job, config.namespace, name))) {
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

  function look(): void {
    scheduled = false;
    if (stopped || busy) return;
    for (const runner of findRunners(store)) {
      if (!runner.pod) continue;
      const registration = !(runner.token ?? '').startsWith('glrt-');
      const short = shortToken(runner.token ?? '', world.chartEra);
      if (!runner.token || runner.token.includes('revoked')) {
        announceOnce(runner, 'refused', refusedLines(short, registration));
        continue;
      }

      if ('error' in runner.config) {
        announceOnce(runner, 'config', [`ERROR: Failed to load config ${runner.config.error}`]);
        continue;
      }

      announceOnce(runner, 'running', startupLines(world.chartEra, short, registration));
      const job = world.gitlab.jobs.find((candidate) => candidate.status === 'pending');
      if (!job) return;
      busy = true;
      const {config, token} = runner;
      void runJob(runner, config, token, job)
        .catch((error: unknown) => {
          write(job, errorln(`Job failed (system failure): ${errorMessage(error)}`));
          finish(job, 'failed', 'runner_system_failure');
        })
        .finally(() => {
          busy = false;
          kick();
        });
      return;
    }
  }

  function kick(): void {
    if (scheduled || stopped) return;
    scheduled = true;
    setImmediate(look);
  }

  // A job left running by a lab that stopped mid-job has lost its runner: GitLab would fail it.
  for (const job of world.gitlab.jobs.filter((candidate) => candidate.status === 'running')) {
    write(
      job,
      errorln('Job failed (system failure): the runner stopped while the job was running'),
    );
    finish(job, 'failed', 'runner_system_failure');
  }

  const interval = setInterval(kick, options.pollMs ?? 500);
  interval.unref();
  const unsubscribe = store.onChange((_event, resource) => {
    if (['pods', 'deployments', 'configmaps', 'secrets'].includes(resource)) kick();
  });
  kick();
  return {
    kick,
    stop() {
      stopped = true;
      clearInterval(interval);
      unsubscribe();
    },
  };
}
