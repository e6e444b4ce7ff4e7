import type {I18nText} from '../i18n/text.js';

/** Title of the UCPAuthorization diagnosis. */
export const ucpTitle: I18nText = {
  en: "MKE's UCPAuthorization admission controller refused a privileged pod",
  ja: 'MKE の Admission Controller「UCPAuthorization」が特権 Pod を拒否しました',
};

function shown(value: string | undefined): string {
  return value === undefined || value === '' ? '(none)' : value;
}

function shownJa(value: string | undefined): string {
  return value === undefined || value === '' ? '(なし)' : value;
}

/** The article's "who says what" explanation, filled with the fields of one refusal. */
export function ucpExplanation(fields: Readonly<Record<string, string>>): I18nText {
  const who =
    fields['form'] === 'webhook'
      ? `account ${shown(fields['account'])}`
      : `"${shown(fields['requester'])}" (the account that sent the request, written namespace:name — for GitLab Runner, the runner manager's service account) creating a pod that runs as service account "${shown(fields['podServiceAccount'])}"`;
  const whoJa =
    fields['form'] === 'webhook'
      ? `アカウント ${shownJa(fields['account'])} が Pod を作ろうとした`
      : `「${shownJa(fields['requester'])}」(要求したアカウント。namespace:name 形式。GitLab Runner なら Runner 本体の ServiceAccount)が ServiceAccount「${shownJa(fields['podServiceAccount'])}」で動く Pod を作ろうとした`;
  const attributes = shown(fields['attributes']);
  const grants =
    fields['form'] === 'webhook'
      ? ''
      : ` MKE's current grants: non-admin users ${shown(fields['userAccounts'])} may use ${shown(fields['userAttributes'])}; service accounts ${shown(fields['serviceAccounts'])} may use ${shown(fields['serviceAccountAttributes'])}.`;
  const grantsJa =
    fields['form'] === 'webhook'
      ? ''
      : `現在の MKE の許可: 非管理者ユーザ ${shownJa(fields['userAccounts'])} に ${shownJa(fields['userAttributes'])}、ServiceAccount ${shownJa(fields['serviceAccounts'])} に ${shownJa(fields['serviceAccountAttributes'])}。`;
  return {
    en:
      `Who says what: "ERROR: Job failed (system failure):", "prepare environment:" and the trailing "Check https://docs.gitlab.com/runner/shells/… for more information" come from GitLab Runner; "setting up build pod:" from its Kubernetes executor; the rest — "… is forbidden: non-admin user … lack required permissions to use attributes [${attributes}]" — from MKE's own admission controller UCPAuthorization, which no public Kubernetes source contains. ` +
      `It refused ${who} with the attribute(s) [${attributes}] (the dind service needs privileged).${grants} ` +
      `Only MKE admins, and service accounts bound to the cluster-admin ClusterRole for all namespaces, may start privileged pods. ` +
      `A PodSecurityPolicy alone will not help: MKE's documentation says PSPs do not override the security defaults built into the MKE RBAC engine (and MKE 3.4 already gives everyone the privileged PSP through ucp:all:privileged-psp-role). ` +
      `Since MKE 3.4.2 (MKE-8252) an MKE admin can grant privileged attributes to non-cluster-admin service accounts.`,
    ja:
      `誰が何を言っているか: 「ERROR: Job failed (system failure):」「prepare environment:」と末尾の「Check https://docs.gitlab.com/runner/shells/… for more information」は GitLab Runner、「setting up build pod:」は Kubernetes Executor、残りの「… is forbidden: non-admin user … lack required permissions to use attributes [${attributes}]」は MKE 独自の Admission Controller「UCPAuthorization」が出しています(公開されている Kubernetes のソースには出てきません)。` +
      `${whoJa}ところ、属性 [${attributes}] の使用を拒否されました(docker:dind サービスには privileged が必要)。${grantsJa}` +
      `特権 Pod を起動できるのは MKE 管理者と、ClusterRoleBinding で全 Namespace に cluster-admin ClusterRole を付与された ServiceAccount だけです。` +
      `PodSecurityPolicy だけでは解決しません: MKE のドキュメントにある通り、PSP は MKE RBAC エンジン組み込みのデフォルトセキュリティを上書きしません(MKE 3.4 では ucp:all:privileged-psp-role により全員が既に privileged PSP を使えます)。` +
      `MKE 3.4.2 以降(MKE-8252)、MKE 管理者は cluster-admin でない ServiceAccount に特権属性の使用を許可できます。`,
  };
}

/** What to do about one UCPAuthorization refusal: the remediations, with the accounts and attributes it named. */
export function ucpHint(fields: Readonly<Record<string, string>>): I18nText {
  const accounts = [fields['requester'], fields['podServiceAccount'], fields['account']]
    .filter((account): account is string => account !== undefined && account !== '')
    .join(', ');
  const attributes = fields['documentedAttributes'] || 'privileged';
  return {
    en: `Choose a remediation: bind cluster-admin (works, but makes the runner a cluster administrator), or have MKE grant [${attributes}] to ${accounts} (MKE ≥ 3.4.2, MKE-8252: [cluster_config] priv_attributes_service_accounts, or Admin Settings → Orchestration, → Privileges from MKE 3.6.1).`,
    ja: `対策を選んでください: cluster-admin を結びつける(動くが Runner がクラスタ管理者になる)か、MKE で ${accounts} に [${attributes}] を許可する(MKE 3.4.2 以降、MKE-8252: [cluster_config] の priv_attributes_service_accounts、または Admin Settings → Orchestration、MKE 3.6.1 以降は → Privileges)。`,
  };
}
