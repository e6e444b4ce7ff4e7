import type {Lang} from '../i18n/text.js';
import {stepStatusNames} from '../i18n/step-status.js';
import type {StepStatus} from './events.js';

/** The reasons reconcile gives for a verdict, in the reader's language. */
export type ReconcileWords = {
  readonly branchChosen: (branchId: string) => string;
  readonly noBranch: string;
  readonly runsEveryTime: string;
  readonly skipped: string;
  readonly recordedNoProbe: string;
  readonly recorded: (status: StepStatus) => string;
  readonly noSuchProbe: string;
  readonly needsParams: (paramIds: readonly string[]) => string;
  /** A probe that reads what an earlier step records, before that step has run. */
  readonly needsStep: (title: string) => string;
  readonly probeTimeout: (seconds: number) => string;
};

const en: ReconcileWords = {
  branchChosen: (branchId) => `branch ${branchId} chosen`,
  noBranch: 'no branch chosen yet',
  runsEveryTime: 'runs every time',
  skipped: 'skipped',
  recordedNoProbe: 'recorded done (no probe to check it)',
  recorded: (status) => `recorded ${status}`,
  noSuchProbe: 'no such probe',
  needsParams: (paramIds) => `needs ${paramIds.join(', ')} to check`,
  needsStep: (title) => `needs the step ‘${title}’ first`,
  probeTimeout: (seconds) => `the probe did not answer within ${seconds} s`,
};

const ja: ReconcileWords = {
  branchChosen: (branchId) => `分岐 ${branchId} を選択済み`,
  noBranch: '分岐はまだ選ばれていません',
  runsEveryTime: '毎回実行します',
  skipped: 'スキップ済み',
  recordedNoProbe: '完了と記録済み(確認する手段はありません)',
  recorded: (status) => `記録上の状態: ${stepStatusNames.ja[status]}`,
  noSuchProbe: 'その確認処理はありません',
  needsParams: (paramIds) => `確認には ${paramIds.join('、')} が必要です`,
  needsStep: (title) => `先にステップ「${title}」が必要です`,
  probeTimeout: (seconds) => `確認が ${seconds} 秒以内に応答しませんでした`,
};

/** The reconcile reasons for `lang`. */
export function reconcileWords(lang: Lang): ReconcileWords {
  return lang === 'ja' ? ja : en;
}
