// Benchmark 5 of issue 6: readiness latency. The lab runs in this process; the bundled CLI
// runs one step that waits (kube.waitReady) for the runner's Deployment. Each round scales the
// Deployment from 0 to 1 once the waiter's watch is open in the lab; the lab's controllers
// start the pod and, after the pod's simulated start-up, mark the Deployment ready. Timed: from
// the store write that makes the Deployment ready to the moment the engine's step-output line
// reporting it ("…: 1/1 ready") reaches this process. Baseline: a bare watch of the same
// collection from this process (no engine, no client-node) seeing the same write.
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {z} from 'zod';
import {readiness} from '../source/actions/domain/readiness.js';
import {bundleKubeconfig} from '../source/lab/mke/client-bundle.js';
import type {LabObject} from '../source/lab/types.js';
import {benchEnv, cliPath, repoRoot, startBenchLab, type BenchLab} from './lib/lab.js';
import {median, report} from './lib/stats.js';

const profile = 'bench';
const namespace = 'gitlab-runner';
const name = 'gitlab-runner';
const rounds = 12;
// Pod start-up takes 1500 ms × speed in the lab: long enough that readiness is its own write.
const labSpeed = 0.2;
const runbook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/wait-ready.yaml');
const now = (): number => performance.timeOrigin + performance.now();

function deployment(replicas: number): LabObject {
  const labels = {app: name};
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name, namespace, labels},
    spec: {
      replicas,
      selector: {matchLabels: labels},
      template: {
        metadata: {labels},
        spec: {containers: [{name: 'gitlab-runner', image: 'gitlab/gitlab-runner:alpine'}]},
      },
    },
  };
}

function scale(lab: BenchLab, replicas: number): void {
  const current = lab.lab.store.get('deployments', namespace, name);
  if (!current) throw new Error('the Deployment is gone');
  lab.lab.store.update('deployments', {...current, spec: deployment(replicas)['spec']});
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const watchEventSchema = z.object({
  object: z.looseObject({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.looseObject({name: z.string()}),
  }),
});
const outputSchema = z.object({
  type: z.literal('step-output'),
  lines: z.array(z.string()),
});

/** Reads JSON lines as they arrive, calling `onLine` with each line's arrival time. */
function onJsonLines(
  stream: NodeJS.ReadableStream,
  onLine: (value: unknown, at: number) => void,
): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const at = now();
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) onLine(JSON.parse(line), at);
  });
}

/** A bare watch of the Deployments from this process; calls `onReady` when one is seen ready. */
function bareWatch(lab: BenchLab, token: string, onReady: (at: number) => void): () => void {
  const url = new URL(`/apis/apps/v1/namespaces/${namespace}/deployments?watch=true`, lab.url);
  const request = https.get(url, {ca: lab.certPem, headers: {authorization: `Bearer ${token}`}});
  request.on('response', (response) => {
    onJsonLines(response, (value, at) => {
      const event = watchEventSchema.safeParse(value);
      if (event.success && readiness('Deployment', event.data.object).ready) onReady(at);
    });
  });
  request.on('error', () => undefined);
  return () => request.destroy();
}

/** Runs the benchmark; resolves to whether every target was met. */
export async function benchReadiness(): Promise<boolean> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'mke-bench-readiness-'));
  // Requests for the Deployments that are not watches: a waiter that polls would add one per poll.
  let reads = 0;
  const collection = `/apis/apps/v1/namespaces/${namespace}/deployments`;
  const lab = await startBenchLab(stateDir, profile, labSpeed, [
    async (request, _response, url, next) => {
      const isWatch = url.searchParams.get('watch') === 'true' || url.pathname.includes('/watch/');
      if (request.method === 'GET' && url.pathname.startsWith(collection) && !isWatch) reads++;
      await next();
    },
  ]);
  const {store} = lab.lab;
  try {
    const token = lab.lab.tokenFor({
      name: 'admin',
      groups: ['system:masters', 'system:authenticated'],
      mkeAdmin: true,
    });
    const kubeconfig = path.join(stateDir, 'kube.yml');
    writeFileSync(
      kubeconfig,
      bundleKubeconfig({
        serverUrl: lab.url,
        mkeAddress: '192.168.123.202',
        username: 'admin',
        token,
        caPem: lab.certPem,
      }),
    );
    store.create('namespaces', {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}});
    store.create('deployments', deployment(0));

    // Watches of Deployments opened in the lab so far (the bare one, then one per waiter).
    let watches = 0;
    const watch = store.watch;
    store.watch = (resource, ns, from, listener) => {
      const stop = watch(resource, ns, from, listener);
      if (resource !== 'deployments') return stop;
      watches++;
      return stop;
    };

    let labReadyAt: number | undefined;
    let bareAt: number | undefined;
    const unsubscribe = store.onChange((event, resource) => {
      if (resource !== 'deployments' || labReadyAt !== undefined) return;
      if (readiness('Deployment', event.object).ready) labReadyAt = now();
    });
    const stopBare = bareWatch(lab, token, (at) => (bareAt ??= at));
    await until(() => watches === 1, 'the bare watch to open');

    const latencies: number[] = [];
    const bare: number[] = [];
    const readsPerRollout: number[] = [];
    try {
      for (let round = 0; round < rounds; round++) {
        scale(lab, 0);
        await until(
          () =>
            !readiness('Deployment', store.get('deployments', namespace, name)).ready &&
            store.list('pods', namespace).items.length === 0,
          'the Deployment to scale to 0',
        );
        labReadyAt = undefined;
        bareAt = undefined;
        let reportedAt: number | undefined;
        const opened = watches;
        const readsBefore = reads;
        const child = spawn(
          process.execPath,
          [
            cliPath,
            'run',
            runbook,
            '--only',
            'wait',
            '--simulate',
            '--yes',
            '--json',
            '--state-dir',
            stateDir,
            '--profile',
            profile,
            '--set',
            `kubeconfig=${kubeconfig}`,
          ],
          {cwd: repoRoot, env: benchEnv(stateDir), stdio: ['ignore', 'pipe', 'pipe']},
        );
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        onJsonLines(child.stdout, (value, at) => {
          const parsed = outputSchema.safeParse(value);
          if (parsed.success && parsed.data.lines.some((line) => line.endsWith(': 1/1 ready')))
            reportedAt ??= at;
        });
        const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
        await until(() => watches > opened, "the waiting step's watch to open");
        scale(lab, 1);
        const code = await exited;
        if (code !== 0 || reportedAt === undefined || labReadyAt === undefined) {
          throw new Error(`the waiting step did not report readiness (exit ${code}):\n${stderr}`);
        }
        latencies.push(reportedAt - labReadyAt);
        readsPerRollout.push(reads - readsBefore);
        if (bareAt !== undefined) bare.push(bareAt - labReadyAt);
      }
    } finally {
      stopBare();
      unsubscribe();
    }

    const value = median(latencies);
    const baseline = median(bare);
    return report(
      `Readiness latency (lab marks the Deployment ready → the step reports it; medians of ${rounds} rollouts)`,
      [
        {
          name: 'readiness latency',
          value,
          unit: 'ms',
          target: 100,
          kind: 'max',
          note: `${(value / Math.max(baseline, 0.01)).toFixed(1)}× a bare watch from the lab's process (${baseline.toFixed(1)} ms); rounds ${latencies.map((ms) => ms.toFixed(1)).join(' ')}`,
        },
        {
          name: 'reads of the Deployment besides the watch, per rollout',
          value: Math.max(...readsPerRollout),
          unit: '',
          target: 1,
          kind: 'max',
          note: 'the list the watch starts from; a waiter that polls reads once per poll',
        },
      ],
    );
  } finally {
    await lab.close();
    rmSync(stateDir, {recursive: true, force: true});
  }
}
