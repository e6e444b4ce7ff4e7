import type {ClusterStore} from '../controllers/cluster.js';
import type {Clock} from '../controllers/timing.js';
import type {LabObject, LabUser, LabWorld} from '../types.js';
import {shortToken} from './build-pod.js';
import {advancePipeline} from './project.js';
import {findRunners, type RunnerInstance} from './runner-config.js';
import {refusedLines, startupLines} from './runner-log.js';
import {errorMessage, runJob, type Job, type JobContext} from './run-job.js';
import {errorln} from './trace.js';

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

  const context: JobContext = {
    world,
    store,
    clock,
    createPod: options.createPod,
    write,
    finish,
    managerLog,
    stopped: () => stopped,
  };

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
      void runJob(context, runner, config, token, job)
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
