import type {Lang} from '../i18n/text.js';

// A probe's detail is what the resume screen and a check line say it saw. The values in it
// (names, versions, states such as `running` or `1/1 ready`) are the tools' own words; the
// sentence around them is ours, in the reader's language.

/** The sentences probes report what they saw in. */
export type ProbeWords = {
  readonly apiAnswers: (version: string) => string;
  readonly exists: (what: string, found: boolean) => string;
  readonly absent: (what: string, found: boolean) => string;
  readonly objectState: (what: string, seen: string) => string;
  readonly noRunnerDeployment: (release: string) => string;
  readonly machines: (states: readonly (readonly [string, string])[]) => string;
  readonly cannotStart: (tool: string, why: string) => string;
  readonly statusFailed: (command: string, why: string) => string;
  readonly exitCode: (code: string) => string;
  readonly grantPresent: (holds: boolean) => string;
  readonly loginWorks: (url: string, username: string) => string;
  readonly valuesFile: (file: string, state: 'missing' | 'matches' | 'differs') => string;
  readonly releaseStatus: (release: string, status: string, revision?: number) => string;
  readonly notJson: (command: string) => string;
  readonly unexpectedRelease: string;
  readonly admitted: string;
  readonly jobStatus: (id: number, status: string) => string;
};

const en: ProbeWords = {
  apiAnswers: (version) => `the API server answers (${version})`,
  exists: (what, found) => `${what} ${found ? 'exists' : 'does not exist'}`,
  absent: (what, found) => `${what} ${found ? 'still exists' : 'is absent'}`,
  objectState: (what, seen) => `${what}: ${seen}`,
  noRunnerDeployment: (release) => `no Deployment of the release ${release}`,
  machines: (states) =>
    states.map(([name, state]) => `${name} ${state}`).join(', ') || 'no machines',
  cannotStart: (tool, why) => `${tool} cannot be started: ${why}`,
  statusFailed: (command, why) => `${command} failed: ${why}`,
  exitCode: (code) => `exit ${code}`,
  grantPresent: (holds) =>
    holds ? "the grant is in MKE's configuration" : "MKE's configuration lacks the grant",
  loginWorks: (url, username) => `MKE at ${url} accepts ${username}'s login`,
  valuesFile: (file, state) =>
    state === 'missing'
      ? `${file} does not exist`
      : state === 'matches'
        ? `${file} matches the parameters`
        : `${file} differs from what the parameters give`,
  releaseStatus: (release, status, revision) =>
    `release ${release}: ${status}${revision === undefined ? '' : ` (revision ${revision})`}`,
  notJson: (command) => `${command} did not print JSON`,
  unexpectedRelease: 'helm status printed an unexpected release',
  admitted: 'a privileged pod would be admitted',
  jobStatus: (id, status) => `job #${id} ${status}`,
};

const ja: ProbeWords = {
  apiAnswers: (version) => `API サーバーが応答します(${version})`,
  exists: (what, found) => `${what} は${found ? 'あります' : 'ありません'}`,
  absent: (what, found) => `${what} は${found ? 'まだあります' : 'ありません'}`,
  objectState: (what, seen) => `${what}: ${seen}`,
  noRunnerDeployment: (release) => `リリース ${release} の Deployment がありません`,
  machines: (states) =>
    states.map(([name, state]) => `${name} ${state}`).join('、') || 'マシンがありません',
  cannotStart: (tool, why) => `${tool} を起動できません: ${why}`,
  statusFailed: (command, why) => `${command} が失敗しました: ${why}`,
  exitCode: (code) => `終了コード ${code}`,
  grantPresent: (holds) =>
    holds ? 'MKE の設定に許可が入っています' : 'MKE の設定に許可が入っていません',
  loginWorks: (url, username) => `${url} の MKE に ${username} でログインできます`,
  valuesFile: (file, state) =>
    state === 'missing'
      ? `${file} がありません`
      : state === 'matches'
        ? `${file} はパラメーターどおりです`
        : `${file} はパラメーターから作る内容と違います`,
  releaseStatus: (release, status, revision) =>
    `リリース ${release}: ${status}${revision === undefined ? '' : `(リビジョン ${revision})`}`,
  notJson: (command) => `${command} が JSON を出力しませんでした`,
  unexpectedRelease: 'helm status が想定外のリリースを出力しました',
  admitted: '特権 Pod は受け付けられます',
  jobStatus: (id, status) => `ジョブ #${id}: ${status}`,
};

/** The probe sentences for `lang`. */
export function probeWords(lang: Lang): ProbeWords {
  return lang === 'ja' ? ja : en;
}
