import type {Lang} from '../i18n/text.js';
import type {ErrorText} from '../engine/errors.js';

type Where = '--set' | '--params';
type Target = 'simulated' | 'real';

/** The words of the errors the CLI's commands raise (not argument parsing), in each language. */
export type CliWords = {
  /** The label before a hint on stderr. */
  readonly hintLabel: string;
  readonly unexpected: (toolMessage: string) => ErrorText;
  /** Hints for errors raised without one, by error code. */
  readonly fallbackHints: Readonly<Record<string, string>>;
  readonly paramsFileUnreadable: (file: string, why: string) => ErrorText;
  readonly paramsFileNotYaml: (file: string, why: string) => ErrorText;
  readonly paramsFileShape: (file: string) => ErrorText;
  readonly notAParam: (
    key: string,
    where: Where,
    runbookId: string,
    guess: string | undefined,
    ids: readonly string[],
  ) => ErrorText;
  readonly secretGiven: (key: string, where: Where, env: string | undefined) => ErrorText;
  readonly badValue: (key: string, where: Where, why: string) => ErrorText;
  readonly missingParam: (
    id: string,
    label: string,
    secret: boolean,
    env: string | undefined,
  ) => ErrorText;
  readonly needsAnswer: (question: string, danger: boolean) => ErrorText;
  readonly needsChoice: (stepId: string, ids: string, setHint: string | undefined) => ErrorText;
  readonly labOffline: ErrorText;
  /** The lab's own words, kept as they are. */
  readonly labFailed: (toolMessage: string) => ErrorText;
  readonly labRunning: ErrorText;
  readonly noSuchStep: (runbookId: string, stepId: string, hint: string | undefined) => ErrorText;
  readonly didYouMean: (guess: string) => string;
  readonly itsSteps: (ids: readonly string[], guess: string | undefined) => string;
  readonly noStepOnRecord: (
    runbookId: string,
    stepId: string,
    ids: readonly string[],
    guess: string | undefined,
  ) => ErrorText;
  readonly noLogs: (profile: string) => ErrorText;
  readonly stepNoLog: (stepId: string, profile: string) => ErrorText;
  readonly logGone: (file: string) => ErrorText;
  readonly nothingToExport: (profile: string) => ErrorText;
  readonly otherRunbook: (profile: string, recorded: string, named: string) => ErrorText;
  readonly otherTarget: (profile: string, recorded: Target, wanted: Target) => ErrorText;
};

const seeHelpEn = 'see `mke-runbook --help`';
const seeHelpJa = '`mke-runbook --help` を見てください';
const targetEn = (target: Target): string =>
  target === 'simulated' ? 'simulated lab' : 'real machines';
const targetJa = (target: Target): string => (target === 'simulated' ? '模擬ラボ' : '実機');

const en: CliWords = {
  hintLabel: 'hint',
  unexpected: (toolMessage) => ({
    message: `unexpected error: ${toolMessage}`,
    hint: 'this is a bug; run with MKE_RUNBOOK_DEBUG=1 for details and report it',
  }),
  fallbackHints: {
    'runbook-not-found':
      'name an existing runbook file (the default is runbooks/mke-gitlab-runner.yaml)',
    'state-corrupt': 'look at the file, or move it away to start the profile again',
    default: seeHelpEn,
  },
  paramsFileUnreadable: (file, why) => ({
    message: `cannot read the parameters file \`${file}\`: ${why}`,
  }),
  paramsFileNotYaml: (file, why) => ({
    message: `the parameters file \`${file}\` is not YAML or JSON: ${why}`,
  }),
  paramsFileShape: (file) => ({
    message: `the parameters file \`${file}\` must map parameter names to strings, numbers or booleans`,
    hint: 'for example:  namespace: gitlab-runner',
  }),
  notAParam: (key, where, runbookId, guess, ids) => ({
    message: `\`${key}\` (from ${where}) is not a parameter of runbook \`${runbookId}\``,
    hint: guess ? `did you mean \`${guess}\`?` : `its parameters: ${ids.join(', ') || '(none)'}`,
  }),
  secretGiven: (key, where, env) => ({
    message: `secret parameter \`${key}\` cannot be given with ${where}: the value would be visible in the process list or on disk`,
    hint: env ? `set the environment variable ${env} instead` : 'run in a terminal to type it',
  }),
  badValue: (key, where, why) => ({
    message: `parameter \`${key}\` from ${where}: ${why}`,
    hint: `give a valid value with ${where === '--set' ? `--set ${key}=…` : `\`${key}:\` in the file`}`,
  }),
  missingParam: (id, label, secret, env) => ({
    message: `parameter \`${id}\` (${label}) has no value`,
    hint: secret
      ? env
        ? `set the environment variable ${env}`
        : 'run in a terminal to type it (secrets are never taken from --set)'
      : `give --set ${id}=VALUE${env ? ` or set the environment variable ${env}` : ''}`,
  }),
  needsAnswer: (question, danger) => ({
    message: `a question needs an answer${danger ? ' (dangerous)' : ''}: ${question}`,
    hint: 'add --yes to confirm it, or run in a terminal to answer',
  }),
  needsChoice: (stepId, ids, setHint) => ({
    message: `step \`${stepId}\` needs a choice between ${ids}`,
    hint: setHint ? `give ${setHint}` : 'run in a terminal to choose',
  }),
  labOffline: {message: 'the simulated lab is not running', hint: 'mke-runbook lab start'},
  labFailed: (toolMessage) => ({
    message: toolMessage,
    hint: 'look at the lab log named above; `mke-runbook lab stop` then `mke-runbook lab start` starts it afresh',
  }),
  labRunning: {message: 'the lab is running', hint: 'stop it first: mke-runbook lab stop'},
  noSuchStep: (runbookId, stepId, hint) => ({
    message: `runbook \`${runbookId}\` has no step \`${stepId}\``,
    hint: hint ?? seeHelpEn,
  }),
  didYouMean: (guess) => `did you mean \`${guess}\`?`,
  itsSteps: (ids, guess) =>
    `${guess ? `did you mean \`${guess}\`? ` : ''}its steps: ${ids.join(', ')}`,
  noStepOnRecord: (runbookId, stepId, ids, guess) => ({
    message: `no step \`${stepId}\` on record for runbook \`${runbookId}\``,
    hint: `${guess ? `did you mean \`${guess}\`? ` : ''}steps on record: ${ids.join(', ')}`,
  }),
  noLogs: (profile) => ({
    message: `no step has a log in profile \`${profile}\`: nothing has run there yet`,
    hint: '`mke-runbook run` starts it; `--profile` or `--state-dir` name another',
  }),
  stepNoLog: (stepId, profile) => ({
    message: `step \`${stepId}\` has no log in profile \`${profile}\`: it has not run yet`,
    hint: '`mke-runbook status` lists the steps and their logs',
  }),
  logGone: (file) => ({message: `the log file \`${file}\` is gone`}),
  nothingToExport: (profile) => ({
    message: `profile \`${profile}\` has nothing recorded to export`,
  }),
  otherRunbook: (profile, recorded, named) => ({
    message: `profile \`${profile}\` holds the progress of runbook \`${recorded}\`, not \`${named}\``,
    hint: 'name that runbook, or use another --profile',
  }),
  otherTarget: (profile, recorded, wanted) => ({
    message: `profile \`${profile}\` was run against the ${targetEn(recorded)}; it cannot continue against the ${targetEn(wanted)}`,
    hint: 'use another --profile for this target, or `mke-runbook reset` to start this one over',
  }),
};

const ja: CliWords = {
  hintLabel: 'ヒント',
  unexpected: (toolMessage) => ({
    message: `予期しないエラー: ${toolMessage}`,
    hint: 'これはバグです。MKE_RUNBOOK_DEBUG=1 を付けて実行すると詳細が出ます。報告してください',
  }),
  fallbackHints: {
    'runbook-not-found':
      '存在する Runbook ファイルを指定してください（既定は runbooks/mke-gitlab-runner.yaml）',
    'state-corrupt': 'ファイルを確認するか、別の場所へ移してプロファイルをやり直してください',
    'params-missing': 'それぞれの値を指定してから、もう一度実行してください',
    'param-invalid': '正しい値を指定してから、もう一度実行してください',
    'runbook-invalid': 'Runbook ファイルを直してから、もう一度実行してください',
    'unknown-param': '`plan` でパラメータを確認してください',
    default: seeHelpJa,
  },
  paramsFileUnreadable: (file, why) => ({
    message: `パラメータファイル \`${file}\` を読めません: ${why}`,
  }),
  paramsFileNotYaml: (file, why) => ({
    message: `パラメータファイル \`${file}\` は YAML でも JSON でもありません: ${why}`,
  }),
  paramsFileShape: (file) => ({
    message: `パラメータファイル \`${file}\` は、パラメータ名から文字列・数値・真偽値への対応でなければなりません`,
    hint: '例:  namespace: gitlab-runner',
  }),
  notAParam: (key, where, runbookId, guess, ids) => ({
    message: `\`${key}\`（${where} で指定）は Runbook \`${runbookId}\` のパラメータではありません`,
    hint: guess ? `\`${guess}\` のことですか？` : `パラメータ一覧: ${ids.join(', ') || '（なし）'}`,
  }),
  secretGiven: (key, where, env) => ({
    message: `秘密のパラメータ \`${key}\` は ${where} では指定できません: 値がプロセス一覧やディスク上に見えてしまいます`,
    hint: env
      ? `代わりに環境変数 ${env} を設定してください`
      : 'ターミナルで実行して入力してください',
  }),
  badValue: (key, where, why) => ({
    message: `パラメータ \`${key}\`（${where}）: ${why}`,
    hint: `${where === '--set' ? `--set ${key}=…` : `ファイルの \`${key}:\``} で正しい値を指定してください`,
  }),
  missingParam: (id, label, secret, env) => ({
    message: `パラメータ \`${id}\`（${label}）に値がありません`,
    hint: secret
      ? env
        ? `環境変数 ${env} を設定してください`
        : 'ターミナルで実行して入力してください（秘密の値は --set では受け付けません）'
      : `--set ${id}=VALUE を指定してください${env ? `（または環境変数 ${env} を設定）` : ''}`,
  }),
  needsAnswer: (question, danger) => ({
    message: `回答が必要な質問があります${danger ? '（危険な操作）' : ''}: ${question}`,
    hint: '--yes を付けて確認するか、ターミナルで実行して答えてください',
  }),
  needsChoice: (stepId, ids, setHint) => ({
    message: `ステップ \`${stepId}\` では ${ids} のどれかを選ぶ必要があります`,
    hint: setHint ? `${setHint} を指定してください` : 'ターミナルで実行して選んでください',
  }),
  labOffline: {message: '模擬ラボが起動していません', hint: 'mke-runbook lab start'},
  labFailed: (toolMessage) => ({
    message: toolMessage,
    hint: '上に示したラボのログを確認してください。`mke-runbook lab stop` のあと `mke-runbook lab start` で起動し直せます',
  }),
  labRunning: {
    message: 'ラボが起動中です',
    hint: '先に停止してください: mke-runbook lab stop',
  },
  noSuchStep: (runbookId, stepId, hint) => ({
    message: `Runbook \`${runbookId}\` にステップ \`${stepId}\` はありません`,
    hint: hint ?? seeHelpJa,
  }),
  didYouMean: (guess) => `\`${guess}\` のことですか？`,
  itsSteps: (ids, guess) =>
    `${guess ? `\`${guess}\` のことですか？ ` : ''}ステップ一覧: ${ids.join(', ')}`,
  noStepOnRecord: (runbookId, stepId, ids, guess) => ({
    message: `Runbook \`${runbookId}\` の記録にステップ \`${stepId}\` はありません`,
    hint: `${guess ? `\`${guess}\` のことですか？ ` : ''}記録のあるステップ: ${ids.join(', ')}`,
  }),
  noLogs: (profile) => ({
    message: `プロファイル \`${profile}\` にはログのあるステップがありません: まだ何も実行されていません`,
    hint: '`mke-runbook run` で始めます。別のものは `--profile` か `--state-dir` で指定します',
  }),
  stepNoLog: (stepId, profile) => ({
    message: `ステップ \`${stepId}\` にはプロファイル \`${profile}\` のログがありません: まだ実行されていません`,
    hint: '`mke-runbook status` でステップとそのログを一覧できます',
  }),
  logGone: (file) => ({message: `ログファイル \`${file}\` がなくなっています`}),
  nothingToExport: (profile) => ({
    message: `プロファイル \`${profile}\` にはエクスポートする記録がありません`,
  }),
  otherRunbook: (profile, recorded, named) => ({
    message: `プロファイル \`${profile}\` は \`${named}\` ではなく Runbook \`${recorded}\` の進捗を持っています`,
    hint: 'その Runbook を指定するか、別の --profile を使ってください',
  }),
  otherTarget: (profile, recorded, wanted) => ({
    message: `プロファイル \`${profile}\` は${targetJa(recorded)}に対して実行されました。${targetJa(wanted)}に対しては続けられません`,
    hint: 'この対象には別の --profile を使うか、`mke-runbook reset` でやり直してください',
  }),
};

/** The CLI's error words for `lang`. */
export function cliWords(lang: Lang): CliWords {
  return lang === 'ja' ? ja : en;
}
