import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {startPty, type PtySession} from './pty-driver.js';
import {builtCli, root, terminalEnv} from './built-cli.js';

// The parameters view in the real CLI at 80×24 against the lab: a value changed before the
// step that uses it runs, the step's text and its Vagrantfile showing the new value, then the
// same value refused once the step is done.

let cleanUp: (() => Promise<void>) | undefined;
after(async () => cleanUp?.());

test(
  'changes the VM memory in the parameters view before the VMs are made, then refuses to',
  {timeout: 120_000},
  async () => {
    const bundle = builtCli('mke-runbook-pty-params');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mke-runbook-pty-params-'));
    const env = terminalEnv(dir);
    const cliPath = path.join(bundle.dir, 'cli.js');
    const common = ['--state-dir', dir, '--profile', 'params'];
    let cli: PtySession | undefined;
    cleanUp = async () => {
      cleanUp = undefined;
      await cli?.killTree();
      spawnSync(process.execPath, [cliPath, 'lab', 'stop', ...common], {
        cwd: root,
        env,
        timeout: 20_000,
      });
      await rm(dir, {recursive: true, force: true});
      if (bundle.own) await rm(bundle.dir, {recursive: true, force: true});
    };

    try {
      cli = startPty(process.execPath, [cliPath, 'run', '--simulate', ...common], {
        cwd: root,
        env,
        cols: 80,
        rows: 24,
        timeoutMs: 30_000,
      });
      await cli.waitFor('j/k select  Enter run', 'the first screen');
      cli.write('j');
      await cli.waitFor('› - Create the VMs with Vagrant', 'the VM step selected');
      await cli.waitFor(/with\s+4096\s+MiB each/, "the step's text with the default memory");

      cli.mark();
      cli.write('p');
      await cli.waitFor(/Parameters {2}1\/\d+/, 'the parameters view');
      await cli.waitFor(/Memory per VM \(MiB\) +4096 +default/, 'the memory and its source');
      cli.write('jj');
      await cli.waitFor(/› +Memory per VM \(MiB\)/, 'the memory selected');
      cli.mark();
      cli.write('\r');
      await cli.waitFor('› 4096', 'the question, opened on the value in use');
      cli.mark();
      // Ctrl-U and the new value in one read: the field is cleared first.
      cli.write('\u00152048');
      await cli.waitFor('› 2048', 'the field cleared and the new value typed');
      cli.mark();
      cli.write('\r');
      await cli.waitFor(/Memory per VM \(MiB\) +2048 +saved/, 'the new value, saved');
      cli.mark();
      cli.write('\u001B');
      await cli.waitFor(/with\s+2048\s+MiB each/, "the step's text with the new memory");

      cli.mark();
      cli.write('\r');
      await cli.waitFor(/✓ +Create the VMs with Vagrant/, 'the VMs to be made');
      const vagrantfile = await readFile(
        path.join(dir, 'profiles/params/work/Vagrantfile'),
        'utf8',
      );
      assert.match(vagrantfile, /2048/);

      cli.write('k');
      cli.mark();
      cli.write('p');
      await cli.waitFor(/Parameters {2}3\/\d+/, 'the view again, on the memory');
      cli.mark();
      cli.write('\r');
      await cli.waitFor(
        'Not changed: Cannot change it here: already used by Create the VMs with Vagrant.',
        'the refusal naming the step',
      );
      cli.mark();
      cli.write('\u001B');
      await cli.waitFor(/j\/k select +Enter run/, 'the step list again');
      cli.write('q');
      assert.equal((await cli.ends('the app to quit on q')).exitCode, 0, cli.screen());
      const state: unknown = JSON.parse(
        await readFile(path.join(dir, 'profiles/params/state.json'), 'utf8'),
      );
      assert.match(JSON.stringify(state), /"vm_memory":2048/);
    } finally {
      await cleanUp?.();
    }
  },
);
