import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {errorMessage} from '../../source/cli/exit-code.js';
import {createPorts} from '../../source/cli/ports.js';
import {fixture, root, runCli, tempDir, testEnv} from './cli-process.js';

type Case = {
  readonly title: string;
  readonly args: (dir: string) => string[];
  /** Files written into the state dir before the run. */
  readonly before?: (dir: string) => Promise<void>;
  readonly env?: Record<string, string>;
  readonly code: number;
  readonly stderr: (dir: string) => string;
};

const profileDir = (dir: string): string => path.join(dir, 'profiles', 'default');
const walk = fixture('walk');

const cases: readonly Case[] = [
  {
    title: 'an unknown command, with the likely one',
    args: () => ['statsu', '--lang', 'ja'],
    code: 2,
    stderr: () =>
      'mke-runbook: `statsu` というコマンドはありません\n' +
      'ヒント: `mke-runbook status` のことですか？（--help を参照）\n',
  },
  {
    title: 'an unknown flag, in Japanese from LANG alone',
    args: () => ['status', '--profil', 'x'],
    env: {LANG: 'ja_JP.UTF-8'},
    code: 2,
    stderr: () =>
      'mke-runbook: `--profil` というフラグはありません\n' +
      'ヒント: `--profile` のことですか？（--help を参照）\n',
  },
  {
    title: 'a flag without its value',
    args: () => ['status', '--lang=ja', '--profile'],
    code: 2,
    stderr: () =>
      'mke-runbook: `--profile` には値が必要です\nヒント: `mke-runbook --help` を見てください\n',
  },
  {
    title: 'a --set that is not name=value',
    args: (dir) => ['run', walk, '--set', 'Name', '--state-dir', dir, '--lang', 'ja'],
    code: 2,
    stderr: () =>
      'mke-runbook: `--set Name` は --set 名前=値 の形で指定してください\n' +
      'ヒント: パラメータ名は小文字です: --set namespace=gitlab-runner\n',
  },
  {
    title: 'a --set naming no parameter of the runbook',
    args: (dir) => ['run', walk, '--set', 'nmae=x', '--state-dir', dir, '--lang', 'ja'],
    code: 2,
    stderr: () =>
      'mke-runbook: `nmae`（--set で指定）は Runbook `cli-walk` のパラメータではありません\n' +
      'ヒント: `name` のことですか？\n',
  },
  {
    title: 'a secret given with --set',
    args: (dir) => ['run', walk, '--set', 'token=x', '--state-dir', dir, '--lang', 'ja'],
    code: 2,
    stderr: () =>
      'mke-runbook: 秘密のパラメータ `token` は --set では指定できません: 値がプロセス一覧やディスク上に見えてしまいます\n' +
      'ヒント: 代わりに環境変数 CLI_WALK_TOKEN を設定してください\n',
  },
  {
    title: 'a parameter with no value in a headless run',
    args: (dir) => ['run', walk, '--real', '--state-dir', dir, '--lang', 'ja'],
    code: 2,
    stderr: () =>
      'mke-runbook: パラメータ `token`（トークン）に値がありません\n' +
      'ヒント: 環境変数 CLI_WALK_TOKEN を設定してください\n',
  },
  {
    title: 'the profile in use by another process',
    before: async (dir) => {
      await mkdir(profileDir(dir), {recursive: true});
      await writeFile(path.join(profileDir(dir), 'lock'), String(process.pid));
    },
    args: (dir) => ['run', walk, '--real', '--yes', '--state-dir', dir, '--lang', 'ja'],
    code: 3,
    stderr: () =>
      `mke-runbook: プロファイル "default" はプロセス ${process.pid} が使用中です\n` +
      'ヒント: 終わるまで待つか、別の --profile を使ってください\n',
  },
  {
    title: 'a damaged state file',
    before: async (dir) => {
      await mkdir(profileDir(dir), {recursive: true});
      await writeFile(path.join(profileDir(dir), 'state.json'), '{"schemaVersion": 1, "runb');
    },
    args: (dir) => ['run', walk, '--real', '--yes', '--state-dir', dir, '--lang', 'ja'],
    code: 3,
    stderr: (dir) => {
      const file = path.join(profileDir(dir), 'state.json');
      return (
        `mke-runbook: 状態ファイル \`${file}\` を読めません（${jsonError}）\n` +
        `ヒント: 最後に正常だった状態は \`${file}.bak\` にあります: それを状態ファイルに上書きコピーするか、\`reset\` でプロファイルを最初からやり直してください\n`
      );
    },
  },
  {
    title: 'an unknown step for reset',
    args: (dir) => ['reset', walk, '--step', 'helo', '--state-dir', dir, '--lang', 'ja'],
    code: 2,
    stderr: () =>
      'mke-runbook: Runbook `cli-walk` にステップ `helo` はありません\n' +
      'ヒント: `hello` のことですか？\n',
  },
  {
    title: 'log in a profile where nothing has run',
    args: (dir) => ['log', 'hello', '--state-dir', dir, '--lang', 'ja'],
    code: 2,
    stderr: () =>
      'mke-runbook: プロファイル `default` にはログのあるステップがありません: まだ何も実行されていません\n' +
      'ヒント: `mke-runbook run` で始めます。別のものは `--profile` か `--state-dir` で指定します\n',
  },
  {
    title: 'export of a profile with nothing recorded',
    args: (dir) => ['export', walk, '--state-dir', dir, '--lang', 'ja'],
    code: 2,
    stderr: () =>
      'mke-runbook: プロファイル `default` にはエクスポートする記録がありません\n' +
      'ヒント: `mke-runbook --help` を見てください\n',
  },
  {
    title: 'a runbook file that is not there',
    args: (dir) => ['run', 'nowhere/missing.yaml', '--state-dir', dir, '--lang', 'ja'],
    code: 2,
    stderr: () =>
      `mke-runbook: Runbook \`nowhere/missing.yaml\` を読めません: ${enoent}\n` +
      'ヒント: 存在する Runbook ファイルを指定してください（既定は runbooks/mke-gitlab-runner.yaml）\n',
  },
  {
    title: 'an unknown command in English when --lang en overrides a Japanese LANG',
    args: () => ['statsu', '--lang', 'en'],
    env: {LANG: 'ja_JP.UTF-8'},
    code: 2,
    stderr: () =>
      'mke-runbook: unknown command `statsu`\nhint: did you mean `mke-runbook status`? (see --help)\n',
  },
];

// JSON.parse's own words for the damaged file above: kept verbatim inside the Japanese message.
const jsonError = (() => {
  try {
    JSON.parse('{"schemaVersion": 1, "runb');
  } catch (error) {
    return error instanceof Error ? error.message : '';
  }

  return '';
})();

// The system's own words for the missing runbook: kept verbatim inside the Japanese message.
const enoent = `ENOENT: no such file or directory, open '${path.join(root, 'nowhere/missing.yaml')}'`;

for (const item of cases) {
  test(`tells of ${item.title} in the reader's language, exit code unchanged`, async () => {
    const {dir, cleanup} = await tempDir('error-words');
    try {
      await item.before?.(dir);
      const {code, stderr} = await runCli(item.args(dir), testEnv(dir, item.env));
      assert.equal(code, item.code, stderr);
      assert.equal(stderr, item.stderr(dir));
    } finally {
      await cleanup();
    }
  });
}

test('with --yes, a headless run missing parameters gives its hint in Japanese', async () => {
  const {dir, cleanup} = await tempDir('error-words');
  try {
    const {code, stderr} = await runCli(
      ['run', walk, '--real', '--yes', '--state-dir', dir, '--lang', 'ja'],
      testEnv(dir),
    );
    assert.equal(code, 2, stderr);
    assert.match(stderr, /^ヒント: それぞれの値を指定してから、もう一度実行してください$/mu);
  } finally {
    await cleanup();
  }
});

test('says the lab is not running in Japanese, naming the command that starts it', async () => {
  const ports = createPorts({lab: undefined, offline: true, profileDir: '/p', env: {}});
  const error = await ports.kube('/nowhere/kubeconfig').then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.equal(
    errorMessage(error, 'ja'),
    'mke-runbook: 模擬ラボが起動していません\nヒント: mke-runbook lab start\n',
  );
  assert.equal(
    errorMessage(error, 'en'),
    'mke-runbook: the simulated lab is not running\nhint: mke-runbook lab start\n',
  );
});

test('says what lab status and reset did in Japanese; --json keeps its English fields', async () => {
  const {dir, cleanup} = await tempDir('notice-words');
  try {
    const env = testEnv(dir);
    const status = await runCli(['lab', 'status', '--state-dir', dir, '--lang', 'ja'], env);
    assert.equal(status.stdout, 'ラボは起動していません\n', status.stderr);
    const json = await runCli(['lab', 'status', '--json', '--state-dir', dir, '--lang', 'ja'], env);
    assert.deepEqual(JSON.parse(json.stdout), {running: false});
    const reset = await runCli(['reset', walk, '--step', 'hello', '--state-dir', dir], {
      ...env,
      LANG: 'ja_JP.UTF-8',
    });
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal(
      reset.stdout,
      'プロファイル default のステップ hello を未実行に戻しました（状態ファイルだけです。実環境は何も変えていません）\n',
    );
  } finally {
    await cleanup();
  }
});
