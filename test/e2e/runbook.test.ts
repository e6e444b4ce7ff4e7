import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {parse as parseYaml} from 'yaml';
import {parse as parseToml} from 'smol-toml';
import {root, runCli, tempDir, testEnv} from '../cli/cli-process.js';
import {freshWorld, startLab, type TestLab} from '../helpers/lab.js';
import {loadRunbook} from '../../source/runbook/load.js';
import {openEngine} from '../../source/engine/engine.js';
import {createPorts} from '../../source/cli/ports.js';
import {createHeadlessPrompter} from '../../source/cli/headless-prompter.js';
import type {LabRuntime} from '../../source/lab/contract.js';
import type {LabWorld} from '../../source/lab/types.js';

// The whole runbook, headless, against the simulated lab: `mke-runbook run --simulate --yes`.

const runbook = path.join(root, 'runbooks/mke-gitlab-runner.yaml');
const secrets = {
  MKE_ADMIN_PASSWORD: 'adminadmin',
  GITLAB_RUNNER_TOKEN: 'glrt-e2erunnertoken0001',
  GITLAB_API_TOKEN: 'glpat-e2e-api-token',
  MKE_RUNBOOK_LAB_SPEED: '0',
};
const sa2021 = 'gitlab-runner:gitlab-runner-gitlab-runner';

// Every stand-in must exist for a whole walk; say which is missing rather than fail obscurely.
const missingStandIns = ['vagrant', 'launchpad', 'helm'].filter(
  (name) => !existsSync(path.join(root, 'source/lab/bin', `${name}.ts`)),
);
const skip = process.env['E2E_FORCE']
  ? false
  : missingStandIns.length > 0
    ? `the lab's stand-in ${missingStandIns.join(', ')} (source/lab/bin/) is not there yet`
    : false;

type Run = {code: number | null; stdout: string; stderr: string};

async function run(stateDir: string, profile: string, extra: readonly string[]): Promise<Run> {
  return runCli(
    [
      'run',
      runbook,
      '--simulate',
      '--yes',
      '--state-dir',
      stateDir,
      '--profile',
      profile,
      '--set',
      'accept_license=true',
      ...extra,
    ],
    testEnv(stateDir, secrets),
  );
}

/** Opens the engine on the profile with the real ports and the running lab, picks `branchId`, runs on. */
async function switchBranch(
  stateDir: string,
  profile: string,
  choiceId: string,
  branchId: string,
): Promise<string> {
  const env = {...testEnv(stateDir, secrets)};
  const runtime = JSON.parse(
    await readFile(path.join(stateDir, 'profiles', profile, 'lab', 'lab.json'), 'utf8'),
  ) as LabRuntime;
  const loaded = await loadRunbook(runbook);
  const engine = await openEngine({
    runbook: loaded,
    stateDir,
    profile,
    ports: createPorts({lab: runtime, profileDir: path.join(stateDir, 'profiles', profile), env}),
    prompter: createHeadlessPrompter({runbook: loaded, assumeYes: true, lang: 'en'}),
    lang: 'en',
    assumeYes: true,
    target: 'simulated',
    paramSources: {set: {accept_license: 'true'}, env},
  });
  try {
    const chosen = await engine.choose(
      choiceId,
      branchId,
      'least privilege instead of cluster-admin',
    );
    if (chosen !== 'done') return chosen;
    return await engine.runFrom();
  } finally {
    await engine.close();
  }
}

function workFile(stateDir: string, profile: string, name: string): Promise<string> {
  return readFile(path.join(stateDir, 'profiles', profile, 'work', name), 'utf8');
}

function jobsOutcome(world: LabWorld): string[] {
  return world.gitlab.jobs.map(
    (job) => `${job.status}${job.failureReason ? `:${job.failureReason}` : ''}`,
  );
}

function clusterAdminBindings(lab: TestLab): string[] {
  return lab
    .objects('clusterrolebindings')
    .filter((binding) =>
      JSON.stringify(binding['roleRef'] ?? {}).includes('"name":"cluster-admin"'),
    )
    .filter((binding) => JSON.stringify(binding['subjects'] ?? []).includes('gitlab-runner'))
    .map((binding) => binding.metadata.name);
}

test(
  'remediation 1 (cluster-admin) from preflight to a green job, 2021 chart; then switching to remediation 2 leaves no cluster-admin binding',
  {skip},
  async () => {
    const {dir, cleanup} = await tempDir('e2e-r1');
    const lab = await startLab({world: freshWorld('2021'), profile: {stateDir: dir, name: 'r1'}});
    try {
      const first = await run(dir, 'r1', ['--set', 'remediation=cluster-admin']);
      assert.equal(first.code, 0, `${first.stdout}\n${first.stderr}`.slice(-4000));
      assert.match(first.stdout, /■ done/);

      // The generated files carry the article's values (parsed, not string-compared).
      const launchpad = parseYaml(await workFile(dir, 'r1', 'launchpad.yaml')) as {
        apiVersion: string;
        spec: {
          hosts: Array<{ssh: {address: string}; role: string; privateInterface: string}>;
          mke: Record<string, unknown>;
        };
      };
      assert.equal(launchpad.apiVersion, 'launchpad.mirantis.com/mke/v1.4');
      assert.deepEqual(
        launchpad.spec.hosts.map((host) => [host.ssh.address, host.role, host.privateInterface]),
        [
          ['192.168.123.202', 'manager', 'eth1'],
          ['192.168.123.203', 'worker', 'eth1'],
        ],
      );
      assert.equal(launchpad.spec.mke['version'], '3.4.5');
      assert.ok(
        !JSON.stringify(launchpad).includes('adminadmin'),
        'the admin password is not in launchpad.yaml',
      );
      const values = parseYaml(await workFile(dir, 'r1', 'values.yaml')) as {
        gitlabUrl: string;
        rbac: {create: boolean};
        runners: {config: string};
      };
      assert.equal(values.rbac.create, true);
      assert.match(values.runners.config, /privileged = true/);
      assert.ok(!(await workFile(dir, 'r1', 'values.yaml')).includes(secrets.GITLAB_RUNNER_TOKEN));

      // The values diff was shown as the article shows it (diff -u of values.yaml.orig).
      assert.match(first.stdout, /^\[runner-values\] --- values\.yaml\.orig/m);
      assert.match(
        first.stdout,
        /^\[runner-values\] \+gitlabUrl: "https:\/\/gitlab\.example\.com\/"$/m,
      );
      assert.match(first.stdout, /^\[runner-values\] \+\s+privileged = true$/m);

      // The first job failed on UCPAuthorization; the job after remediation succeeded.
      assert.deepEqual(jobsOutcome(lab.world).at(0), 'failed:runner_system_failure');
      assert.equal(lab.world.gitlab.jobs.at(-1)?.status, 'success');
      assert.deepEqual(clusterAdminBindings(lab), ['gitlab-runner-cluster-admin']);
      assert.match(
        first.stdout,
        /is forbidden: non-admin user "gitlab-runner:gitlab-runner-gitlab-runner"/,
      );

      // Switch the same profile to remediation 2: a headless `run` keeps the recorded branch,
      // so the switch goes through the engine the way the UI's choice screen does it.
      const second = await switchBranch(dir, 'r1', 'remediation', 'psp-grant');
      assert.equal(second, 'done');
      assert.deepEqual(clusterAdminBindings(lab), []);
      const config = parseToml(lab.world.mke.configToml) as {
        cluster_config: Record<string, unknown>;
      };
      assert.ok(
        (config.cluster_config['priv_attributes_service_accounts'] as string[]).includes(sa2021),
      );
      assert.equal(lab.world.gitlab.jobs.at(-1)?.status, 'success');
    } finally {
      await lab.close();
      await cleanup();
    }
  },
);

for (const era of ['2021', 'current'] as const) {
  test(
    `remediation 2 (PSP + ClusterRole + binding + MKE grant) in a fresh profile to a green job, ${era} chart`,
    {skip},
    async () => {
      const {dir, cleanup} = await tempDir(`e2e-r2-${era}`);
      const lab = await startLab({world: freshWorld(era), profile: {stateDir: dir, name: 'r2'}});
      try {
        const result = await run(dir, 'r2', ['--set', 'remediation=psp-grant']);
        assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`.slice(-4000));
        const runnerSa = era === '2021' ? sa2021 : 'gitlab-runner:gitlab-runner';
        const config = parseToml(lab.world.mke.configToml) as {
          cluster_config: Record<string, unknown>;
        };
        assert.deepEqual(
          [...(config.cluster_config['priv_attributes_service_accounts'] as string[])].sort(),
          [runnerSa, 'gitlab-runner:default'].sort(),
        );
        assert.deepEqual(config.cluster_config['priv_attributes_allowed_for_service_accounts'], [
          'privileged',
        ]);
        assert.deepEqual(
          lab
            .objects('podsecuritypolicies')
            .map((psp) => psp.metadata.name)
            .filter((name) => name.startsWith('gitlab-runner')),
          ['gitlab-runner-psp'],
        );
        assert.deepEqual(clusterAdminBindings(lab), []);
        assert.equal(jobsOutcome(lab.world).at(0), 'failed:runner_system_failure');
        assert.equal(lab.world.gitlab.jobs.at(-1)?.status, 'success');
      } finally {
        await lab.close();
        await cleanup();
      }
    },
  );
}
