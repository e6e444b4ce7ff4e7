import {readFile} from 'node:fs/promises';
import {parse} from 'yaml';
import {z} from 'zod';

// Test helpers: the runbook files read as plain data (no loader), for checks that hold
// whatever the loader and the registry look like.

const text = z.object({en: z.string(), ja: z.string()});
const invocation = z.object({action: z.string(), with: z.record(z.string(), z.unknown()).optional()});
const actionStep = z.object({
  id: z.string(),
  title: text,
  text,
  expected: z.string(),
  params: z.array(z.string()).optional(),
  files: z.array(z.object({path: z.string(), template: z.string()})).optional(),
  run: z.array(invocation).optional(),
  undo: z.array(invocation).optional(),
  confirm: text.optional(),
});

/** An action step as the tests see it. */
export type RawStep = z.infer<typeof actionStep>;

const choiceStep = z.object({
  id: z.string(),
  kind: z.literal('choice'),
  title: text,
  text,
  expected: z.string(),
  param: z.string().optional(),
  branches: z.array(
    z.object({
      id: z.string(),
      title: text,
      text,
      grants: text.optional(),
      risk: text.optional(),
      steps: z.array(actionStep),
      leave: z.array(invocation).optional(),
    }),
  ),
});

const runbookFile = z.object({
  id: z.string(),
  title: text,
  summary: text,
  params: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      label: text,
      default: z.union([z.string(), z.number(), z.boolean()]).optional(),
      env: z.string().optional(),
      choices: z.array(z.string()).optional(),
    }),
  ),
  steps: z.array(z.union([choiceStep, actionStep])),
});

/** A runbook file as the tests see it. */
export type RawRunbook = z.infer<typeof runbookFile>;

/** Reads and parses a runbook of this repository. */
export async function readRunbookFile(name: string): Promise<{readonly data: RawRunbook; readonly source: string}> {
  const source = await readFile(new URL(`../../runbooks/${name}`, import.meta.url), 'utf8');
  return {data: runbookFile.parse(parse(source)), source};
}

/** Every action step, branch steps included, in order. */
export function allSteps(runbook: RawRunbook): RawStep[] {
  return runbook.steps.flatMap((step) =>
    'branches' in step ? step.branches.flatMap((branch) => branch.steps) : [step],
  );
}

/** Every step id, choice steps included, in order. */
export function allStepIds(runbook: RawRunbook): string[] {
  return runbook.steps.flatMap((step) =>
    'branches' in step ? [step.id, ...step.branches.flatMap((branch) => branch.steps.map((inner) => inner.id))] : [step.id],
  );
}

/** The parameter defaults, by id. */
export function defaults(runbook: RawRunbook): Record<string, string | number | boolean> {
  const values: Record<string, string | number | boolean> = {};
  for (const param of runbook.params) if (param.default !== undefined) values[param.id] = param.default;
  return values;
}
