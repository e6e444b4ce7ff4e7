import {z} from 'zod';
import {registerProbe} from '../registry.js';
import {KubeError} from '../../integrations/kube-port.js';
import {apiVersionOf, readiness, readyKinds} from './readiness.js';
import {probeWords} from '../probe-words.js';

const objectArgs = z.strictObject({
  kubeconfig: z.string().min(1),
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
});

const failed = (error: unknown) => ({
  holds: false,
  detail: error instanceof Error ? error.message : String(error),
});

/** The kubeconfig reaches the API server. */
export const kubeReachable = registerProbe({
  name: 'kube.reachable',
  args: z.strictObject({kubeconfig: z.string().min(1)}),
  async run(input, ctx) {
    try {
      const version = await (await ctx.ports.kube(input.kubeconfig)).version();
      return {holds: true, detail: probeWords(ctx.lang).apiAnswers(version), outputs: {version}};
    } catch (error) {
      return failed(error);
    }
  },
});

/** An object exists. */
export const kubeExists = registerProbe({
  name: 'kube.exists',
  args: objectArgs,
  async run(input, ctx) {
    try {
      const kube = await ctx.ports.kube(input.kubeconfig);
      const found = await kube.get(input.apiVersion, input.kind, input.name, input.namespace);
      return {
        holds: found !== undefined,
        detail: probeWords(ctx.lang).exists(`${input.kind} ${input.name}`, found !== undefined),
      };
    } catch (error) {
      return failed(error);
    }
  },
});

/** An object does not exist (e.g. no cluster-admin binding is left behind). */
export const kubeAbsent = registerProbe({
  name: 'kube.absent',
  args: objectArgs,
  async run(input, ctx) {
    try {
      const kube = await ctx.ports.kube(input.kubeconfig);
      const found = await kube.get(input.apiVersion, input.kind, input.name, input.namespace);
      return {
        holds: found === undefined,
        detail: probeWords(ctx.lang).absent(`${input.kind} ${input.name}`, found !== undefined),
      };
    } catch (error) {
      if (error instanceof KubeError && error.code === 'not-found')
        return {holds: true, detail: error.message};
      return failed(error);
    }
  },
});

/** A Deployment, Pod or Namespace is ready now. */
export const kubeReady = registerProbe({
  name: 'kube.ready',
  args: z.strictObject({
    kubeconfig: z.string().min(1),
    kind: z.enum(readyKinds),
    name: z.string().min(1),
    namespace: z.string().min(1).optional(),
  }),
  async run(input, ctx) {
    try {
      const kube = await ctx.ports.kube(input.kubeconfig);
      const found = await kube.get(
        apiVersionOf[input.kind],
        input.kind,
        input.name,
        input.namespace,
      );
      const {ready, seen} = readiness(input.kind, found);
      return {
        holds: ready,
        detail: probeWords(ctx.lang).objectState(`${input.kind.toLowerCase()} ${input.name}`, seen),
      };
    } catch (error) {
      return failed(error);
    }
  },
});
