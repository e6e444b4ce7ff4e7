// Benchmark 4 of issue 6: resume at scale. A profile that has done the whole procedure
// (remediation 2, the branch with the most probes) against the simulated lab; then
// `mke-runbook run --simulate --yes --json` in a fresh process, as a person resuming would
// start it. What is timed is reconcile as the engine reports it: from its `reconcile-started`
// event to its `reconcile-finished` event (every done-probe run against the lab, client-node
// loaded on first use included). Every step must have a verdict, and every step with a
// done-probe must be `verified` — so every probe really ran and held.
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import {promisify} from 'node:util';
import path from 'node:path';
import {loadRunbook} from '../source/runbook/load.js';
import type {ActionStep} from '../source/runbook/types.js';
import {readEvents, runBundledCli} from './lib/cli-json.js';
import {benchEnv, procedureRunbook, startBenchLab} from './lib/lab.js';
import {median, report} from './lib/stats.js';

const profile = 'bench';
const branch = 'psp-grant';
const rounds = 7;
const run = promisify(execFile);

/** The steps a finished remediation-2 run plans, and those of them with a done-probe. */
async function expectedSteps(): Promise<{all: string[]; probed: string[]}> {
  const runbook = await loadRunbook(procedureRunbook);
  const steps: ActionStep[] = [];
  const all: string[] = [];
  for (const step of runbook.steps) {
    all.push(step.id);
    if (step.kind === 'action') steps.push(step);
    else {
      const chosen = step.branches.find((candidate) => candidate.id === branch);
      for (const inner of chosen?.steps ?? []) {
        all.push(inner.id);
        steps.push(inner);
      }
    }
  }
  return {all, probed: steps.filter((step) => step.done && !step.always).map((step) => step.id)};
}

/**
 * The baseline: a fresh bare `node` asking the lab one thing over HTTPS — its whole wall time,
 * and the request alone (TLS handshake included), timed inside it.
 */
async function bareRequest(url: string): Promise<{wallMs: number; requestMs: number}> {
  // Asynchronous: the lab answers from this very process.
  const script = `const https=require('node:https');const t=performance.now();https.get(process.argv[1]+'/version',{rejectUnauthorized:false},(r)=>{r.resume();r.on('end',()=>{process.stdout.write(String(performance.now()-t))})})`;
  const started = performance.now();
  const {stdout} = await run(process.execPath, ['-e', script, url]);
  return {wallMs: performance.now() - started, requestMs: Number(stdout)};
}

/** Runs the benchmark; resolves to whether every target was met. */
export async function benchReconcile(): Promise<boolean> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'mke-bench-reconcile-'));
  const lab = await startBenchLab(stateDir, profile, 0);
  try {
    const env = benchEnv(stateDir);
    const common = [
      'run',
      procedureRunbook,
      '--simulate',
      '--yes',
      '--state-dir',
      stateDir,
      '--profile',
      profile,
      '--set',
      'accept_license=true',
      '--set',
      `remediation=${branch}`,
    ];
    const whole = await runBundledCli(common, env);
    if (whole.code !== 0) {
      throw new Error(`the whole run failed (${whole.code}):\n${whole.stderr.slice(-2000)}`);
    }

    const {all, probed} = await expectedSteps();
    const durations: number[] = [];
    const walls: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const resumed = await runBundledCli([...common, '--json'], env);
      const events = readEvents(resumed.stdout);
      const started = events.find((event) => event.type === 'reconcile-started');
      const finished = events.find((event) => event.type === 'reconcile-finished');
      if (resumed.code !== 0 || !started || !finished) {
        throw new Error(`the resumed run failed (${resumed.code}):\n${resumed.stderr}`);
      }
      const verdicts = new Map(
        events.flatMap((event) =>
          event.type === 'reconcile-step' ? [[event.stepId, event] as const] : [],
        ),
      );
      const missing = all.filter((id) => !verdicts.has(id));
      const notVerified = probed.filter((id) => verdicts.get(id)?.verdict !== 'verified');
      const ran = events.filter((event) => event.type === 'step-started');
      if (missing.length > 0 || notVerified.length > 0 || ran.length > 0) {
        throw new Error(
          `reconcile did not find the finished run in place: no verdict for [${missing.join(', ')}], not verified: [${notVerified
            .map((id) => `${id}: ${verdicts.get(id)?.detail ?? ''}`)
            .join('; ')}], steps run again: [${ran.map((event) => event.stepId).join(', ')}]`,
        );
      }
      durations.push(finished.at - started.at);
      walls.push(resumed.wallMs);
    }

    const bares = [];
    for (let index = 0; index < 5; index++) bares.push(await bareRequest(lab.url));
    const bareWall = median(bares.map((bare) => bare.wallMs));
    const bareRequestOnly = median(bares.map((bare) => bare.requestMs));
    const value = median(durations);
    return report(
      `Resume at scale (finished remediation-2 profile, fresh process each time; medians of ${rounds})`,
      [
        {
          name: `reconcile, ${all.length} steps, ${probed.length} probes run`,
          value,
          unit: 'ms',
          target: 1000,
          kind: 'max',
          note: `${(value / bareWall).toFixed(1)}× a bare node asking the lab once (${bareWall.toFixed(0)} ms, the request ${bareRequestOnly.toFixed(0)} ms); whole CLI process ${median(walls).toFixed(0)} ms; runs ${durations.map((ms) => ms.toFixed(0)).join(' ')}`,
        },
      ],
    );
  } finally {
    await lab.close();
    rmSync(stateDir, {recursive: true, force: true});
  }
}
