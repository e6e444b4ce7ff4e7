import type {Lang} from '../i18n/text.js';
import type {ReconcileVerdict, StepStatus} from '../engine/events.js';

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
  /** The `status` table: its column heads, each status as mark and word, an open choice. */
  readonly statusHeads: readonly [string, string, string, string, string, string];
  readonly status: Readonly<Record<StepStatus, string>>;
  readonly notChosen: string;
  /** The line above the `status` table. */
  readonly statusHeader: (
    runbookId: string,
    profile: string,
    recorded: {readonly target: string; readonly updatedAt: string} | undefined,
  ) => string;
  readonly stateFile: string;
  /** The `plan` table: its title, column heads, an empty step, the note on unrendered rows. */
  readonly planTitle: (runbookId: string) => string;
  readonly planHeads: readonly [string, string, string];
  readonly nothingToRun: string;
  readonly planAsWritten: string;
  /** The plan's DOES column, what is given on stdin, a choice's row and a branch's leave actions. */
  readonly planDoes: Readonly<
    Record<'run' | 'env' | 'stdin' | 'write' | 'apply' | 'delete' | 'request' | 'note', string>
  >;
  readonly stdinGiven: string;
  readonly chooseOne: (branchIds: readonly string[]) => string;
  readonly onLeave: string;
  /** The head of a run, and how an effect is announced before its step runs. */
  readonly runStarted: (runbookId: string, profile: string, target: string) => string;
  readonly envNames: (names: readonly string[]) => string;
  readonly stdinNote: string;
  readonly writesFile: (file: string, lines: number) => string;
  readonly manifestLines: (action: 'apply' | 'delete', lines: number) => string;
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
  statusHeads: ['STEP', 'TITLE', 'STATUS', 'TRIES', 'TOOK', 'LOG'],
  status: {
    done: '✓ done',
    failed: '✗ failed',
    running: '▶ running',
    skipped: '↷ skipped',
    interrupted: '⏸ interrupted',
    pending: '· pending',
  },
  notChosen: '? not chosen',
  statusHeader: (runbookId, profile, recorded) =>
    recorded
      ? `${runbookId} · profile ${profile} · ${recorded.target} · last change ${recorded.updatedAt}`
      : `${runbookId} · profile ${profile} · nothing recorded yet`,
  stateFile: 'state',
  planTitle: (runbookId) => `plan of ${runbookId} (nothing is run)`,
  planHeads: ['STEP', 'DOES', 'WHAT'],
  nothingToRun: '(nothing to run)',
  planAsWritten:
    '* shown as written in the runbook: some values are not known yet (give them with --set, or run the earlier steps)',
  planDoes: {
    run: 'run',
    env: 'env',
    stdin: 'stdin',
    write: 'write',
    apply: 'apply',
    delete: 'delete',
    request: 'request',
    note: 'note',
  },
  stdinGiven: '(given, not shown)',
  chooseOne: (branchIds) => `choose one: ${branchIds.join(' | ')}`,
  onLeave: 'on leave',
  runStarted: (runbookId, profile, target) =>
    `▶ ${runbookId} · profile ${profile} · ${target.toUpperCase()}`,
  envNames: (names) => ` (env: ${names.join(', ')})`,
  stdinNote: ' (stdin given)',
  writesFile: (file, lines) => `writes ${file} (${lines} lines)`,
  manifestLines: (action, lines) => `${action} manifest (${lines} lines)`,
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
  statusHeads: ['手順', '題名', '状態', '回数', '所要', 'ログ'],
  status: {
    done: '✓ 完了',
    failed: '✗ 失敗',
    running: '▶ 実行中',
    skipped: '↷ スキップ',
    interrupted: '⏸ 中断',
    pending: '· 未実行',
  },
  notChosen: '? 未選択',
  statusHeader: (runbookId, profile, recorded) =>
    recorded
      ? `${runbookId} · プロファイル ${profile} · ${recorded.target === 'simulated' ? 'シミュレーション' : '実機'} · 最終更新 ${recorded.updatedAt}`
      : `${runbookId} · プロファイル ${profile} · まだ記録がありません`,
  stateFile: '状態ファイル',
  planTitle: (runbookId) => `${runbookId} の計画(何も実行しません)`,
  planHeads: ['手順', '動作', '対象'],
  nothingToRun: '(実行するものはありません)',
  planAsWritten:
    '* ランブックに書かれたままの表示です: まだわからない値があります(--set で与えるか、前の手順を実行してください)',
  planDoes: {
    run: '実行',
    env: '環境変数',
    stdin: '標準入力',
    write: '書込',
    apply: '適用',
    delete: '削除',
    request: '要求',
    note: '説明',
  },
  stdinGiven: '(渡しますが表示しません)',
  chooseOne: (branchIds) => `どれか 1 つを選びます: ${branchIds.join(' | ')}`,
  onLeave: '離れるとき',
  runStarted: (runbookId, profile, target) =>
    `▶ ${runbookId} · プロファイル ${profile} · ${target === 'simulated' ? 'シミュレーション' : '実機'}`,
  envNames: (names) => `(環境変数: ${names.join(', ')})`,
  stdinNote: '(標準入力あり)',
  writesFile: (file, lines) => `${file} を書きます(${lines} 行)`,
  manifestLines: (action, lines) =>
    `マニフェストを${action === 'apply' ? '適用' : '削除'}します(${lines} 行)`,
};

/** The reporter's words in a language. */
export const reportWords: Readonly<Record<Lang, ReportWords>> = {en, ja};
