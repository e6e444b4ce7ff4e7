import {z} from 'zod';
import {registerAction} from '../registry.js';
import {stepErrorFrom} from './common.js';
import {describeSource, loadObjects, manifestSourceShape, oneSource} from './manifest-source.js';
import {objectLabel} from './manifests.js';

const args = z
  .strictObject({kubeconfig: z.string().min(1), ...manifestSourceShape})
  .refine(oneSource, {message: 'give exactly one of manifest, file, template'});

/** Server-side applies one or more manifests (idempotent). */
export const kubeApply = registerAction({
  name: 'kube.apply',
  args,
  async describe(input, ctx) {
    return describeSource(input, ctx, 'apply');
  },
  async run(input, ctx) {
    try {
      const objects = await loadObjects(input, ctx);
      const kube = await ctx.ports.kube(input.kubeconfig);
      const labels: string[] = [];
      for (const object of objects) {
        await kube.apply(object);
        labels.push(objectLabel(object));
        await ctx.output([`${objectLabel(object)} serverside-applied`], 'info');
      }
      return {
        ok: true,
        outputs: {applied: labels.length, objects: labels.join(', ')},
        summary: `applied ${labels.join(', ')}`,
      };
    } catch (error) {
      return {ok: false, error: stepErrorFrom(error)};
    }
  },
});
