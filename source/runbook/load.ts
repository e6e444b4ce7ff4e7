import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {LineCounter, parseDocument} from 'yaml';
import type {z} from 'zod';
import {RunbookError, wordedError} from '../engine/errors.js';
import {unreadableRunbook} from './load-words.js';
import type {Registry} from '../actions/registry.js';
import {defaultRegistry} from '../actions/default-registry.js';
import {actionStepSchema, choiceStepSchema, runbookSchema} from './schema.js';
import {createLocator, type DataPath} from './locate.js';
import {createProblems, type Problems} from './problems.js';
import {buildRunbook} from './build.js';
import type {Runbook} from './types.js';
import {validateSteps} from './validate.js';

/** Options of `loadRunbook`. */
export type LoadOptions = {
  /** Actions and probes the runbook may name (default: generic + domain). */
  readonly registry?: Registry;
  /** Messages name the file relative to this directory (default: the current directory). */
  readonly displayRoot?: string;
};

/** A runbook that failed to load: every problem, one `file:line path: message` each. */
export class RunbookLoadError extends RunbookError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('runbook-invalid', problems.join('\n'), 'fix the runbook file and run again');
    this.name = 'RunbookLoadError';
    this.problems = problems;
  }
}

/** Reads, parses and validates a runbook file; throws RunbookLoadError listing every problem. */
export async function loadRunbook(file: string, options: LoadOptions = {}): Promise<Runbook> {
  const absolute = path.resolve(file);
  const relative = path.relative(options.displayRoot ?? process.cwd(), absolute);
  const display = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw wordedError('runbook-not-found', (lang) => unreadableRunbook(lang, display, why));
  }

  const lineCounter = new LineCounter();
  const document = parseDocument(text, {lineCounter, uniqueKeys: true, prettyErrors: true});
  const locator = createLocator(document, lineCounter);
  const problems = createProblems(display, locator);
  if (document.errors.length > 0) {
    throw new RunbookLoadError(
      document.errors.map(
        (error) =>
          `${display}:${error.linePos?.[0].line ?? 1} ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      ),
    );
  }

  let data: unknown;
  try {
    data = document.toJS({maxAliasCount: 50});
  } catch (error) {
    throw new RunbookLoadError([
      `${display}:1 ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }

  const top = check(runbookSchema, data, [], problems);
  if (!top) {
    throw new RunbookLoadError(problems.list());
  }

  const steps = top.steps.map((step, index) => {
    const isChoice =
      step !== null && typeof step === 'object' && 'kind' in step && step.kind === 'choice';
    return isChoice
      ? check(choiceStepSchema, step, ['steps', index], problems)
      : check(actionStepSchema, step, ['steps', index], problems);
  });
  if (problems.list().length > 0) {
    throw new RunbookLoadError(problems.list());
  }

  const assetsDir = path.resolve(path.dirname(absolute), '..', 'assets');
  const rawSteps = steps.filter((step) => step !== undefined);
  const use = await validateSteps(rawSteps, top.params ?? [], {
    registry: options.registry ?? defaultRegistry(),
    problems,
    assetsDir,
  });
  if (problems.list().length > 0) {
    throw new RunbookLoadError(problems.list());
  }

  const runbook = buildRunbook(top, rawSteps, {file: absolute, display, assetsDir, problems, use});
  return runbook;
}

function check<T>(
  schema: z.ZodType<T>,
  value: unknown,
  prefix: DataPath,
  problems: Problems,
): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }

  for (const issue of result.error.issues) {
    const at = [...prefix, ...issue.path.filter((key) => typeof key !== 'symbol')];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.addKey(at, key, `unknown key "${key}"`);
      }
    } else {
      problems.add(at, issue.message);
    }
  }

  return undefined;
}
