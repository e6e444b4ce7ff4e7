import {z} from 'zod';
import {registerAction} from '../registry.js';
import type {KubePort} from '../../integrations/kube-port.js';
import {impersonationUser} from './kube-admission.js';
import {stepErrorFrom} from './common.js';
import {planWords} from '../plan-words.js';
import {outputWords} from '../output-words.js';

/** One question put to the authorizer: may the account do `verb` on `resource` (in `namespace`)? */
export type AccessQuestion = {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  /** `runner` stands for the runner's namespace; absent means cluster-wide. */
  readonly namespace?: 'runner' | string;
  /** Only `psp`, standing for the runner's PodSecurityPolicy (its ClusterRole names it). */
  readonly name?: 'psp';
};

/** What the runner needs, then what it should not have: the fixed list the summary asks about. */
export const accessQuestions: readonly AccessQuestion[] = [
  {verb: 'create', group: '', resource: 'pods', namespace: 'runner'},
  {verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: 'runner'},
  {verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace: 'runner'},
  {verb: 'create', group: '', resource: 'secrets', namespace: 'runner'},
  {verb: 'use', group: 'policy', resource: 'podsecuritypolicies', name: 'psp'},
  {verb: 'create', group: '', resource: 'pods', namespace: 'kube-system'},
  {verb: 'get', group: '', resource: 'secrets', namespace: 'kube-system'},
  {verb: 'list', group: '', resource: 'secrets'},
  {verb: 'delete', group: '', resource: 'namespaces'},
  {verb: 'get', group: '', resource: 'nodes'},
  {verb: 'update', group: 'apps', resource: 'deployments', namespace: 'runner'},
  {verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings'},
  {verb: 'escalate', group: 'rbac.authorization.k8s.io', resource: 'clusterroles'},
  {verb: '*', group: '*', resource: '*'},
];

/** A question as one short phrase: `create pods/exec in gitlab-runner`. */
export function accessPhrase(question: AccessQuestion, where: Where): string {
  const runnerNamespace = where.namespace;
  const group = question.group === '' || question.group === '*' ? '' : `.${question.group}`;
  const resource = `${question.resource}${group}${question.subresource ? `/${question.subresource}` : ''}`;
  const namespace = question.namespace === 'runner' ? runnerNamespace : question.namespace;
  return `${question.verb} ${resource}${question.name ? ` ${where.pspName}` : ''} ${namespace ? `in ${namespace}` : 'cluster-wide'}`;
}

/** The runner's namespace and PodSecurityPolicy, which the questions are about. */
export type Where = {readonly namespace: string; readonly pspName: string};

const reviewAnswer = z.looseObject({status: z.looseObject({allowed: z.boolean()}).optional()});

/** Asks the API server (SubjectAccessReview, as the caller) what `user` may do, question by question. */
export async function accessSummary(
  kube: KubePort,
  user: string,
  where: Where,
  questions: readonly AccessQuestion[] = accessQuestions,
): Promise<Array<{readonly phrase: string; readonly allowed: boolean}>> {
  return Promise.all(
    questions.map(async (question) => {
      const namespace = question.namespace === 'runner' ? where.namespace : question.namespace;
      const review = await kube.create({
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        metadata: {name: ''},
        spec: {
          user,
          groups: [
            'system:serviceaccounts',
            'system:authenticated',
            `system:serviceaccounts:${user.split(':')[2] ?? ''}`,
          ],
          resourceAttributes: {
            verb: question.verb,
            group: question.group,
            resource: question.resource,
            ...(question.subresource ? {subresource: question.subresource} : {}),
            ...(namespace ? {namespace} : {}),
            ...(question.name ? {name: where.pspName} : {}),
          },
        },
      });
      const allowed = reviewAnswer.safeParse(review).data?.status?.allowed ?? false;
      return {phrase: accessPhrase(question, where), allowed};
    }),
  );
}

/** Prints what the runner's service account may do now, over a fixed list of verbs and resources. */
export const kubeAccessSummary = registerAction({
  name: 'kube.accessSummary',
  args: z.strictObject({
    kubeconfig: z.string().min(1),
    namespace: z.string().min(1),
    /** `ns:name`, `system:serviceaccount:ns:name` or a name in `namespace`. */
    serviceAccount: z.string().min(1),
    pspName: z.string().min(1).default('gitlab-runner-psp'),
  }),
  describe(input, ctx) {
    return [
      {
        kind: 'note',
        text: planWords(ctx.lang ?? 'en').accessSummary(
          impersonationUser(input.serviceAccount, input.namespace),
          accessQuestions.length,
          'kubectl auth can-i --list --as=<account>',
        ),
      },
    ];
  },
  async run(input, ctx) {
    try {
      const user = impersonationUser(input.serviceAccount, input.namespace);
      const answers = await accessSummary(await ctx.ports.kube(input.kubeconfig), user, {
        namespace: input.namespace,
        pspName: input.pspName,
      });
      const allowed = answers.filter((answer) => answer.allowed).map((answer) => answer.phrase);
      await ctx.output(
        [
          outputWords(ctx.lang).mayDoNow(user),
          ...answers.map((answer) => outputWords(ctx.lang).answer(answer.allowed, answer.phrase)),
        ],
        'info',
      );
      return {
        ok: true,
        outputs: {allowedCount: allowed.length, asked: answers.length, allowed: allowed.join('; ')},
        summary: `${user} may do ${allowed.length} of the ${answers.length} things asked`,
      };
    } catch (error) {
      return {ok: false, error: stepErrorFrom(error)};
    }
  },
});
