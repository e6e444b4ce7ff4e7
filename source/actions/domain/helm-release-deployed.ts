import {z} from 'zod';
import {registerProbe} from '../registry.js';
import {probeWords} from '../probe-words.js';

const statusSchema = z.looseObject({
  info: z.looseObject({status: z.string()}),
  version: z.number().optional(),
});

/** `helm status <release> -n <namespace> -o json` says `deployed`. */
export const helmReleaseDeployed = registerProbe({
  name: 'helm.releaseDeployed',
  args: z.strictObject({
    release: z.string().min(1),
    namespace: z.string().min(1),
    /** Passed to helm as KUBECONFIG (recommended: the client bundle's kube.yml). */
    kubeconfig: z.string().min(1).optional(),
  }),
  async run(input, ctx) {
    const words = probeWords(ctx.lang);
    const out: string[] = [];
    const result = await ctx.ports.process.run(
      'helm',
      ['status', input.release, '-n', input.namespace, '-o', 'json'],
      {
        ...(input.kubeconfig ? {env: {KUBECONFIG: input.kubeconfig}} : {}),
        signal: ctx.signal,
        timeoutMs: 60_000,
        onLines(lines, stream) {
          if (stream === 'stdout') out.push(...lines);
        },
      },
    );
    if (result.spawnError)
      return {holds: false, detail: words.cannotStart('helm', result.spawnError)};
    if (result.exitCode !== 0) {
      return {
        holds: false,
        detail:
          result.tail.slice(-2).join(' ') ||
          words.statusFailed('helm status', words.exitCode(String(result.exitCode))),
      };
    }
    let parsed;
    try {
      parsed = statusSchema.safeParse(JSON.parse(out.join('\n')));
    } catch {
      return {holds: false, detail: words.notJson('helm status')};
    }
    if (!parsed.success) return {holds: false, detail: words.unexpectedRelease};
    const {status} = parsed.data.info;
    return {
      holds: status === 'deployed',
      detail: words.releaseStatus(input.release, status, parsed.data.version),
      ...(parsed.data.version === undefined ? {} : {outputs: {revision: parsed.data.version}}),
    };
  },
});
