import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';
import {fixture, runCli, tempDir, testEnv} from './cli-process.js';

const token = 'tok-Zq81-very-secret-value';

async function everyFile(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test('walks a fixture runbook headless to the end, exits 0, and status shows every step done', async () => {
  const {dir, cleanup} = await tempDir('walk');
  try {
    const env = testEnv(dir, {CLI_WALK_TOKEN: token});
    const run = await runCli(
      ['run', fixture('walk'), '--real', '--yes', '--state-dir', dir, '--set', 'name=Ada'],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\[hello\] hello, Ada$/m);
    assert.match(run.stdout, /^\[secret\] ✓ done in /m);
    assert.match(run.stdout, /^■ done$/m);

    const status = await runCli(['status', fixture('walk'), '--state-dir', dir, '--json'], env);
    assert.equal(status.code, 0, status.stderr);
    const parsed: unknown = JSON.parse(status.stdout);
    assert.ok(
      parsed !== null &&
        typeof parsed === 'object' &&
        'steps' in parsed &&
        Array.isArray(parsed.steps),
    );
    assert.deepEqual(
      parsed.steps.map((step: {id: string; status: string; attempts: number}) => [
        step.id,
        step.status,
        step.attempts,
      ]),
      [
        ['hello', 'done', 1],
        ['literal', 'done', 1],
        ['secret', 'done', 1],
      ],
    );

    const table = await runCli(['status', fixture('walk'), '--state-dir', dir], env);
    const rows = table.stdout.split('\n').filter((line) => /^(hello|literal|secret) /.test(line));
    assert.deepEqual(
      rows.map((line) => line.split(/\s{2,}/).slice(0, 4)),
      [
        ['hello', 'Say hello', '✓ done', '1'],
        ['literal', 'Pass an argument verbatim', '✓ done', '1'],
        ['secret', 'Use the token', '✓ done', '1'],
      ],
    );
    assert.match(table.stdout, /logs\/hello\.1\.log/);
  } finally {
    await cleanup();
  }
});

test('passes an argument a shell would misread to the child as one literal argument', async () => {
  const {dir, cleanup} = await tempDir('literal');
  const marker = path.join(dir, `x-${process.pid}-${Date.now()}`);
  const danger = `$(touch ${marker}); rm -rf ~`;
  try {
    const env = testEnv(dir, {CLI_WALK_TOKEN: token});
    const run = await runCli(
      [
        'run',
        fixture('walk'),
        '--real',
        '--yes',
        '--state-dir',
        dir,
        '--only',
        'literal',
        '--set',
        `danger=${danger}`,
      ],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    const received = await readFile(path.join(dir, 'profiles/default/work/received.txt'), 'utf8');
    assert.equal(received, danger);
    assert.equal(existsSync(marker), false, 'the command substitution ran');
    assert.ok(existsSync(dir), 'the home directory is still there');
  } finally {
    await cleanup();
  }
});

test('keeps a secret from the environment out of the state dir, the logs, the output and the export', async () => {
  const {dir, cleanup} = await tempDir('secret');
  const encoded = Buffer.from(token).toString('base64');
  try {
    const env = testEnv(dir, {CLI_WALK_TOKEN: token});
    const run = await runCli(['run', fixture('walk'), '--real', '--yes', '--state-dir', dir], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\[secret\] token is ••••$/m, 'the child did receive and print it');
    const exported = await runCli(['export', fixture('walk'), '--state-dir', dir], env);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /token is ••••/);
    const files = await everyFile(dir);
    assert.ok(
      files.some((file) => file.endsWith('secret.1.log')),
      'the log was written',
    );
    for (const [where, text] of [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
      ['export', exported.stdout],
      ...(await Promise.all(
        files.map(async (file) => [file, await readFile(file, 'utf8')] as const),
      )),
    ]) {
      assert.ok(!text.includes(token), `the secret is in ${where}`);
      assert.ok(!text.includes(encoded.replace(/=+$/, '')), `the base64 secret is in ${where}`);
    }
  } finally {
    await cleanup();
  }
});

test('refuses a secret given with --set, exit 2, and writes it nowhere', async () => {
  const {dir, cleanup} = await tempDir('set-secret');
  try {
    const run = await runCli(
      ['run', fixture('walk'), '--real', '--yes', '--state-dir', dir, '--set', `token=${token}`],
      testEnv(dir),
    );
    assert.equal(run.code, 2);
    assert.match(run.stderr, /secret parameter `token` cannot be given with --set/);
    assert.match(run.stderr, /CLI_WALK_TOKEN/);
    assert.ok(!run.stderr.includes(token) && !run.stdout.includes(token));
    for (const file of await everyFile(dir))
      assert.ok(!(await readFile(file, 'utf8')).includes(token), file);
  } finally {
    await cleanup();
  }
});
