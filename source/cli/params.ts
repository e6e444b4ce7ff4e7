import {readFile} from 'node:fs/promises';
import {parse} from 'yaml';
import {z} from 'zod';
import {RunbookError} from '../engine/errors.js';
import type {ParamSources} from '../engine/engine-api.js';
import type {ParamValue, Runbook} from '../runbook/types.js';
import {checkParamValue} from '../engine/param-value.js';
import {closest, usageError} from './usage-error.js';

const paramsFileSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** Reads a `--params` file (YAML, which includes JSON) into parameter values. */
export async function readParamsFile(file: string): Promise<Record<string, ParamValue>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RunbookError(
      'params-file',
      `cannot read the parameters file \`${file}\`: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  let data: unknown;
  try {
    data = parse(text, {maxAliasCount: 10});
  } catch (error) {
    throw new RunbookError(
      'params-file',
      `the parameters file \`${file}\` is not YAML or JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }

  const parsed = paramsFileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new RunbookError(
      'params-file',
      `the parameters file \`${file}\` must map parameter names to strings, numbers or booleans`,
      'for example:  namespace: gitlab-runner',
    );
  }

  return parsed.data;
}

/**
 * Checks given values against the runbook: unknown names are refused (with a guess), and so
 * is any secret. A secret on the command line is visible to every user of the machine in
 * `ps`, and one in a file sits on disk; secrets come from their environment variable or the
 * masked prompt only. The message never repeats the value.
 */
export function checkGivenParams(
  runbook: Runbook,
  given: Readonly<Record<string, ParamValue>>,
  where: '--set' | '--params',
): void {
  const ids = runbook.params.map((param) => param.id);
  for (const [key, value] of Object.entries(given)) {
    const spec = runbook.params.find((param) => param.id === key);
    if (spec === undefined) {
      const guess = closest(key, ids);
      throw usageError(
        `\`${key}\` (from ${where}) is not a parameter of runbook \`${runbook.id}\``,
        guess ? `did you mean \`${guess}\`?` : `its parameters: ${ids.join(', ') || '(none)'}`,
      );
    }

    if (spec.type === 'secret') {
      throw usageError(
        `secret parameter \`${key}\` cannot be given with ${where}: the value would be visible in the process list or on disk`,
        spec.env
          ? `set the environment variable ${spec.env} instead`
          : 'run in a terminal to type it',
      );
    }

    // Said now, before the lab starts and the steps show: the engine would only find out
    // when a step that uses the value runs, and a screen can show only a line of it.
    // An empty value counts as not given, as in the engine.
    const verdict = value === '' ? undefined : checkParamValue(spec, value);
    if (verdict && !verdict.ok) {
      throw usageError(
        `parameter \`${key}\` from ${where}: ${verdict.message}`,
        `give a valid value with ${where === '--set' ? `--set ${key}=…` : `\`${key}:\` in the file`}`,
      );
    }
  }
}

/** The parameter sources for the engine, checked. */
export async function paramSources(
  runbook: Runbook,
  options: {
    readonly set: Readonly<Record<string, string>>;
    readonly paramsFile: string | undefined;
  },
  env: Readonly<Record<string, string | undefined>>,
): Promise<ParamSources> {
  checkGivenParams(runbook, options.set, '--set');
  const file =
    options.paramsFile === undefined ? undefined : await readParamsFile(options.paramsFile);
  if (file) checkGivenParams(runbook, file, '--params');
  return {set: options.set, ...(file ? {file} : {}), env};
}
