import {z} from 'zod';
import {registerAction, registerProbe} from '../registry.js';
import {stepErrorFrom} from './common.js';
import {readiness} from './readiness.js';
import {identityOutputs, runnerIdentity} from './runner-deployment.js';
import {probeWords} from '../probe-words.js';
import {planWords} from '../plan-words.js';
import {outputWords} from '../output-words.js';

const args = z.strictObject({
  kubeconfig: z.string().min(1),
  namespace: z.string().min(1),
  release: z.string().min(1),
  deployment: z.string().min(1).optional(),
});

/** Reads the service account the chart actually rendered (2021: `<release>-gitlab-runner`; current: `<release>`). */
export const kubeRunnerServiceAccount = registerAction({
  name: 'kube.runnerServiceAccount',
  args,
  describe(input, ctx) {
    return [
      {
        kind: 'note',
        text: planWords(ctx.lang ?? 'en').readServiceAccount(
          input.release,
          `kubectl -n ${input.namespace} get deploy -l release=${input.release} -o jsonpath='{..serviceAccountName}'`,
        ),
      },
    ];
  },
  async run(input, ctx) {
    try {
      const kube = await ctx.ports.kube(input.kubeconfig);
      const identity = await runnerIdentity(kube, input.namespace, input.release, input.deployment);
      if (!identity) {
        return {
          ok: false,
          error: {
            code: 'not-found',
            message: `No Deployment of the release ${input.release} in namespace ${input.namespace}`,
            hint: `check the release: helm status ${input.release} -n ${input.namespace}`,
          },
        };
      }
      const outputs = identityOutputs(input.namespace, identity);
      await ctx.output(
        outputWords(ctx.lang).runnerAccounts(
          outputs.qualified,
          outputs.deployment,
          outputs.buildQualified,
        ),
        'info',
      );
      return {ok: true, outputs, summary: `the runner runs as ${outputs.qualified}`};
    } catch (error) {
      return {ok: false, error: stepErrorFrom(error)};
    }
  },
});

/** The runner's Deployment is ready; records the service accounts as outputs. */
export const kubeRunnerReady = registerProbe({
  name: 'kube.runnerReady',
  args,
  async run(input, ctx) {
    try {
      const kube = await ctx.ports.kube(input.kubeconfig);
      const identity = await runnerIdentity(kube, input.namespace, input.release, input.deployment);
      const words = probeWords(ctx.lang);
      if (!identity) return {holds: false, detail: words.noRunnerDeployment(input.release)};
      const {ready, seen} = readiness('Deployment', identity.deployment);
      return {
        holds: ready,
        detail: words.objectState(`deployment ${identity.deployment.metadata.name}`, seen),
        outputs: identityOutputs(input.namespace, identity),
      };
    } catch (error) {
      return {holds: false, detail: error instanceof Error ? error.message : String(error)};
    }
  },
});
