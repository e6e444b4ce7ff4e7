// Kept apart from strings-*.ts: the first frame must not wait for anything it does not draw.

/** What is being readied before the real screen can show. */
export type BootTask = 'lab' | 'runbook';

/** The boot frame's own words, per language. */
export const bootWords = {
  en: {
    lab: 'starting the simulated lab…',
    runbook: 'loading the runbook…',
    stopping: 'stopping…',
    quit: 'q quit',
  },
  ja: {
    lab: 'シミュレーションのラボを起動しています…',
    runbook: 'ランブックを読み込んでいます…',
    stopping: '終了しています…',
    quit: 'q 終了',
  },
} as const;
