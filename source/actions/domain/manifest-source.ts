import {z} from 'zod';
import type {ActionContext, PlannedEffect} from '../types.js';
import type {KubeObject} from '../../integrations/kube-port.js';
import {inWorkdir} from './common.js';
import {parseManifests} from './manifests.js';
import {planWords} from '../plan-words.js';

/** Where manifests come from: inline YAML, a file in the work directory, or an `assets/` template. */
export const manifestSourceShape = {
  manifest: z.string().min(1).optional(),
  file: z.string().min(1).optional(),
  template: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
};

/** The arguments of a manifest source. */
export type ManifestSource = {
  readonly manifest?: string | undefined;
  readonly file?: string | undefined;
  readonly template?: string | undefined;
  readonly namespace?: string | undefined;
};

/** Exactly one of `manifest`, `file`, `template`. */
export function oneSource(value: ManifestSource): boolean {
  return (
    [value.manifest, value.file, value.template].filter((item) => item !== undefined).length === 1
  );
}

type Reader = Pick<ActionContext, 'workdir' | 'ports' | 'readTemplate'> &
  Partial<Pick<ActionContext, 'lang'>>;

/** The YAML text of the source, or undefined when it cannot be read yet (a file the step writes). */
export async function readSource(source: ManifestSource, ctx: Reader): Promise<string | undefined> {
  if (source.manifest !== undefined) return source.manifest;
  if (source.file !== undefined)
    return ctx.ports.files.readText(inWorkdir(ctx.workdir, source.file));
  if (source.template !== undefined) {
    if (!ctx.readTemplate) throw new Error('this engine cannot render templates for actions');
    return ctx.readTemplate(source.template);
  }
  return undefined;
}

/** The objects of the source; throws with the document number on bad YAML. */
export async function loadObjects(source: ManifestSource, ctx: Reader): Promise<KubeObject[]> {
  const text = await readSource(source, ctx);
  if (text === undefined)
    throw new Error(`cannot read ${source.file ?? source.template ?? 'the manifest'}`);
  return parseManifests(text, source.namespace);
}

/** The manifests as they will be applied or deleted, for describe(). */
export async function describeSource(
  source: ManifestSource,
  ctx: Reader,
  action: 'apply' | 'delete',
): Promise<PlannedEffect[]> {
  const text = await readSource(source, ctx).catch(() => undefined);
  if (text === undefined) {
    return [
      {
        kind: 'note',
        text: planWords(ctx.lang ?? 'en').manifestsFrom(source.file ?? source.template ?? ''),
      },
    ];
  }
  return [{kind: 'manifest', action, yaml: text}];
}
