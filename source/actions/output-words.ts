import type {Lang} from '../i18n/text.js';

// The lines actions print about what they did (the `»` lines of a step's log and live pane),
// in the reader's language. The tools' own output is passed on as it comes.

/** The sentences actions report what they did in. */
export type OutputWords = {
  readonly wrote: (file: string) => string;
  readonly wroteLines: (count: number, file: string) => string;
  readonly waiting: (detail: string) => string;
  readonly admitted: (user: string) => string;
  readonly grantAlready: (change: 'merge' | 'remove') => string;
  readonly readBack: (change: 'merge' | 'remove') => string;
  readonly kubeconfig: (file: string) => readonly string[];
  readonly deleted: (object: string, removed: boolean) => string;
  readonly tokenSecret: (secret: string, kind: string, key: string) => string;
  readonly runnerAccounts: (runner: string, deployment: string, buildPods: string) => string[];
  readonly pipelineCreated: (id: number, ref: string, url?: string) => string;
  readonly mayDoNow: (user: string) => string;
  readonly answer: (allowed: boolean, phrase: string) => string;
  readonly logOf: (pod: string) => string;
  readonly eventsIn: (namespace: string) => string;
};

const en: OutputWords = {
  wrote: (file) => `wrote ${file}`,
  wroteLines: (count, file) => `wrote ${count} lines to ${file}`,
  waiting: (detail) => `waiting: ${detail}`,
  admitted: (user) => `admitted: a privileged pod created by ${user} would be accepted`,
  grantAlready: (change) =>
    `MKE's configuration already ${change === 'merge' ? 'has' : 'lacks'} the grant: nothing to change`,
  readBack: (change) => `read back: the grant is ${change === 'merge' ? 'in place' : 'gone'}`,
  kubeconfig: (file) => [`kubeconfig: ${file}`, `by hand: export KUBECONFIG=${file}`],
  deleted: (object, removed) => `${object} ${removed ? 'deleted' : 'was already absent'}`,
  tokenSecret: (secret, kind, key) => `Secret ${secret} holds the ${kind} token under ${key}`,
  runnerAccounts: (runner, deployment, buildPods) => [
    `runner service account: ${runner} (Deployment ${deployment})`,
    `build pods' service account: ${buildPods}`,
  ],
  pipelineCreated: (id, ref, url) => `pipeline #${id} created on ${ref}${url ? `: ${url}` : ''}`,
  mayDoNow: (user) => `what ${user} may do now:`,
  answer: (allowed, phrase) => `  ${allowed ? 'yes' : 'no '}  ${phrase}`,
  logOf: (pod) => `log of ${pod}`,
  eventsIn: (namespace) => `events in ${namespace}`,
};

const tokenKindJa: Readonly<Record<string, string>> = {
  authentication: '認証',
  registration: '登録',
};

const ja: OutputWords = {
  wrote: (file) => `${file} を書きました`,
  wroteLines: (count, file) => `${file} に ${count} 行を書きました`,
  waiting: (detail) => `待っています: ${detail}`,
  admitted: (user) => `受け付けられます: ${user} が作る特権 Pod は通ります`,
  grantAlready: (change) =>
    `MKE の設定にはすでに許可が${change === 'merge' ? '入っています' : 'ありません'}: 変更しません`,
  readBack: (change) =>
    `読み直しました: 許可は${change === 'merge' ? '入っています' : 'なくなりました'}`,
  kubeconfig: (file) => [`kubeconfig: ${file}`, `手で行うなら: export KUBECONFIG=${file}`],
  deleted: (object, removed) =>
    removed ? `${object} を削除しました` : `${object} はもともとありません`,
  tokenSecret: (secret, kind, key) =>
    `Secret ${secret} のキー ${key} に${tokenKindJa[kind] ?? kind}トークンを入れました`,
  runnerAccounts: (runner, deployment, buildPods) => [
    `Runner のサービスアカウント: ${runner}(Deployment ${deployment})`,
    `ビルド Pod のサービスアカウント: ${buildPods}`,
  ],
  pipelineCreated: (id, ref, url) =>
    `パイプライン #${id} を ${ref} で作りました${url ? `: ${url}` : ''}`,
  mayDoNow: (user) => `${user} にいまできること:`,
  answer: (allowed, phrase) => `  ${allowed ? '可  ' : '不可'}  ${phrase}`,
  logOf: (pod) => `${pod} のログ`,
  eventsIn: (namespace) => `${namespace} のイベント`,
};

/** The action output sentences for `lang`. */
export function outputWords(lang: Lang): OutputWords {
  return lang === 'ja' ? ja : en;
}
