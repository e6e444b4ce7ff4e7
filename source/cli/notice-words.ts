import type {Lang} from '../i18n/text.js';

type LabInfo = {readonly url: string; readonly pid: number};

/** The CLI's own lines that are not errors (which target, what the lab did, what reset did). */
export type NoticeWords = {
  readonly noVagrant: string;
  readonly vagrantFound: (at: string) => string;
  readonly labStarted: (lab: LabInfo & {readonly binDir: string}, already: boolean) => string;
  readonly labStopped: (stopped: boolean) => string;
  readonly labRunning: (lab: LabInfo & {readonly startedAt: string}) => string;
  readonly labNotRunning: string;
  readonly labReset: string;
  readonly resetDone: (stepId: string | undefined, profile: string) => string;
};

const en: NoticeWords = {
  noVagrant:
    'vagrant is not on PATH: using the simulated lab (--simulate to say so, --real to insist on real machines)',
  vagrantFound: (at) => `vagrant found at ${at}: using the real machines (--simulate for the lab)`,
  labStarted: (lab, already) =>
    `${already ? 'lab already running' : 'lab started'} at ${lab.url} (pid ${lab.pid}); stand-ins in ${lab.binDir}`,
  labStopped: (stopped) => (stopped ? 'lab stopped' : 'no lab was running'),
  labRunning: (lab) => `lab running at ${lab.url} (pid ${lab.pid}, since ${lab.startedAt})`,
  labNotRunning: 'lab not running',
  labReset: 'lab reset: its VMs, cluster, MKE and GitLab are gone; the next start begins empty',
  resetDone: (stepId, profile) =>
    `${stepId === undefined ? 'every step' : `step ${stepId}`} of profile ${profile} is pending again (the state file only: nothing in the world was changed)`,
};

const ja: NoticeWords = {
  noVagrant:
    'PATH に vagrant がありません: 模擬ラボを使います（明示するなら --simulate、実機を使うなら --real）',
  vagrantFound: (at) => `vagrant が ${at} にあります: 実機を使います（ラボを使うなら --simulate）`,
  labStarted: (lab, already) =>
    `${already ? 'ラボはすでに起動しています' : 'ラボを起動しました'}: ${lab.url}（pid ${lab.pid}）。代役のコマンドは ${lab.binDir} にあります`,
  labStopped: (stopped) => (stopped ? 'ラボを停止しました' : '起動中のラボはありませんでした'),
  labRunning: (lab) => `ラボは起動中です: ${lab.url}（pid ${lab.pid}、${lab.startedAt} から）`,
  labNotRunning: 'ラボは起動していません',
  labReset:
    'ラボをリセットしました: VM、クラスタ、MKE、GitLab は消えました。次の起動は空の状態から始まります',
  resetDone: (stepId, profile) =>
    `プロファイル ${profile} の${stepId === undefined ? 'すべてのステップ' : `ステップ ${stepId} `}を未実行に戻しました（状態ファイルだけです。実環境は何も変えていません）`,
};

/** The CLI's notices for `lang`. */
export function noticeWords(lang: Lang): NoticeWords {
  return lang === 'ja' ? ja : en;
}
