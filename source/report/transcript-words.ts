import type {Lang} from '../i18n/text.js';
import type {StepStatus} from '../engine/events.js';
import {stepStatusNames} from '../i18n/step-status.js';

/** The Markdown transcript's own words (the procedure's words come from the runbook). */
export type TranscriptWords = {
  readonly intro: (input: {
    readonly profile: string;
    readonly runbookId: string;
    readonly target: string;
    readonly createdAt: string;
    readonly updatedAt: string;
    readonly generatedAt: string;
  }) => string;
  readonly target: Readonly<Record<'simulated' | 'real', string>>;
  readonly parameters: string;
  readonly paramHeads: readonly [string, string];
  readonly secretValue: string;
  readonly notSet: string;
  readonly steps: string;
  readonly status: Readonly<Record<StepStatus, string>>;
  readonly stepStatus: (status: string, attempts: number) => string;
  readonly runs: string;
  readonly runsAsWritten: string;
  readonly attempt: (n: number, status: string, exitCode: number | undefined) => string;
  readonly hint: string;
  readonly logNotFound: (file: string) => string;
  readonly lastLines: (count: number, file: string) => string;
  readonly output: (file: string) => string;
  readonly noBranch: string;
  readonly chose: (branchId: string, at: string, previous: string | undefined) => string;
};

const en: TranscriptWords = {
  intro: (input) =>
    `Transcript of profile \`${input.profile}\` (runbook \`${input.runbookId}\`, target ${input.target}), ` +
    `started ${input.createdAt}, last change ${input.updatedAt}, exported ${input.generatedAt}.`,
  target: {simulated: 'simulated', real: 'real'},
  parameters: 'Parameters',
  paramHeads: ['parameter', 'value'],
  secretValue: '(secret: never recorded)',
  notSet: '(not set)',
  steps: 'Steps',
  status: stepStatusNames.en,
  stepStatus: (status, attempts) => `Status: **${status}** · attempts: ${attempts}`,
  runs: 'Runs:',
  runsAsWritten: 'Runs (as written in the runbook):',
  attempt: (n, status, exitCode) =>
    `Attempt ${n}: **${status}**${exitCode === undefined ? '' : `, exit code ${exitCode}`}`,
  hint: 'Hint',
  logNotFound: (file) => `(log not found: \`${file}\`)`,
  lastLines: (count, file) => `Last ${count} lines of \`${file}\`:`,
  output: (file) => `Output (\`${file}\`):`,
  noBranch: 'No branch chosen yet.',
  chose: (branchId, at, previous) =>
    `Chose **${branchId}** at ${at}${previous ? ` (switched from \`${previous}\`)` : ''}`,
};

const ja: TranscriptWords = {
  intro: (input) =>
    `プロファイル \`${input.profile}\` の記録（Runbook \`${input.runbookId}\`、対象 ${input.target}）。` +
    `開始 ${input.createdAt}、最終更新 ${input.updatedAt}、エクスポート ${input.generatedAt}。`,
  target: {simulated: '模擬ラボ', real: '実機'},
  parameters: 'パラメータ',
  paramHeads: ['パラメータ', '値'],
  secretValue: '（秘密: 記録しません）',
  notSet: '（未設定）',
  steps: 'ステップ',
  status: stepStatusNames.ja,
  stepStatus: (status, attempts) => `状態: **${status}** · 試行回数: ${attempts}`,
  runs: '実行内容:',
  runsAsWritten: '実行内容（Runbook に書かれたまま）:',
  attempt: (n, status, exitCode) =>
    `試行 ${n}: **${status}**${exitCode === undefined ? '' : `、終了コード ${exitCode}`}`,
  hint: 'ヒント',
  logNotFound: (file) => `（ログが見つかりません: \`${file}\`）`,
  lastLines: (count, file) => `\`${file}\` の最後の ${count} 行:`,
  output: (file) => `出力（\`${file}\`）:`,
  noBranch: 'まだ分岐が選ばれていません。',
  chose: (branchId, at, previous) =>
    `${at} に **${branchId}** を選択${previous ? `（\`${previous}\` から切り替え）` : ''}`,
};

/** The transcript's words for `lang`. */
export function transcriptWords(lang: Lang): TranscriptWords {
  return lang === 'ja' ? ja : en;
}
