import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fixture, runCli, tempDir, testEnv} from './cli-process.js';

const rowsOf = (stdout: string, first: RegExp): string[][] =>
  stdout
    .split('\n')
    .filter((line) => first.test(line))
    .map((line) => line.trim().split(/\s{2,}/));

test('plan lists every command as an argument list, with env keys only, and runs nothing', async () => {
  const {dir, cleanup} = await tempDir('plan');
  try {
    const token = 'plan-token-value-123';
    const env = testEnv(dir, {CLI_WALK_TOKEN: token});
    const {code, stdout, stderr} = await runCli(
      ['plan', fixture('walk'), '--state-dir', dir, '--set', 'name=Ada Lovelace'],
      env,
    );
    assert.equal(code, 0, stderr);
    assert.deepEqual(rowsOf(stdout, /^(hello|literal|secret|\s+env)\b/), [
      ['hello', 'run', 'node -e "console.log(\\"hello, \\" + process.argv[1])" "Ada Lovelace"'],
      [
        'literal',
        'run',
        'node -e "require(\\"fs\\").writeFileSync(\\"received.txt\\", process.argv[1]); console.log(\\"received \\" + process.argv[1].length + \\" characters\\")" plain',
      ],
      [
        'secret',
        'run',
        'node -e "const t = process.env.TOKEN; console.log(\\"token is \\" + t); console.log(\\"base64 \\" + Buffer.from(t).toString(\\"base64\\")); console.error(\\"stderr \\" + t)"',
      ],
      ['env', 'TOKEN=••••'],
    ]);
    assert.ok(!stdout.includes(token));
    assert.equal(
      existsSync(path.join(dir, 'profiles/default/work/received.txt')),
      false,
      'plan ran a step',
    );
  } finally {
    await cleanup();
  }
});

test('plan shows values not known yet as named placeholders, without asking for them', async () => {
  const {dir, cleanup} = await tempDir('plan-unknown');
  try {
    const {code, stdout} = await runCli(
      ['plan', fixture('confirm'), '--state-dir', dir],
      testEnv(dir),
    );
    assert.equal(code, 0);
    assert.match(stdout, /^dangerous +run +node -e "console\.log\(\\"granted\\"\)"$/m);
    assert.match(stdout, /^needs-host +run +node -e .* "<params\.target_host>"$/m);
  } finally {
    await cleanup();
  }
});

test('status before any run lists every step pending; reset puts a done step back to pending', async () => {
  const {dir, cleanup} = await tempDir('status');
  try {
    const env = testEnv(dir, {CLI_WALK_TOKEN: 'status-token-value'});
    const before = await runCli(['status', fixture('walk'), '--state-dir', dir], env);
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.stdout, /nothing recorded yet/);
    assert.deepEqual(
      rowsOf(before.stdout, /^(hello|literal|secret) /).map((row) => row.slice(0, 4)),
      [
        ['hello', 'Say hello', '· pending', '0'],
        ['literal', 'Pass an argument verbatim', '· pending', '0'],
        ['secret', 'Use the token', '· pending', '0'],
      ],
    );

    assert.equal(
      (await runCli(['run', fixture('walk'), '--real', '--yes', '--state-dir', dir], env)).code,
      0,
    );
    const reset = await runCli(
      ['reset', fixture('walk'), '--step', 'hello', '--state-dir', dir],
      env,
    );
    assert.equal(reset.code, 0, reset.stderr);
    const after = await runCli(
      ['status', fixture('walk'), '--state-dir', dir, '--lang', 'ja'],
      env,
    );
    assert.deepEqual(
      rowsOf(after.stdout, /^(hello|literal|secret) /).map((row) => row.slice(0, 3)),
      [
        ['hello', '挨拶する', '· 未実行'],
        ['literal', '引数をそのまま渡す', '✓ 完了'],
        ['secret', 'トークンを使う', '✓ 完了'],
      ],
    );

    const exported = await runCli(['export', fixture('walk'), '--state-dir', dir], env);
    assert.equal(exported.code, 0, exported.stderr);
    for (const expected of [
      '# CLI walk',
      '### 2. Pass an argument verbatim (`literal`)',
      'Status: **done** · attempts: 1',
      'received 5 characters',
      '$ node -e',
    ]) {
      assert.ok(exported.stdout.includes(expected), `export lacks: ${expected}`);
    }
  } finally {
    await cleanup();
  }
});
