import type {Lang} from '../i18n/text.js';

// What an action will do, as the notes of the details view, `plan` and the export say it. The
// names, paths and the commands to type by hand are kept as they are, in any language.

/** The sentences actions describe themselves in. */
export type PlanWords = {
  readonly stdoutTo: (file: string) => string;
  readonly waitUntil: (timeout: string, probe: string) => string;
  readonly manifestsFrom: (file: string) => string;
  readonly looksFor: (names: readonly string[], dir: string) => string;
  readonly preflight: (networksConf: string, vmCount: number, memoryMiB: number) => string;
  readonly watchReady: (what: string, timeout: string, byHand: string) => string;
  readonly readServiceAccount: (release: string, byHand: string) => string;
  readonly followJobs: (expect: 'success' | 'any', timeout: string) => string;
  readonly alsoReads: (namespace: string) => string;
  readonly dryRun: (user: string, byHand: string) => string;
  readonly accessSummary: (user: string, questions: number, byHand: string) => string;
  readonly valuesWrites: (out: string, from: string, changes: string) => string;
  readonly grantChange: (
    change: 'merge' | 'remove',
    accounts: string,
    users: string | undefined,
    attributes: string,
  ) => string;
  readonly grantByHand: (accounts: string, attributes: string) => string;
  readonly mergedToml: string;
  readonly readBack: string;
};

const en: PlanWords = {
  stdoutTo: (file) => `stdout is written to ${file}`,
  waitUntil: (timeout, probe) => `wait up to ${timeout} until ${probe} holds`,
  manifestsFrom: (file) => `manifests from ${file} (written before this runs)`,
  looksFor: (names, dir) => `looks for ${names.join(' / ')} in ${dir}`,
  preflight: (conf, count, memory) =>
    `reads ${conf}; checks memory for ${count} × ${memory} MiB and free disk; changes nothing`,
  watchReady: (what, timeout, byHand) =>
    `watch ${what} until ready (at most ${timeout}); by hand: ${byHand}`,
  readServiceAccount: (release, byHand) =>
    `read spec.template.spec.serviceAccountName of the runner's Deployment (release ${release}); by hand: ${byHand}`,
  followJobs: (expect, timeout) =>
    expect === 'success'
      ? `follows the jobs until the pipeline ends; the step succeeds only on "Job succeeded" (at most ${timeout})`
      : `follows the jobs until the pipeline ends and records the outcome, success or not (at most ${timeout})`,
  alsoReads: (namespace) => `also reads Warning events and the runner pod log in ${namespace}`,
  dryRun: (user, byHand) =>
    `server-side dry run (dryRun=All, nothing is created) of this pod, as ${user}; by hand: ${byHand}`,
  accessSummary: (user, questions, byHand) =>
    `ask the API server (SubjectAccessReview) what ${user} may do, over ${questions} verbs and resources; changes nothing; by hand: ${byHand}`,
  valuesWrites: (out, from, changes) =>
    `writes ${out} from ${from} (${changes}); the token goes to a Secret, never into the file`,
  grantChange: (change, accounts, users, attributes) =>
    `${change === 'merge' ? 'adds' : 'removes'} ${accounts} ${change === 'merge' ? 'to' : 'from'} [cluster_config] priv_attributes_service_accounts${users ? ` (and ${users} in priv_attributes_user_accounts)` : ''}${change === 'merge' ? ` and ${attributes} to the allowed attributes` : ''}; every other entry is kept`,
  grantByHand: (accounts, attributes) =>
    `By hand: as an MKE admin, Admin Settings → Orchestration (→ Privileges from MKE 3.6.1) → Service account privileges: ${accounts}; tick ${attributes}; Save.`,
  mergedToml: '<the merged TOML; the diff is shown before it is sent>',
  readBack: '(read back to verify)',
};

const ja: PlanWords = {
  stdoutTo: (file) => `標準出力は ${file} に書き込みます`,
  waitUntil: (timeout, probe) => `${probe} が成り立つまで最大 ${timeout} 待ちます`,
  manifestsFrom: (file) => `マニフェストは ${file} から(実行前に書き出されます)`,
  looksFor: (names, dir) => `${dir} で ${names.join(' / ')} を探します`,
  preflight: (conf, count, memory) =>
    `${conf} を読み、メモリ(${count} × ${memory} MiB)と空きディスクを確かめます。何も変更しません`,
  watchReady: (what, timeout, byHand) =>
    `${what} が準備できるまで見守ります(最大 ${timeout})。手で行うなら: ${byHand}`,
  readServiceAccount: (release, byHand) =>
    `Runner の Deployment(リリース ${release})の spec.template.spec.serviceAccountName を読みます。手で行うなら: ${byHand}`,
  followJobs: (expect, timeout) =>
    expect === 'success'
      ? `パイプラインが終わるまでジョブを追います。「Job succeeded」のときだけステップは成功です(最大 ${timeout})`
      : `パイプラインが終わるまでジョブを追い、成否にかかわらず結果を記録します(最大 ${timeout})`,
  alsoReads: (namespace) => `${namespace} の Warning イベントと Runner Pod のログも読みます`,
  dryRun: (user, byHand) =>
    `この Pod をサーバー側でドライラン(dryRun=All、何も作りません)します。実行者: ${user}。手で行うなら: ${byHand}`,
  accessSummary: (user, questions, byHand) =>
    `${user} に何ができるかを API サーバー(SubjectAccessReview)に ${questions} 通りの動詞とリソースで問い合わせます。何も変更しません。手で行うなら: ${byHand}`,
  valuesWrites: (out, from, changes) =>
    `${from} から ${out} を書きます(${changes})。トークンはファイルに入れず Secret に置きます`,
  grantChange: (change, accounts, users, attributes) =>
    change === 'merge'
      ? `[cluster_config] priv_attributes_service_accounts に ${accounts} を${users ? `(priv_attributes_user_accounts に ${users} も)` : ''}、許可する属性に ${attributes} を加えます。ほかの項目はそのままです`
      : `[cluster_config] priv_attributes_service_accounts から ${accounts} を${users ? `(priv_attributes_user_accounts から ${users} も)` : ''}除きます。ほかの項目はそのままです`,
  grantByHand: (accounts, attributes) =>
    `手で行うなら: MKE 管理者として Admin Settings → Orchestration(MKE 3.6.1 からは → Privileges)→ Service account privileges: ${accounts}。${attributes} にチェックを入れて Save。`,
  mergedToml: '<マージした TOML。送る前に差分を表示します>',
  readBack: '(確かめるため読み直します)',
};

/** The describe sentences for `lang`. */
export function planWords(lang: Lang): PlanWords {
  return lang === 'ja' ? ja : en;
}
