import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {startPty, type PtySession} from './pty-driver.js';
import {builtCli, root, terminalEnv} from './built-cli.js';
import {filesUnder, leaksIn} from '../helpers/secret-scan.js';

// Issue 5: the real CLI in a pseudo-terminal at 80×24 against the lab — a new profile, the
// prompts answered by typing, the failing job, its diagnosis, remediation 2, a green job;
// then a kill in the middle of a step and the resume screen of the restart.

function childEnv(home: string): Record<string, string> {
  return {
    ...terminalEnv(home),
    // The other two secrets come from the environment; the MKE password is typed.
    GITLAB_RUNNER_TOKEN: 'glrt-ptywalkrunnertoken1',
    GITLAB_API_TOKEN: 'glpat-pty-walk-api-token',
  };
}

const enter = '\r';
const password = 'pty-walk-admin-pw';

/** The step's row in the list once it is done (a branch's steps are indented). */
const doneRow = (title: string) =>
  new RegExp(`✓ +${title.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`)}`);

/** Runs the selected step with Enter and waits for its ✓ in the list. */
async function runStep(cli: PtySession, title: string): Promise<void> {
  cli.mark();
  cli.write(enter);
  await cli.waitFor(doneRow(title), `"${title}" to finish`);
}

let afterWalk: (() => Promise<void>) | undefined;
after(async () => afterWalk?.());

test(
  'walks a new profile to a green job at 80×24, then resumes after a kill',
  {timeout: 180_000},
  async () => {
    const bundle = builtCli('mke-runbook-pty-walk');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mke-runbook-pty-walk-'));
    const env = childEnv(dir);
    const args = [path.join(bundle.dir, 'cli.js'), 'run', '--simulate', '--state-dir', dir];
    const sessions: PtySession[] = [];
    const start = (extra: Record<string, string> = {}) => {
      const session = startPty(process.execPath, [...args, '--profile', 'walk'], {
        cwd: root,
        env: {...env, ...extra},
        cols: 80,
        rows: 24,
        timeoutMs: 30_000,
        ...(process.env['PTY_WALK_TRACE'] === '1'
          ? {
              trace(what: string, waitedMs: number) {
                process.stderr.write(`${waitedMs} ms: ${what}\n`);
              },
            }
          : {}),
      });
      sessions.push(session);
      return session;
    };

    let cli: PtySession | undefined;
    let cleaned = false;
    // Also from `after`: a test that times out never reaches its finally.
    const cleanUp = async () => {
      if (cleaned) return;
      cleaned = true;
      for (const session of sessions) await session.killTree();
      // The lab runs detached from the CLI that started it (and outlived the killed one).
      spawnSync(
        process.execPath,
        [...args.slice(0, 1), 'lab', 'stop', '--state-dir', dir, '--profile', 'walk'],
        {cwd: root, env, timeout: 20_000},
      );
      await rm(dir, {recursive: true, force: true});
      if (bundle.own) await rm(bundle.dir, {recursive: true, force: true});
    };

    afterWalk = cleanUp;
    try {
      cli = start();
      await cli.waitFor('j/k select  Enter run', 'the first screen');
      await cli.waitFor(
        /profile: walk {2}\[SIMULATED\]/,
        'the header naming the profile and the lab',
      );
      await cli.waitFor(/› - Check this machine/, 'the first step selected');

      await runStep(cli, 'Check this machine');
      await runStep(cli, 'Create the VMs with Vagrant');

      cli.mark();
      cli.write(enter);
      await cli.waitFor('MKE admin password', 'the masked password prompt');
      cli.write(password);
      await cli.waitFor('•'.repeat(password.length), 'the typed password, masked');
      assert.doesNotMatch(cli.seen(), new RegExp(password));
      cli.write(enter);
      await cli.waitFor('I accept the Mirantis licence', 'the licence prompt');
      // Typed fast, the answer and its Enter arrive in one read: both must count.
      cli.write(`yes${enter}`);
      await cli.waitFor('✓ Install MKE with Launchpad', 'MKE to install');

      await runStep(cli, 'Get the admin client bundle');
      await runStep(cli, "Create the runner's namespace");
      await runStep(cli, "Prepare the chart's values.yaml");
      await runStep(cli, 'Install GitLab Runner with Helm');

      cli.mark();
      cli.write(enter);
      await cli.waitFor("Diagnosis: MKE's UCPAuthorization", 'the diagnosis of the failed job');
      await cli.waitFor(/ERROR: Job failed \(system failure\)/, "the job's error in the diagnosis");
      await cli.waitFor(/privileged attributes access/, "MKE's words in the diagnosis");
      cli.write('n');
      await cli.waitFor('› - Let the runner start privileged build pods', 'the suggested step');
      // The step that only explains the error, jumped over, is recorded skipped.
      await cli.waitFor(/Read the error — who says what: skipped on the way/, 'the skip notice');
      cli.mark();
      cli.write(enter);
      await cli.waitFor('Choose a way forward', 'the choice of remediation');
      await cli.waitFor(/2\. /, 'the second remediation offered');
      cli.write('2');
      cli.write(enter);
      await cli.waitFor(
        /Let the runner start privileged build pods -> 2\. PSP/,
        'remediation 2 to be chosen',
      );
      await runStep(cli, 'Apply the PSP, its ClusterRole and the binding');
      await runStep(cli, 'Grant the privileged attribute in MKE');
      await runStep(cli, 'Proof, part 1: admission dry run');
      await runStep(cli, 'Proof, part 2: a job that succeeds');
      await cli.waitFor(/› - What is in place now/, 'the last step selected after the proof');
      // The job's own trace, at the end of the step's log.
      cli.write('k');
      await cli.waitFor('› ✓ Proof, part 2: a job that succeeds', 'the proof step selected');
      cli.mark();
      cli.write('l');
      await cli.waitFor(/verify-job\.1\.log/, "the proof step's log");
      // The viewer reads the file after it opens; G before the lines are there goes nowhere.
      await cli.waitFor('Running with gitlab-runner', "the log's first lines");
      cli.write('G');
      await cli.waitFor('Job succeeded', "the job's last words");
      // Mark first: the step list drawn before the viewer opened must not count, or q follows
      // Esc in the same read and the pair arrives as Alt-q.
      cli.mark();
      cli.write('\u001B');
      await cli.waitFor(/j\/k select +Enter run/, 'the step list again');
      cli.write('q');
      assert.equal((await cli.ends('the app to quit on q')).exitCode, 0, cli.screen());
      // Output went through the output worker here: no secret in any file it or the app wrote
      // (the lab's world is the simulated cluster's storage, where the token is a Secret).
      const written = (await filesUnder(dir)).filter((file) => !file.endsWith('world.json'));
      assert.ok(written.some((file) => file.endsWith('.log')));
      assert.deepEqual(
        await leaksIn(written, [
          password,
          childEnv(dir)['GITLAB_RUNNER_TOKEN']!,
          childEnv(dir)['GITLAB_API_TOKEN']!,
        ]),
        [],
      );

      // The same profile again, the password now in the environment (so reconcile can log in
      // to MKE), the lab slower; the first job run again and the CLI killed while it waits.
      const again = {MKE_ADMIN_PASSWORD: password, MKE_RUNBOOK_LAB_SPEED: '1'};
      cli = start(again);
      await cli.waitFor('Welcome back: where things stand', 'the resume screen of a used profile');
      await cli.waitFor('Continue at: What is in place now', 'reconcile to propose the step left');
      cli.write('\u001B');
      await cli.waitFor(/j\/k select +Enter run/, 'the step list');
      // Keys typed in one go arrive in one read; each must count (and the selection must not
      // pass over the job on its way, or Enter could land on it early).
      cli.write('k'.repeat(16));
      await cli.waitFor(/› \S Check this machine/, 'the first step selected');
      cli.mark();
      cli.write('j'.repeat(7));
      await cli.waitFor(/› \S Run the first CI job/, 'the job step selected');
      cli.mark();
      cli.write(enter);
      await cli.waitFor(/› [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Run the first CI job/, 'the job step to run');
      // kill -9 of the CLI alone: what it started (the lab, a stand-in) lives on, as it would.
      await cli.kill();

      cli = start(again);
      await cli.waitFor('Welcome back: where things stand', 'the resume screen after the kill');
      await cli.waitFor('Continue at: Run the first CI job', 'the killed step to be proposed');
      await cli.waitFor(
        /› - Run the first CI job +pending +recorded interrupted/,
        "the killed step's row",
      );
      cli.mark();
      cli.write(enter);
      await cli.waitFor(/› [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Run the first CI job/, 'Enter to continue there');
      cli.write('q');
      await cli.waitFor('Quit anyway?', 'the question before quitting a running step');
      cli.write('y');
      await cli.ends('the app to quit after y');
    } finally {
      await cleanUp();
    }
  },
);
