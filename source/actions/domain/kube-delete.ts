import {z} from 'zod';
import {registerAction} from '../registry.js';
import type {KubeObject} from '../../integrations/kube-port.js';
import {stepErrorFrom} from './common.js';
import {describeSource, loadObjects, manifestSourceShape} from './manifest-source.js';
import {objectLabel} from './manifests.js';
import {outputWords} from '../output-words.js';

const args = z
  .strictObject({
    kubeconfig: z.string().min(1),
    ...manifestSourceShape,
    apiVersion: z.string().min(1).optional(),
    kind: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
  })
  .refine(
    (value) =>
      [value.manifest, value.file, value.template, value.name].filter((item) => item !== undefined)
        .length === 1 &&
      (value.name === undefined || (value.apiVersion !== undefined && value.kind !== undefined)),
    {message: 'give one of manifest, file, template, or apiVersion + kind + name'},
  );

type Args = z.infer<typeof args>;

function named(input: Args): KubeObject | undefined {
  if (input.name === undefined || input.apiVersion === undefined || input.kind === undefined)
    return undefined;
  return {
    apiVersion: input.apiVersion,
    kind: input.kind,
    metadata: {name: input.name, ...(input.namespace ? {namespace: input.namespace} : {})},
  };
}

/** Deletes objects; objects already absent count as done. */
export const kubeDelete = registerAction({
  name: 'kube.delete',
  args,
  async describe(input, ctx) {
    const object = named(input);
    if (object) {
      const {namespace} = object.metadata;
      return [
        {
          kind: 'manifest',
          action: 'delete',
          yaml: [
            `apiVersion: ${object.apiVersion}`,
            `kind: ${object.kind}`,
            'metadata:',
            `  name: ${object.metadata.name}`,
            ...(namespace ? [`  namespace: ${namespace}`] : []),
            '',
          ].join('\n'),
        },
      ];
    }
    return describeSource(input, ctx, 'delete');
  },
  async run(input, ctx) {
    try {
      const single = named(input);
      const objects = single ? [single] : await loadObjects(input, ctx);
      const kube = await ctx.ports.kube(input.kubeconfig);
      let deleted = 0;
      // Reverse order: bindings go before the roles and policies they point at.
      for (const object of [...objects].reverse()) {
        const {apiVersion, kind, metadata} = object;
        const removed = await kube.remove(apiVersion, kind, metadata.name, metadata.namespace);
        if (removed) deleted++;
        await ctx.output([outputWords(ctx.lang).deleted(objectLabel(object), removed)], 'info');
      }
      return {ok: true, outputs: {deleted}};
    } catch (error) {
      return {ok: false, error: stepErrorFrom(error)};
    }
  },
});
