import type {Lang} from '../i18n/text.js';
import type {ReconcileVerdict} from '../engine/events.js';

/** The reporter's own words (the procedure's words come from the runbook). */
export type ReportWords = {
  readonly checking: string;
  readonly allInPlace: string;
  readonly continuingAt: (stepId: string) => string;
  readonly unknownSteps: (stepIds: readonly string[]) => string;
  readonly verdict: Readonly<Record<ReconcileVerdict, string>>;
  readonly paramFrom: (paramId: string, from: string) => string;
  readonly attempt: (n: number) => string;
  readonly log: string;
  readonly doneIn: (took: string) => string;
  readonly skipped: string;
  readonly failedAfter: (took: string) => string;
  readonly interruptedAfter: (took: string) => string;
  readonly exitCode: (code: number) => string;
  readonly hint: string;
  readonly check: string;
  readonly diagnosis: string;
  readonly next: string;
  readonly branch: (branchId: string, previous: string | undefined) => string;
  readonly runEnded: Readonly<Record<'done' | 'failed' | 'stopped', string>>;
};

const en: ReportWords = {
  checking: 'checking what is already in place…',
  allInPlace: 'every step is in place',
  continuingAt: (stepId) => `continuing at ${stepId}`,
  unknownSteps: (stepIds) =>
    `the state records steps this runbook does not have (ignored): ${stepIds.join(', ')}`,
  verdict: {
    verified: 'verified',
    drifted: 'drifted: recorded done, no longer true',
    'found-in-place': 'already in place (not recorded)',
    pending: 'pending',
    unknown: 'could not tell',
  },
  paramFrom: (paramId, from) => `parameter ${paramId} from ${from}`,
  attempt: (n) => ` (attempt ${n})`,
  log: 'log',
  doneIn: (took) => `✓ done in ${took}`,
  skipped: '↷ skipped',
  failedAfter: (took) => `✗ failed after ${took}`,
  interruptedAfter: (took) => `⏸ interrupted after ${took}`,
  exitCode: (code) => ` (exit code ${code})`,
  hint: 'hint',
  check: 'check',
  diagnosis: 'diagnosis',
  next: 'next',
  branch: (branchId, previous) => `branch ${branchId}${previous ? ` (was ${previous})` : ''}`,
  runEnded: {done: '■ done', failed: '■ failed', stopped: '■ stopped'},
};

const fromJa: Readonly<Record<string, string>> = {
  flag: 'フラグ',
  env: '環境変数',
  file: 'パラメーターファイル',
  state: '保存済みの値',
  prompt: '入力',
  default: '既定値',
};

const ja: ReportWords = {
  checking: 'すでに済んでいることを確かめています…',
  allInPlace: 'すべての手順が済んでいます',
  continuingAt: (stepId) => `${stepId} から続けます`,
  unknownSteps: (stepIds) =>
    `状態ファイルに、このランブックにない手順の記録があります(無視します): ${stepIds.join(', ')}`,
  verdict: {
    verified: '確認済み',
    drifted: '記録では完了、いまは成り立っていない',
    'found-in-place': '記録はないが、すでに済んでいる',
    pending: '未実行',
    unknown: '判定できない',
  },
  paramFrom: (paramId, from) => `パラメーター ${paramId}: ${fromJa[from] ?? from}から`,
  attempt: (n) => `（${n} 回目）`,
  log: 'ログ',
  doneIn: (took) => `✓ 完了（${took}）`,
  skipped: '↷ スキップ',
  failedAfter: (took) => `✗ 失敗（${took}）`,
  interruptedAfter: (took) => `⏸ 中断（${took}）`,
  exitCode: (code) => `（終了コード ${code}）`,
  hint: 'ヒント',
  check: 'チェック',
  diagnosis: '診断',
  next: '次に',
  branch: (branchId, previous) => `分岐 ${branchId}${previous ? `（以前: ${previous}）` : ''}`,
  runEnded: {done: '■ 完了', failed: '■ 失敗', stopped: '■ 停止'},
};

/** The reporter's words in a language. */
export const reportWords: Readonly<Record<Lang, ReportWords>> = {en, ja};
