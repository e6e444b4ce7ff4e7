import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {execFile} from 'node:child_process';
import {parse} from 'yaml';
import {readPrivilegeLists} from '../../source/procedure/mke-config.js';

// The whole runbook, headless, against the simulated lab: `mke-runbook run --simulate --yes`.
// About a minute per remediation on a busy machine, so it runs only when asked:
// MKE_RUNBOOK_E2E=1 node --import tsx --test test/runbooks/simulated-run.test.ts
const skip = process.env['MKE_RUNBOOK_E2E'] === '1' ? false : 'set MKE_RUNBOOK_E2E=1 to run';
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(root, 'source/cli.ts');

type Run = {readonly code: number; readonly output: string};

function mkeRunbook(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', cli, ...args],
      {
        cwd: root,
        timeout: 8 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          MKE_RUNBOOK_LAB_SPEED: '0',
          MKE_ADMIN_PASSWORD: 'adminadmin',
          GITLAB_RUNNER_TOKEN: 'glrt-e2etoken0000000000',
          GITLAB_API_TOKEN: 'glpat-e2e',
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({code, output: `${stdout}${stderr}`});
      },
    );
  });
}

async function withStateDir(body: (stateDir: string) => Promise<void>): Promise<void> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mke-runbook-e2e-'));
  try {
    await body(stateDir);
  } finally {
    await mkeRunbook(['lab', 'stop', '--state-dir', stateDir]);
    await rm(stateDir, {recursive: true, force: true});
  }
}

function runArgs(stateDir: string, remediation: string): string[] {
  return [
    'run',
    'runbooks/mke-gitlab-runner.yaml',
    '--simulate',
    '--yes',
    '--state-dir',
    stateDir,
    '--set',
    'accept_license=true',
    '--set',
    `remediation=${remediation}`,
  ];
}

test('walks from preflight to a green job through remediation 1 (cluster-admin)', {skip}, async () => {
  await withStateDir(async (stateDir) => {
    const run = await mkeRunbook(runArgs(stateDir, 'cluster-admin'));
    assert.equal(run.code, 0, run.output.slice(-3000));
    assert.match(run.output, /\[job-run\] ERROR: Job failed \(system failure\): prepare environment: setting up build pod: pods "runner-/);
    assert.match(run.output, /\[diagnose\][^\n]*UCPAuthorization/);
    assert.match(run.output, /\[verify-job\] Job succeeded/);
    const work = path.join(stateDir, 'profiles/default/work');
    const launchpad = parse(await readFile(path.join(work, 'launchpad.yaml'), 'utf8'));
    assert.equal(launchpad.spec.mke.adminPassword, '${MKE_ADMIN_PASSWORD}');
    const values = await readFile(path.join(work, 'values.yaml'), 'utf8');
    assert.doesNotMatch(values, /glrt-e2etoken/);
    const binding = parse(await readFile(path.join(work, 'manifests/cluster-admin-binding.yaml'), 'utf8'));
    assert.equal(binding.subjects[0].name, 'gitlab-runner-gitlab-runner');
  });
});

test('walks from preflight to a green job through remediation 2 (PSP + MKE grant)', {skip}, async () => {
  await withStateDir(async (stateDir) => {
    const run = await mkeRunbook(runArgs(stateDir, 'psp-grant'));
    assert.equal(run.code, 0, run.output.slice(-3000));
    assert.match(run.output, /\[mke-grant\] read back: the grant is in place/);
    assert.match(run.output, /\[verify-admission\] admitted/);
    assert.match(run.output, /\[verify-job\] Job succeeded/);
    // MKE's config after the merge, as the step printed its diff.
    const added = [...run.output.matchAll(/^\[mke-grant\] \+\s*(priv_attributes_\w+ = .*)$/gm)].map(
      (match) => match[1] ?? '',
    );
    const lists = readPrivilegeLists(`[cluster_config]\n${added.join('\n')}\n`);
    assert.deepEqual(lists.serviceAccounts, [
      'gitlab-runner:gitlab-runner-gitlab-runner',
      'gitlab-runner:default',
    ]);
    assert.deepEqual(lists.serviceAttributes, ['privileged']);
  });
});
