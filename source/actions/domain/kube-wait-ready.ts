import {z} from 'zod';
import {registerAction} from '../registry.js';
import {durationArg, durationMs, stepErrorFrom} from './common.js';
import {apiVersionOf, readiness, readyKinds} from './readiness.js';
import {planWords} from '../plan-words.js';

const args = z.strictObject({
  kubeconfig: z.string().min(1),
  kind: z.enum(readyKinds),
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  timeout: durationArg.default('5m'),
});

/** Waits, by watching, until a Deployment, Pod or Namespace is ready. */
export const kubeWaitReady = registerAction({
  name: 'kube.waitReady',
  args,
  describe(input, ctx) {
    return [
      {
        kind: 'note',
        text: planWords(ctx.lang ?? 'en').watchReady(
          `${input.kind.toLowerCase()} ${input.namespace ? `${input.namespace}/` : ''}${input.name}`,
          String(input.timeout),
          `kubectl${input.namespace ? ` -n ${input.namespace}` : ''} rollout status ${input.kind.toLowerCase()}/${input.name}`,
        ),
      },
    ];
  },
  async run(input, ctx) {
    const what = `${input.kind.toLowerCase()} ${input.namespace ? `${input.namespace}/` : ''}${input.name}`;
    let lastSeen = '';
    try {
      const kube = await ctx.ports.kube(input.kubeconfig);
      const found = await kube.waitFor(
        apiVersionOf[input.kind],
        input.kind,
        input.name,
        input.namespace,
        (object) => readiness(input.kind, object).ready,
        {
          description: `${what} to be ready`,
          timeoutMs: durationMs(input.timeout),
          signal: ctx.signal,
          onChange(object) {
            const {seen} = readiness(input.kind, object);
            if (seen !== lastSeen) {
              lastSeen = seen;
              void ctx.output([`${what}: ${seen}`], 'info');
            }
          },
        },
      );
      return {
        ok: true,
        outputs: {ready: true},
        summary: `${what}: ${readiness(input.kind, found).seen}`,
      };
    } catch (error) {
      return {
        ok: false,
        error: stepErrorFrom(
          error,
          `look at the pods: kubectl${input.namespace ? ` -n ${input.namespace}` : ''} get pods, and their events`,
        ),
      };
    }
  },
});
