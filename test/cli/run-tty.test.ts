import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {spawn} from 'node-pty';
import stripAnsi from 'strip-ansi';
import {fixture, root, tempDir, testEnv} from './cli-process.js';

// The interactive run in a real pseudo-terminal, on the bundle scripts/build.mjs makes (with
// its lab server and stand-ins), because the point is what reaches the screen and when.

const outdir = path.join(root, 'node_modules/.cache/mke-runbook-tty-test', `${process.pid}`);
const cli = path.join(outdir, 'cli.js');

before(() => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', outdir], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, built.stderr);
});

after(async () => {
  const {rm} = await import('node:fs/promises');
  await rm(outdir, {recursive: true, force: true});
});

type Tty = {
  readonly screen: () => string;
  readonly waitFor: (text: string | RegExp) => Promise<string>;
  readonly press: (keys: string) => void;
  readonly signal: (name: NodeJS.Signals) => void;
  readonly exit: Promise<number>;
};

function startTty(args: readonly string[], env: NodeJS.ProcessEnv): Tty {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && key !== 'CI') clean[key] = value;
  const child = spawn(process.execPath, [cli, ...args], {
    cols: 120,
    rows: 30,
    cwd: root,
    env: {...clean, TERM: 'xterm-256color'},
  });
  let screen = '';
  const waiters = new Set<() => void>();
  child.onData((data) => {
    screen += stripAnsi(data);
    for (const wake of waiters) wake();
  });
  let exited = false;
  const exit = new Promise<number>((resolve) => {
    child.onExit(({exitCode}) => {
      exited = true;
      resolve(exitCode);
    });
  });
  return {
    screen: () => screen,
    async waitFor(text) {
      const seen = () => (typeof text === 'string' ? screen.includes(text) : text.test(screen));
      const deadline = setTimeout(() => {
        child.kill('SIGKILL');
      }, 60_000);
      try {
        while (!seen()) {
          const next = new Promise<void>((resolve) => {
            waiters.add(resolve);
            void exit.then(() => {
              resolve();
            });
          });
          await next;
          waiters.clear();
          if (!seen() && exited)
            throw new Error(`exited before ${String(text)}; screen:\n${screen}`);
        }

        return screen;
      } finally {
        clearTimeout(deadline);
      }
    },
    press(keys) {
      child.write(keys);
    },
    signal(name) {
      child.kill(name);
    },
    exit,
  };
}

function labRunning(stateDir: string, home: string): string {
  const status = spawnSync(process.execPath, [cli, 'lab', 'status', '--state-dir', stateDir], {
    cwd: root,
    env: testEnv(home),
    encoding: 'utf8',
  });
  return status.stdout;
}

test('draws the runbook title, the profile and SIMULATED before the runbook is loaded, then the steps', async () => {
  const {dir, cleanup} = await tempDir('tty-boot');
  try {
    const tty = startTty(
      ['run', fixture('walk'), '--simulate', '--profile', 'p1', '--state-dir', dir],
      testEnv(dir),
    );
    const first = await tty.waitFor('SIMULATED');
    // The first frame is whole: the header and what is under way, nothing of the steps yet.
    await tty.waitFor('q quit');
    const boot = tty.screen().slice(first.lastIndexOf('CLI walk'));
    assert.match(boot, /^CLI walk +profile: p1 +\[SIMULATED\]/);
    assert.match(boot, /starting the simulated lab…\r?\nloading the runbook…\r?\n/);
    assert.doesNotMatch(boot, /Say hello/);
    await tty.waitFor('Say hello');
    tty.press('q');
    assert.equal(await tty.exit, 0, tty.screen());
    assert.equal(labRunning(dir, dir), 'lab not running\n');
  } finally {
    await cleanup();
  }
});

test('quitting while the lab starts waits for it, stops it and exits 0', async () => {
  const {dir, cleanup} = await tempDir('tty-quit');
  try {
    const tty = startTty(['run', fixture('walk'), '--simulate', '--state-dir', dir], testEnv(dir));
    await tty.waitFor('starting the simulated lab');
    tty.press('q');
    assert.equal(await tty.exit, 0, tty.screen());
    assert.doesNotMatch(tty.screen(), /Say hello/);
    assert.equal(labRunning(dir, dir), 'lab not running\n');
  } finally {
    await cleanup();
  }
});

test('an invalid runbook is said after the boot frame, which is erased, with exit code 2 and no lab left running', async () => {
  const {dir, cleanup} = await tempDir('tty-invalid');
  try {
    const file = path.join(dir, 'broken.yaml');
    await writeFile(file, 'id: broken\nversion: 1\ntitle: {en: Broken, ja: 壊れた}\nsteps: 7\n');
    const tty = startTty(['run', file, '--simulate', '--state-dir', dir], testEnv(dir));
    assert.equal(await tty.exit, 2, tty.screen());
    assert.match(tty.screen(), /broken\.yaml:\d+ /);
    assert.match(tty.screen(), /Broken +profile: default +\[SIMULATED\]/);
    assert.equal(labRunning(dir, dir), 'lab not running\n');
  } finally {
    await cleanup();
  }
});

test('a profile run against real machines refuses --simulate before drawing a frame, with exit code 3', async () => {
  const {dir, cleanup} = await tempDir('tty-unsafe');
  try {
    const profileDir = path.join(dir, 'profiles', 'default');
    await mkdir(profileDir, {recursive: true});
    const step = {status: 'done', attempts: [], outputs: {}};
    await writeFile(
      path.join(profileDir, 'state.json'),
      JSON.stringify({
        schemaVersion: 1,
        runbookId: 'cli-walk',
        target: 'real',
        steps: {hello: step},
      }),
    );
    const tty = startTty(['run', fixture('walk'), '--simulate', '--state-dir', dir], testEnv(dir));
    assert.equal(await tty.exit, 3, tty.screen());
    assert.match(tty.screen(), /was run against the real machines/);
    assert.doesNotMatch(tty.screen(), /SIMULATED/);
  } finally {
    await cleanup();
  }
});

test('a closed terminal (SIGHUP) mid-step ends the run as a quit: step interrupted, its process and the lab stopped, exit 129', async () => {
  const {dir, cleanup} = await tempDir('tty-hangup');
  try {
    const tty = startTty(['run', fixture('long'), '--simulate', '--state-dir', dir], testEnv(dir));
    await tty.waitFor('Quick');
    tty.press('\r');
    await tty.waitFor('✓ Quick');
    await tty.waitFor(/› . Long/);
    tty.press('\r');
    await tty.waitFor('long started');
    const profile = path.join(dir, 'profiles', 'default');
    const pid = Number(await readFile(path.join(profile, 'work', 'long.pid'), 'utf8'));
    tty.signal('SIGHUP');
    assert.equal(await tty.exit, 129, tty.screen());
    const state = JSON.parse(await readFile(path.join(profile, 'state.json'), 'utf8')) as {
      steps: Record<string, {status: string}>;
    };
    assert.deepEqual(
      [state.steps['quick']?.status, state.steps['long']?.status, alive(pid)],
      ['done', 'interrupted', false],
    );
    assert.equal(labRunning(dir, dir), 'lab not running\n');
  } finally {
    await cleanup();
  }
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
