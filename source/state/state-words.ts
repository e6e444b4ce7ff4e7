import type {Lang} from '../i18n/text.js';
import type {ErrorText} from '../engine/errors.js';

/** The words of the state store's refusals (lock, state file), in each language. */
export type StateWords = {
  readonly inUse: (profile: string, holder: number) => ErrorText;
  readonly openHere: (profile: string, holder: number) => ErrorText;
  readonly notLocked: (profile: string) => ErrorText;
  /** `why` is the parser's own words, kept as they are. */
  readonly corrupt: (file: string, why: string, backupFile: string) => ErrorText;
  readonly newer: (file: string, written: number, reads: number) => ErrorText;
  readonly otherRunbook: (file: string, recorded: string, wanted: string) => ErrorText;
  readonly badProfile: (profile: string) => ErrorText;
};

const en: StateWords = {
  inUse: (profile, holder) => ({
    message: `profile "${profile}" is in use by process ${holder}`,
    hint: 'wait for it to finish, or use another --profile',
  }),
  openHere: (profile, holder) => ({
    message: `profile "${profile}" is already open in this process (${holder})`,
    hint: 'close the other engine first',
  }),
  notLocked: (profile) => ({
    message: `profile "${profile}" could not be locked`,
    hint: 'try again',
  }),
  corrupt: (file, why, backupFile) => ({
    message: `the state file \`${file}\` cannot be read (${why})`,
    hint: `the last good state is in \`${backupFile}\`: copy it over the state file, or run \`reset\` to start the profile afresh`,
  }),
  newer: (file, written, reads) => ({
    message: `the state file \`${file}\` was written by a newer mke-runbook (schema ${written}, this one reads ${reads})`,
    hint: 'upgrade mke-runbook, or use another --profile',
  }),
  otherRunbook: (file, recorded, wanted) => ({
    message: `profile state \`${file}\` belongs to runbook "${recorded}", not "${wanted}"`,
    hint: 'use another --profile for this runbook',
  }),
  badProfile: (profile) => ({
    message: `profile name \`${profile}\` is not allowed`,
    hint: 'use letters, digits, ".", "_" and "-"',
  }),
};

const ja: StateWords = {
  inUse: (profile, holder) => ({
    message: `プロファイル "${profile}" はプロセス ${holder} が使用中です`,
    hint: '終わるまで待つか、別の --profile を使ってください',
  }),
  openHere: (profile, holder) => ({
    message: `プロファイル "${profile}" はこのプロセス（${holder}）ですでに開かれています`,
    hint: '先にもう一方のエンジンを閉じてください',
  }),
  notLocked: (profile) => ({
    message: `プロファイル "${profile}" をロックできませんでした`,
    hint: 'もう一度試してください',
  }),
  corrupt: (file, why, backupFile) => ({
    message: `状態ファイル \`${file}\` を読めません（${why}）`,
    hint: `最後に正常だった状態は \`${backupFile}\` にあります: それを状態ファイルに上書きコピーするか、\`reset\` でプロファイルを最初からやり直してください`,
  }),
  newer: (file, written, reads) => ({
    message: `状態ファイル \`${file}\` は新しい mke-runbook で書かれています（スキーマ ${written}、この版が読めるのは ${reads}）`,
    hint: 'mke-runbook を更新するか、別の --profile を使ってください',
  }),
  otherRunbook: (file, recorded, wanted) => ({
    message: `プロファイルの状態 \`${file}\` は "${wanted}" ではなく Runbook "${recorded}" のものです`,
    hint: 'この Runbook には別の --profile を使ってください',
  }),
  badProfile: (profile) => ({
    message: `プロファイル名 \`${profile}\` は使えません`,
    hint: '英字、数字、"."、"_"、"-" を使ってください',
  }),
};

/** The state store's refusal words for `lang`. */
export function stateWords(lang: Lang): StateWords {
  return lang === 'ja' ? ja : en;
}
