import type {I18nText} from '../i18n/text.js';
import type {Speaker} from './types.js';

/** A failure recognised by one pattern on one line, with what to do. */
export type FailurePattern = {
  readonly id: string;
  /** Must match for the line to count; its named groups become fields. */
  readonly pattern: RegExp;
  /** Extra patterns whose named groups add fields when they match too. */
  readonly extra?: readonly RegExp[];
  /** When given, the line must also match this (e.g. name GitLab) for the failure to count. */
  readonly context?: RegExp;
  readonly speaker: Speaker;
  readonly title: I18nText;
  readonly explanation: I18nText;
  readonly hint: I18nText;
  readonly stepId?: string;
  readonly branchId?: string;
};

/** Failures other than the UCPAuthorization refusal, in the order they are tried. */
export const commonFailures: readonly FailurePattern[] = [
  {
    id: 'psp-refusal',
    pattern: /unable to validate against any pod security policy(?::\s*(?<details>.*))?/i,
    extra: [/(?<resourceKind>[a-z0-9.]+) "(?<podName>[^"]*)" is forbidden/i],
    speaker: 'kubernetes',
    title: {
      en: 'PodSecurityPolicy admission refused the pod',
      ja: 'PodSecurityPolicy の Admission が Pod を拒否しました',
    },
    explanation: {
      en: 'No PodSecurityPolicy that the requester or the pod’s service account may `use` allows what the pod asks for (the details list the refused fields). This is Kubernetes’ PSP admission, not MKE’s UCPAuthorization: it is fixed with a PSP and an RBAC `use` grant. On MKE 3.4 the binding ucp:all:privileged-psp-role normally gives everyone the privileged PSP, so check whether it was removed.',
      ja: '要求者または Pod の ServiceAccount が `use` できる PodSecurityPolicy の中に、Pod の要求を許すものがありません(拒否された項目は詳細に出ています)。これは MKE の UCPAuthorization ではなく Kubernetes の PSP Admission です。PSP と RBAC の `use` 権限で解決します。MKE 3.4 では通常 ucp:all:privileged-psp-role が全員に privileged PSP を与えているので、それが削除されていないか確認してください。',
    },
    hint: {
      en: 'Apply the PSP, its ClusterRole (use on the PSP) and the ClusterRoleBinding — remediation 2 does this.',
      ja: 'PSP、その ClusterRole(PSP の use)、ClusterRoleBinding を適用してください(対策 2 が行います)。',
    },
    stepId: 'remediation',
    branchId: 'psp-grant',
  },
  {
    id: 'runner-token',
    pattern:
      /(?<what>(?:registering|verifying|checking for jobs|unregistering|requesting job)[^\n]*?(?:\b(?<status>403 Forbidden|410 Gone)\b|\bis removed\b|\bforbidden\b|\binvalid token\b)|\binvalid (?:runner |registration |authentication )?token\b)/i,
    extra: [/\brunner=(?<runner>\S+)/i, /\bstatus=(?:[^\n]*?)(?<status>\d{3} [A-Z][a-z]+)/],
    speaker: 'gitlab-runner',
    title: {
      en: 'GitLab refused the runner’s token',
      ja: 'GitLab が Runner のトークンを拒否しました',
    },
    explanation: {
      en: 'The runner could not register or fetch jobs: GitLab answered 403 Forbidden or 410 Gone, or called the token invalid. The token is wrong, was revoked, the runner was deleted in GitLab, or a legacy registration token was used where registration tokens are disabled (GitLab ≥ 17.0 disables them by default; use a glrt- runner authentication token).',
      ja: 'Runner が登録またはジョブ取得に失敗しました: GitLab が 403 Forbidden か 410 Gone を返したか、トークンが無効とされました。トークンの誤り・失効、GitLab 側での Runner 削除、または登録トークンが無効な環境での旧来の登録トークン使用が考えられます(GitLab 17.0 以降は既定で無効。glrt- で始まる Runner 認証トークンを使ってください)。',
    },
    hint: {
      en: 'Create a runner in the project’s Settings → CI/CD → Runners, set GITLAB_RUNNER_TOKEN to its token, and run the runner install again.',
      ja: 'プロジェクトの設定 → CI/CD → Runner で Runner を作り、GITLAB_RUNNER_TOKEN にそのトークンを設定して、Runner のインストールをやり直してください。',
    },
    stepId: 'runner-install',
  },
  {
    id: 'image-pull',
    pattern: /\b(?<reason>ImagePullBackOff|ErrImagePull)\b/,
    extra: [/image "(?<image>[^"]+)"/i],
    speaker: 'kubernetes',
    title: {en: 'A container image could not be pulled', ja: 'コンテナイメージを取得できません'},
    explanation: {
      en: 'The kubelet could not pull an image (ImagePullBackOff / ErrImagePull): the name or tag is wrong, the registry is not reachable from the nodes, or it needs credentials the pod does not have.',
      ja: 'kubelet がイメージを取得できませんでした(ImagePullBackOff / ErrImagePull)。名前やタグの誤り、ノードからレジストリに届かない、または Pod に無い認証情報が必要、のいずれかです。',
    },
    hint: {
      en: 'Check the image name and tag, that the nodes reach the registry (try `docker pull` on a worker), and imagePullSecrets.',
      ja: 'イメージ名とタグ、ノードからレジストリに届くか(ワーカーで `docker pull` を試す)、imagePullSecrets を確認してください。',
    },
  },
  {
    id: 'helm-name-in-use',
    pattern: /cannot re-use a name that is still in use/i,
    speaker: 'helm',
    title: {en: 'Helm: the release name is taken', ja: 'Helm: リリース名が使用中です'},
    explanation: {
      en: '`helm install` refuses a release name that already exists in the namespace, even a failed one.',
      ja: '`helm install` は、名前空間に既にある(失敗したものも含む)リリース名を受け付けません。',
    },
    hint: {
      en: 'Use `helm upgrade --install` (the runbook does), or look with `helm list -a -n <namespace>` and `helm uninstall` the stale release.',
      ja: '`helm upgrade --install` を使う(本ランブックはそうします)か、`helm list -a -n <namespace>` で確認し古いリリースを `helm uninstall` してください。',
    },
    stepId: 'runner-install',
  },
  {
    id: 'gitlab-unreachable',
    pattern:
      /(?:dial tcp (?<address>\S+?):? (?:lookup \S+: )?(?<cause>[^\n]*?(?:no such host|connection refused|i\/o timeout|network is unreachable))|lookup (?<host>\S+?)(?: on \S+)?: no such host|\bconnection refused\b)/i,
    context: /api\/v4|gitlab|runner/i,
    speaker: 'other',
    title: {en: 'GitLab is not reachable', ja: 'GitLab に接続できません'},
    explanation: {
      en: 'A connection to GitLab failed (no such host, connection refused, or a time-out). The runner pod reaches GitLab from inside the cluster: the URL must resolve and be reachable from the nodes, not only from your machine.',
      ja: 'GitLab への接続に失敗しました(名前解決できない、接続拒否、タイムアウト)。Runner の Pod はクラスタ内から GitLab に接続するので、URL は手元の端末だけでなくノードからも名前解決・到達できる必要があります。',
    },
    hint: {
      en: 'Check the gitlab_url parameter (scheme, host, trailing slash) and DNS/firewall from the nodes, then redo the runner values.',
      ja: 'パラメータ gitlab_url(スキーム、ホスト、末尾のスラッシュ)とノードからの DNS・ファイアウォールを確認し、Runner の values からやり直してください。',
    },
    stepId: 'runner-values',
  },
  {
    id: 'unreachable',
    pattern:
      /(?:dial tcp (?<address>\S+?):? (?:lookup \S+: )?(?<cause>[^\n]*?(?:no such host|connection refused|i\/o timeout|network is unreachable))|lookup (?<host>\S+?)(?: on \S+)?: no such host|\bconnection refused\b)/i,
    speaker: 'other',
    title: {en: 'A server is not reachable', ja: 'サーバに接続できません'},
    explanation: {
      en: 'A connection failed (no such host, connection refused, or a time-out). If it is the Kubernetes API, MKE may be down or the kubeconfig may point at the wrong address; if it is MKE, check the manager address and that MKE is installed.',
      ja: '接続に失敗しました(名前解決できない、接続拒否、タイムアウト)。Kubernetes API なら MKE が停止しているか kubeconfig のアドレスが違う可能性があります。MKE なら、マネージャのアドレスと MKE がインストール済みかを確認してください。',
    },
    hint: {
      en: 'Check the address in the message: the manager address parameter, the kubeconfig (kubeconfig step), and that the VMs are running.',
      ja: 'メッセージ中のアドレスを確認してください: マネージャのアドレスのパラメータ、kubeconfig(kubeconfig のステップ)、VM が動いているか。',
    },
  },
  {
    id: 'launchpad-license',
    pattern: /Registration or license acceptance is required/i,
    speaker: 'other',
    title: {
      en: 'Launchpad needs the licence accepted',
      ja: 'Launchpad のライセンス同意が必要です',
    },
    explanation: {
      en: 'Launchpad refuses every command until the Mirantis licence is accepted (`--accept-license` or `launchpad register`).',
      ja: 'Launchpad は Mirantis のライセンスに同意するまで(`--accept-license` または `launchpad register`)すべてのコマンドを拒否します。',
    },
    hint: {
      en: 'Set accept_license=true (after reading the licence) and run the MKE install again.',
      ja: 'ライセンスを読んだうえで accept_license=true を設定し、MKE のインストールをやり直してください。',
    },
    stepId: 'mke-install',
  },
  {
    id: 'vbox-hostonly-range',
    pattern: /(?:not within the allowed ranges|E_ACCESSDENIED)/i,
    extra: [/(?<address>\d{1,3}(?:\.\d{1,3}){3})/],
    speaker: 'other',
    title: {
      en: 'VirtualBox refused the host-only network address',
      ja: 'VirtualBox がホストオンリーネットワークのアドレスを拒否しました',
    },
    explanation: {
      en: 'VirtualBox 6.1.28 and later only allow host-only addresses in 192.168.56.0/21 unless /etc/vbox/networks.conf lists more ranges; the article’s 192.168.123.x addresses are outside it.',
      ja: 'VirtualBox 6.1.28 以降は、/etc/vbox/networks.conf に範囲を追加しない限り、ホストオンリーのアドレスとして 192.168.56.0/21 しか許しません。記事の 192.168.123.x はその外です。',
    },
    hint: {
      en: 'Add the line `* 192.168.123.0/24` to /etc/vbox/networks.conf (as root), then run the VMs step again.',
      ja: '/etc/vbox/networks.conf に `* 192.168.123.0/24` の行を(root で)追加し、VM のステップをやり直してください。',
    },
    stepId: 'vms',
  },
];
