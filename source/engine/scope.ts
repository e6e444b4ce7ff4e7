import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {parseRefs, render, renderDeep, type TemplateScope} from '../runbook/template.js';
import type {Internals} from './internals.js';
import {RunbookError} from './errors.js';

type Outputs = Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>>;

/** How to render: outputs of the running step, and preview mode (unknown values shown as `<name>`). */
export type RenderOptions = {readonly extraOutputs?: Outputs; readonly preview?: boolean};

/** The values templates see; secrets only when rendering an action's env or stdin. */
export function templateScope(
  internals: Internals,
  withSecrets: boolean,
  options: RenderOptions = {},
): TemplateScope {
  const secretIds = new Set(
    internals.runbook.params.filter((spec) => spec.type === 'secret').map((spec) => spec.id),
  );
  const values = internals.params.values();
  const params = withSecrets
    ? values
    : Object.fromEntries(Object.entries(values).filter(([id]) => !secretIds.has(id)));
  const outputs = Object.fromEntries(
    Object.entries(internals.store.get().steps).map(([id, record]) => [id, record.outputs]),
  );
  return {
    params,
    outputs: {...outputs, ...options.extraOutputs},
    workdir: internals.paths.workdir,
    home: internals.ports.home,
    profile: internals.profile,
    lang: internals.lang,
    ...(options.preview ? {placeholder: (name: string) => `<${name}>`} : {}),
  };
}

/** Renders an invocation's arguments (`env` and `stdin` may see secrets, nothing else may). */
export function renderArgs(
  internals: Internals,
  args: Readonly<Record<string, unknown>>,
  options: RenderOptions = {},
): Record<string, unknown> {
  const plain = templateScope(internals, false, options);
  const secret = templateScope(internals, true, options);
  return Object.fromEntries(
    Object.entries(args).map(([key, value]) => [
      key,
      renderDeep(value, key === 'env' || key === 'stdin' ? secret : plain),
    ]),
  );
}

/** Reads a template under the runbook's assets directory and renders it (never with secrets). */
export async function readTemplate(
  internals: Internals,
  name: string,
  options: RenderOptions = {},
): Promise<string> {
  const assetsDir = internals.runbook.assetsDir;
  const file = path.resolve(assetsDir, name);
  if (!file.startsWith(assetsDir + path.sep)) {
    throw new RunbookError('invalid', `template \`${name}\` is outside assets/`);
  }

  return render(await readFile(file, 'utf8'), templateScope(internals, false, options));
}

/** The parameter ids a value's templates name (for `leave` actions, which no step declares). */
export function paramsIn(value: unknown): string[] {
  if (typeof value === 'string') {
    try {
      return parseRefs(value)
        .filter((ref) => ref.root === 'params')
        .map((ref) => ref.parts[0] ?? '');
    } catch {
      return [];
    }
  }

  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => paramsIn(item));
  }

  if (value !== null && typeof value === 'object') {
    return Object.values(value).flatMap((item: unknown) => paramsIn(item));
  }

  return [];
}
