import path from 'node:path';
import {z} from 'zod';
import {registerAction} from '../registry.js';
import {inWorkdir} from './common.js';
import {planWords} from '../plan-words.js';
import {outputWords} from '../output-words.js';

// Launchpad writes the bundle as kube.yml; older bundles and hand-made ones use other names.
const candidates = ['kube.yml', 'kube.yaml', 'kubeconfig', 'kubeconfig.yml'];

/** Finds the kubeconfig in the client bundle directory Launchpad wrote. */
export const kubeFindKubeconfig = registerAction({
  name: 'kube.findKubeconfig',
  args: z.strictObject({bundleDir: z.string().min(1)}),
  describe(input, ctx) {
    return [
      {kind: 'note', text: planWords(ctx.lang ?? 'en').looksFor(candidates, input.bundleDir)},
    ];
  },
  async run(input, ctx) {
    const dir = inWorkdir(ctx.workdir, input.bundleDir);
    for (const name of candidates) {
      const file = path.join(dir, name);
      if (await ctx.ports.files.exists(file)) {
        await ctx.output(outputWords(ctx.lang).kubeconfig(file), 'info');
        return {ok: true, outputs: {kubeconfig: file}, summary: file};
      }
    }
    return {
      ok: false,
      error: {
        code: 'not-found',
        message: `No kubeconfig (${candidates.join(', ')}) in ${dir}`,
        hint: 'run launchpad client-config with the same launchpad.yaml, then retry',
      },
    };
  },
});
