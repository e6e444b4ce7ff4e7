import {z} from 'zod';
import {registerAction, registerProbe} from '../registry.js';
import {KubeError, type KubeObject, type KubePort} from '../../integrations/kube-port.js';
import {diagnose} from '../../diagnosis/diagnose.js';
import {booleanArg, stepErrorFrom} from './common.js';
import {probeWords} from '../probe-words.js';
import {planWords} from '../plan-words.js';
import {outputWords} from '../output-words.js';

const args = z.strictObject({
  kubeconfig: z.string().min(1),
  namespace: z.string().min(1),
  /** The runner's service account: `ns:name`, `system:serviceaccount:ns:name` or a name in `namespace`. */
  requester: z.string().min(1),
  podServiceAccount: z.string().min(1).default('default'),
  image: z.string().min(1).default('docker:18.09-dind'),
  privileged: booleanArg.default(true),
});

type Args = z.infer<typeof args>;

/** `system:serviceaccount:<ns>:<name>` for any of the accepted forms. */
export function impersonationUser(requester: string, namespace: string): string {
  // `plan` shows values not known yet as `<outputs.step.key>`: keep them readable.
  if (requester.startsWith('system:') || requester.startsWith('<')) return requester;
  const [first, second] = requester.split(':');
  return second === undefined
    ? `system:serviceaccount:${namespace}:${first}`
    : `system:serviceaccount:${first}:${second}`;
}

/** The privileged pod the build would create, as a dry run. */
export function probePod(input: Args): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'mke-runbook-admission-probe',
      namespace: input.namespace,
      labels: {'app.kubernetes.io/managed-by': 'mke-runbook'},
    },
    spec: {
      serviceAccountName: input.podServiceAccount,
      restartPolicy: 'Never',
      containers: [
        {
          name: 'build',
          image: input.image,
          securityContext: {privileged: input.privileged},
        },
      ],
    },
  };
}

type Verdict = {readonly allowed: true} | {readonly allowed: false; readonly error: KubeError};

async function tryAdmission(kube: KubePort, input: Args): Promise<Verdict> {
  try {
    await kube.create(probePod(input), {
      dryRun: true,
      impersonate: impersonationUser(input.requester, input.namespace),
    });
    return {allowed: true};
  } catch (error) {
    if (error instanceof KubeError && (error.code === 'forbidden' || error.code === 'invalid')) {
      return {allowed: false, error};
    }
    throw error;
  }
}

const podYaml = (input: Args) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: mke-runbook-admission-probe',
    `  namespace: ${input.namespace}`,
    'spec:',
    `  serviceAccountName: ${input.podServiceAccount}`,
    '  restartPolicy: Never',
    '  containers:',
    '    - name: build',
    `      image: ${input.image}`,
    '      securityContext:',
    `        privileged: ${String(input.privileged)}`,
    '',
  ].join('\n');

/** Would MKE admit a privileged build pod now? A server-side dry run, as the runner. */
export const kubeAdmissionProbe = registerAction({
  name: 'kube.admissionProbe',
  args,
  describe(input, ctx) {
    const user = impersonationUser(input.requester, input.namespace);
    return [
      {
        kind: 'note',
        text: planWords(ctx.lang ?? 'en').dryRun(
          user,
          `kubectl create --dry-run=server --as=${user} -f pod.yaml`,
        ),
      },
      {kind: 'manifest', action: 'apply', yaml: podYaml(input)},
    ];
  },
  async run(input, ctx) {
    const user = impersonationUser(input.requester, input.namespace);
    try {
      const verdict = await tryAdmission(await ctx.ports.kube(input.kubeconfig), input);
      if (verdict.allowed) {
        await ctx.output([outputWords(ctx.lang).admitted(user)], 'info');
        return {
          ok: true,
          outputs: {allowed: true},
          summary: `MKE admits privileged pods from ${user}`,
        };
      }
      await ctx.output([verdict.error.detail], 'stderr');
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: `A privileged pod created by ${user} is still refused`,
          detail: verdict.error.detail,
          hint: 'read the diagnosis: it names the requester, the pod service account and the attributes refused',
        },
        diagnoses: diagnose(verdict.error.detail),
      };
    } catch (error) {
      return {ok: false, error: stepErrorFrom(error)};
    }
  },
});

/** Holds when the dry-run privileged pod is admitted. */
export const kubeAdmissionAllowed = registerProbe({
  name: 'kube.admissionAllowed',
  args,
  async run(input, ctx) {
    try {
      const verdict = await tryAdmission(await ctx.ports.kube(input.kubeconfig), input);
      return verdict.allowed
        ? {holds: true, detail: probeWords(ctx.lang).admitted}
        : {holds: false, detail: verdict.error.detail};
    } catch (error) {
      return {holds: false, detail: error instanceof Error ? error.message : String(error)};
    }
  },
});
