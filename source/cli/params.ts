import {readFile} from 'node:fs/promises';
import {parse} from 'yaml';
import {z} from 'zod';
import {wordedError} from '../engine/errors.js';
import type {ParamSources} from '../engine/engine-api.js';
import type {ParamValue, Runbook} from '../runbook/types.js';
import {checkParamValue} from '../engine/param-value.js';
import {closest, usageError} from './usage-error.js';
import {cliWords} from './cli-words.js';

const paramsFileSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** Reads a `--params` file (YAML, which includes JSON) into parameter values. */
export async function readParamsFile(file: string): Promise<Record<string, ParamValue>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw wordedError('params-file', (lang) => cliWords(lang).paramsFileUnreadable(file, why));
  }

  let data: unknown;
  try {
    data = parse(text, {maxAliasCount: 10});
  } catch (error) {
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw wordedError('params-file', (lang) => cliWords(lang).paramsFileNotYaml(file, why));
  }

  const parsed = paramsFileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw wordedError('params-file', (lang) => cliWords(lang).paramsFileShape(file));
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
      throw usageError((lang) => cliWords(lang).notAParam(key, where, runbook.id, guess, ids));
    }

    if (spec.type === 'secret') {
      throw usageError((lang) => cliWords(lang).secretGiven(key, where, spec.env));
    }

    // Said now, before the lab starts and the steps show: the engine would only find out
    // when a step that uses the value runs, and a screen can show only a line of it.
    // An empty value counts as not given, as in the engine.
    const verdict = value === '' ? undefined : checkParamValue(spec, value);
    if (verdict && !verdict.ok) {
      const why = verdict.message;
      throw usageError((lang) => cliWords(lang).badValue(key, where, why));
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
