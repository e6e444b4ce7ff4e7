// Crash anywhere: kills the CLI (and every process under it) with SIGKILL at random moments
// of whole simulated runs of both remediations, restarts it with --yes each time, and requires
// that every run ends like an uninterrupted one. Usage: npm run test:soak [-- K] (default 50).
//
// After each kill: the state file parses (schema and all); the restart's reconcile finds no
// step `drifted` (nothing recorded done whose effect is absent). At the end: exit 0 and the
// same normalised lab state as the uninterrupted run of the same remediation.
import {readFileSync} from 'node:fs';
import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';
import {parse as parseToml} from 'smol-toml';
import {z} from 'zod';
import {root, startCli, tempDir, testEnv, type CliChild} from '../cli/cli-process.js';
import {freshWorld, startLab, type TestLab} from '../helpers/lab.js';
import {parseState} from '../../source/state/parse.js';

const kills = Number.parseInt(process.argv[2] ?? '50', 10);
const remediations = ['cluster-admin', 'psp-grant'] as const;
type Remediation = (typeof remediations)[number];

const secrets = {
  MKE_ADMIN_PASSWORD: 'soak-admin-pass',
  GITLAB_RUNNER_TOKEN: 'glrt-soakrunnertoken0001',
  GITLAB_API_TOKEN: 'glpat-soak-api-token',
  MKE_RUNBOOK_LAB_SPEED: '0',
};

const runbook = path.join(root, 'runbooks/mke-gitlab-runner.yaml');
const args = (dir: string, remediation: Remediation) => [
  'run',
  runbook,
  '--simulate',
  '--yes',
  '--json',
  '--state-dir',
  dir,
  '--set',
  'accept_license=true',
  '--set',
  `remediation=${remediation}`,
];

/** What must be the same after any run: a summary of the lab's world and cluster. */
function summary(lab: TestLab): unknown {
  const names = (plural: string, namespace?: string) =>
    lab
      .objects(plural, namespace)
      .map((object) => object.metadata.name)
      .filter((name) => !name.startsWith('system:'))
      .sort();
  const config = z
    .looseObject({cluster_config: z.looseObject({}).optional()})
    .parse(parseToml(lab.world.mke.configToml ?? '')).cluster_config;
  const jobs = lab.world.gitlab.jobs;
  return {
    namespaces: names('namespaces'),
    deployments: lab.objects('deployments', 'gitlab-runner').map((object) => ({
      name: object.metadata.name,
      ready: Reflect.get(Reflect.get(object, 'status') ?? {}, 'readyReplicas'),
    })),
    clusterRoleBindings: names('clusterrolebindings'),
    clusterRoles: names('clusterroles').filter((name) => name.startsWith('gitlab')),
    podSecurityPolicies: names('podsecuritypolicies'),
    roleBindings: names('rolebindings', 'gitlab-runner'),
    mkeServiceAccounts: config?.['priv_attributes_service_accounts'],
    mkeAttributes: config?.['priv_attributes_allowed_for_service_accounts'],
    lastJob: jobs.at(-1)?.status,
  };
}

// The CLI's children run in their own process groups: find every descendant to kill them all.
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }

  const found: number[] = [];
  const walk = (parent: number) => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

async function killTree(cli: CliChild): Promise<void> {
  const pid = cli.child.pid ?? 0;
  const all = [pid, ...(await descendants(pid))];
  for (const target of all) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  await cli.exit;
}

function driftedIn(jsonLines: string): string[] {
  const drifted: string[] = [];
  for (const line of jsonLines.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const event = z
        .looseObject({
          type: z.string(),
          stepId: z.string().optional(),
          verdict: z.string().optional(),
        })
        .parse(JSON.parse(line));
      if (event.type === 'reconcile-step' && event.verdict === 'drifted')
        drifted.push(event.stepId ?? '?');
    } catch {
      // not an event line
    }
  }

  return drifted;
}

type Outcome = {
  readonly summary: unknown;
  readonly durationMs: number;
  readonly failures: string[];
  readonly killed: number;
};

/** One whole run of `remediation`, killed at each of `moments` (ms after each start). */
async function runWithKills(
  remediation: Remediation,
  moments: readonly number[],
): Promise<Outcome> {
  const {dir, cleanup} = await tempDir(`soak-${remediation}`);
  const lab = await startLab({
    world: freshWorld('2021'),
    profile: {stateDir: dir, name: 'default'},
  });
  const failures: string[] = [];
  const started = Date.now();
  let killed = 0;
  try {
    const env = testEnv(dir, secrets);
    const stateFile = path.join(dir, 'profiles/default/state.json');
    for (const [index, moment] of moments.entries()) {
      const cli = await startCli(args(dir, remediation), env);
      const timer = new Promise((resolve) => {
        setTimeout(resolve, moment);
      });
      const ended = await Promise.race([cli.exit.then(() => true), timer.then(() => false)]);
      if (ended) {
        process.stdout.write(`  kill ${index + 1}: the run ended before ${moment} ms\n`);
        break;
      }

      await killTree(cli);
      killed++;
      const drifted = driftedIn(cli.stdout());
      if (drifted.length > 0)
        failures.push(`after kill ${index + 1} at ${moment} ms: drifted ${drifted.join(', ')}`);
      try {
        // Killed before anything was recorded: no state file yet is a valid state.
        const text = await readFile(stateFile, 'utf8').catch((error: unknown) => {
          if (error instanceof Error && 'code' in error && error.code === 'ENOENT')
            return undefined;
          throw error;
        });
        if (text !== undefined) parseState(text, stateFile, `${stateFile}.bak`);
      } catch (error) {
        failures.push(`after kill ${index + 1} at ${moment} ms: ${String(error)}`);
      }
    }

    const last = await startCli(args(dir, remediation), env);
    const {code} = await last.exit;
    const drifted = driftedIn(last.stdout());
    if (drifted.length > 0) failures.push(`final restart: drifted ${drifted.join(', ')}`);
    if (code !== 0)
      failures.push(`the final run ended with ${String(code)}: ${last.stderr().slice(-2000)}`);
    return {summary: summary(lab), durationMs: Date.now() - started, failures, killed};
  } finally {
    await lab.close();
    await cleanup();
  }
}

const killsPerRun = 5;
let failed = 0;
let killedTotal = 0;
for (const remediation of remediations) {
  process.stdout.write(`${remediation}: uninterrupted run…\n`);
  const baseline = await runWithKills(remediation, []);
  if (baseline.failures.length > 0) {
    process.stdout.write(`  the uninterrupted run failed:\n  ${baseline.failures.join('\n  ')}\n`);
    failed++;
    continue;
  }

  process.stdout.write(
    `  done in ${baseline.durationMs} ms: ${JSON.stringify(baseline.summary)}\n`,
  );
  const budget = Math.ceil(kills / remediations.length);
  for (let done = 0; done < budget; done += killsPerRun) {
    const moments = Array.from({length: Math.min(killsPerRun, budget - done)}, () =>
      // Each restart reconciles first, so a moment is drawn over a good part of the whole run.
      Math.round(300 + Math.random() * baseline.durationMs * 0.4),
    );
    const outcome = await runWithKills(remediation, moments);
    killedTotal += outcome.killed;
    const same = JSON.stringify(outcome.summary) === JSON.stringify(baseline.summary);
    if (!same) outcome.failures.push(`final lab state differs: ${JSON.stringify(outcome.summary)}`);
    process.stdout.write(
      `  ${outcome.killed} kill(s) at ${moments.slice(0, outcome.killed).join(', ')} ms after each start, ${outcome.durationMs} ms in all: ${outcome.failures.length === 0 ? 'ok' : `FAILED\n    ${outcome.failures.join('\n    ')}`}\n`,
    );
    if (outcome.failures.length > 0) failed++;
  }
}

process.stdout.write(
  failed === 0
    ? `crash-anywhere: all runs ended like uninterrupted ones (${killedTotal} SIGKILLs)\n`
    : `crash-anywhere: ${failed} run(s) FAILED (${killedTotal} SIGKILLs)\n`,
);
process.exit(failed === 0 ? 0 : 1);
