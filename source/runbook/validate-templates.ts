import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {didYouMean} from './did-you-mean.js';
import type {DataPath} from './locate.js';
import {hasTemplate, parseRefs, TemplateError} from './template.js';
import type {Context, RawParam} from './validate.js';

/** Checks an `assets/` template: inside assets/, present, and its references allowed. */
export async function checkAsset(
  name: string,
  at: DataPath,
  context: Context,
  used: Set<string>,
): Promise<void> {
  const assetPath = path.resolve(context.assetsDir, name);
  if (!assetPath.startsWith(context.assetsDir + path.sep)) {
    context.problems.add(at, 'the template must be inside assets/');
    return;
  }

  const content = await readFile(assetPath, 'utf8').catch(() => undefined);
  if (content === undefined) {
    context.problems.add(at, `template "${name}" not found in assets/`);
  } else {
    checkTemplates(content, at, false, context, used, name);
  }
}

/** Checks the templates inside a value: known names, and secrets only where allowed. */
export function checkTemplates(
  value: unknown,
  at: DataPath,
  secretsAllowed: boolean,
  context: Context,
  used: Set<string>,
  assetName?: string,
): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      checkTemplates(item, [...at, index], secretsAllowed, context, used, assetName);
    }

    return;
  }

  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      checkTemplates(item, [...at, key], secretsAllowed, context, used, assetName);
    }

    return;
  }

  if (typeof value !== 'string' || !hasTemplate(value)) {
    return;
  }

  const where = assetName ? `in ${assetName}: ` : '';
  let refs;
  try {
    refs = parseRefs(value);
  } catch (error) {
    context.problems.add(
      at,
      where + (error instanceof TemplateError ? error.message : String(error)),
    );
    return;
  }

  for (const ref of refs) {
    const [first = '', second = ''] = ref.parts;
    if (ref.root === 'params') {
      const param = context.params.get(first);
      if (!param) {
        context.problems.add(at, where + unknownParam(first, context.params));
      } else if (param.type === 'secret' && !secretsAllowed) {
        context.problems.add(
          at,
          `${where}secret parameter "${first}" may only be used in an action's env or stdin`,
        );
      } else {
        used.add(first);
      }
    } else if (ref.root === 'outputs' && !context.stepIds.has(first)) {
      context.problems.add(at, `${where}unknown step "${first}" in outputs.${first}.${second}`);
    }
  }
}

/** `unknown parameter "x"`, with a did-you-mean. */
export function unknownParam(id: string, params: ReadonlyMap<string, RawParam>): string {
  const guess = didYouMean(id, params.keys());
  return `unknown parameter "${id}"${guess ? ` (did you mean ${guess}?)` : ''}`;
}
