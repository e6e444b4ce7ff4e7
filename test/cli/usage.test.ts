import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fixture, root, runCli, tempDir, testEnv} from './cli-process.js';

const everyCommand = ['run', 'status', 'plan', 'reset', 'log', 'export', 'lab', 'help'];
const everyFlag = [
  '--profile',
  '--state-dir',
  '--lang',
  '--json',
  '--yes',
  '--from',
  '--only',
  '--simulate',
  '--real',
  '--set',
  '--params',
  '--step',
  '--help',
  '--version',
];

test('--help lists every command and every flag, one line each', async () => {
  const {dir, cleanup} = await tempDir('help');
  try {
    const {code, stdout} = await runCli(['--help'], testEnv(dir));
    assert.equal(code, 0);
    const lines = stdout.split('\n');
    for (const command of everyCommand) {
      assert.equal(lines.filter((line) => line.startsWith(`  ${command}`)).length, 1, command);
    }

    for (const flag of everyFlag) {
      assert.equal(
        lines.filter((line) => new RegExp(`^\\s+(-\\w, )?${flag}\\b`).test(line)).length,
        1,
        flag,
      );
    }

    assert.match(stdout, /Exit codes: 0 done, 1 a step failed, 2 usage or input error, 3 refused/);
    assert.match(stdout, /129\/130\/143 interrupted \(terminal closed \/ Ctrl-C \/ SIGTERM\)/);
  } finally {
    await cleanup();
  }
});

test('--version prints the package version, from the bundle and from source under tsx', async () => {
  const {dir, cleanup} = await tempDir('version');
  try {
    const packageJson: unknown = JSON.parse(
      await readFile(path.join(root, 'package.json'), 'utf8'),
    );
    assert.ok(packageJson !== null && typeof packageJson === 'object' && 'version' in packageJson);
    for (const how of ['bundle', 'tsx'] as const) {
      const {code, stdout} = await runCli(['--version'], testEnv(dir), how);
      assert.equal(code, 0);
      assert.equal(stdout, `${String(packageJson.version)}\n`, how);
    }
  } finally {
    await cleanup();
  }
});

test('ends user mistakes with exit 2 and one message with a hint on stderr, never a stack trace', async () => {
  const {dir, cleanup} = await tempDir('usage');
  try {
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(
      broken,
      [
        'id: broken',
        'version: 1',
        'title: {en: B, ja: B}',
        'summary: {en: B, ja: B}',
        'params: []',
        'steps:',
        '  - id: one',
        '    title: {en: One, ja: 一}',
        '    text: {en: x, ja: x}',
        '    expected: 1s',
        '    run:',
        '      - action: shell.exce',
        '        with: {file: node}',
        '',
      ].join('\n'),
    );
    const env = testEnv(dir);
    const cases: Array<[string[], RegExp]> = [
      [['--frob'], /unknown flag `--frob`/],
      [['run', '--lang', 'fr'], /`--lang fr` is not a language/],
      [['run', path.join(dir, 'missing.yaml'), '--real'], /cannot read runbook/],
      [
        ['run', broken, '--real'],
        /broken\.yaml:12 steps\[0\]\.run\[0\]\.action: unknown action "shell\.exce" \(did you mean shell\.exec\?\)/,
      ],
      [
        ['run', fixture('walk'), '--real', '--state-dir', dir, '--from', 'nope'],
        /has no step `nope`/,
      ],
      [['log', 'hello', '--state-dir', dir], /no step has a log in profile `default`/],
    ];
    for (const [args, message] of cases) {
      const {code, stderr} = await runCli(args, env);
      assert.equal(code, 2, `${args.join(' ')}\n${stderr}`);
      assert.match(stderr, message);
      assert.match(stderr, /^hint: /m);
      assert.doesNotMatch(stderr, /^\s+at /m);
    }
  } finally {
    await cleanup();
  }
});

test('without --yes and without a terminal, a question needed ends with exit 2 naming --yes', async () => {
  const {dir, cleanup} = await tempDir('confirm');
  try {
    const {code, stderr, stdout} = await runCli(
      ['run', fixture('confirm'), '--real', '--state-dir', dir],
      testEnv(dir),
    );
    assert.equal(code, 2, stderr);
    assert.match(
      stderr,
      /a question needs an answer \(dangerous\): This grants everything to everyone\./,
    );
    assert.match(stderr, /hint: add --yes/);
    assert.doesNotMatch(stdout, /granted/);
  } finally {
    await cleanup();
  }
});

test('with --yes, a missing parameter ends with exit 2 naming the flag to give', async () => {
  const {dir, cleanup} = await tempDir('missing');
  try {
    const {code, stderr} = await runCli(
      ['run', fixture('confirm'), '--real', '--yes', '--state-dir', dir],
      testEnv(dir),
    );
    assert.equal(code, 2, stderr);
    assert.match(stderr, /target_host/);
    assert.match(stderr, /--set target_host=/);
  } finally {
    await cleanup();
  }
});

test('`log` with an id the runbook does not have says there is no such step and lists its steps', async () => {
  const {dir, cleanup} = await tempDir('log-id');
  try {
    const at = '2026-01-01T00:00:00.000Z';
    const state = {
      schemaVersion: 1,
      runbookId: 'mke-gitlab-runner',
      params: {},
      steps: {},
      branches: {},
      target: 'simulated',
      createdAt: at,
      updatedAt: at,
    };
    await mkdir(path.join(dir, 'profiles/default'), {recursive: true});
    await writeFile(path.join(dir, 'profiles/default/state.json'), JSON.stringify(state));
    const env = testEnv(dir);

    const unknown = await runCli(['log', 'nosuch', '--state-dir', dir], env);
    assert.equal(unknown.code, 2, unknown.stderr);
    assert.match(unknown.stderr, /runbook `mke-gitlab-runner` has no step `nosuch`/);
    assert.match(unknown.stderr, /^hint: its steps: preflight, vms, .*, verify-job, wrap-up$/m);
    assert.doesNotMatch(unknown.stderr, /has no log/);

    const typo = await runCli(['log', 'verify-jb', '--state-dir', dir], env);
    assert.equal(typo.code, 2, typo.stderr);
    assert.match(typo.stderr, /^hint: did you mean `verify-job`\? its steps: /m);

    const notRun = await runCli(['log', 'cluster-admin-binding', '--state-dir', dir], env);
    assert.equal(notRun.code, 2, notRun.stderr);
    assert.match(notRun.stderr, /step `cluster-admin-binding` has no log .*: it has not run yet/);
  } finally {
    await cleanup();
  }
});
