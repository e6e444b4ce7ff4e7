import {z} from 'zod';

// The runbook file as written (before templates, line numbers and defaults are attached).
// Strict objects: an unknown key is an error, so a typo never silently does nothing.

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and -');

/** `{en, ja}` text. */
// YAML folds a wrapped line into a space; Japanese puts none after its punctuation, so a
// folded 「表示し、\n4096」 must read 「表示し、4096」, not 「表示し、 4096」.
const foldedJapanese = (text: string): string => text.replaceAll(/(?<=[、。」』）]) +/g, '');

export const i18nSchema = z.strictObject({
  en: z.string(),
  ja: z.string().transform(foldedJapanese),
});

/** One parameter. */
export const paramSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lowercase letters, digits and _'),
  type: z.enum(['string', 'url', 'ip', 'integer', 'boolean', 'choice', 'secret', 'path']),
  label: i18nSchema,
  help: i18nSchema.optional(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  env: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .optional(),
  choices: z.array(z.string()).min(1).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  pattern: z.string().optional(),
  patternMessage: i18nSchema.optional(),
  optional: z.boolean().optional(),
});

/** A call of an action or probe. */
export const invocationSchema = z.strictObject({
  action: z.string(),
  with: z.record(z.string(), z.unknown()).optional(),
});

const probeCallSchema = z.strictObject({
  probe: z.string(),
  with: z.record(z.string(), z.unknown()).optional(),
});

/** An ordinary step. */
export const actionStepSchema = z.strictObject({
  id,
  kind: z.literal('action').optional(),
  title: i18nSchema,
  text: i18nSchema,
  expected: z.string().optional(),
  params: z.array(z.string()).optional(),
  files: z
    .array(
      z.strictObject({
        path: z.string().min(1),
        template: z.string().min(1),
        mode: z.number().int().min(0).max(0o7777).optional(),
      }),
    )
    .optional(),
  run: z.array(invocationSchema).optional(),
  done: probeCallSchema.optional(),
  always: z.boolean().optional(),
  checks: z
    .array(
      z.strictObject({
        id,
        title: i18nSchema,
        probe: z.string(),
        with: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
  undo: z.array(invocationSchema).optional(),
  skippable: z.boolean().optional(),
  confirm: i18nSchema.optional(),
});

/** A step that branches. */
export const choiceStepSchema = z.strictObject({
  id,
  kind: z.literal('choice'),
  title: i18nSchema,
  text: i18nSchema,
  expected: z.string().optional(),
  param: z.string().optional(),
  branches: z
    .array(
      z.strictObject({
        id,
        title: i18nSchema,
        text: i18nSchema,
        grants: i18nSchema.optional(),
        risk: i18nSchema.optional(),
        steps: z.array(actionStepSchema),
        leave: z.array(invocationSchema).optional(),
      }),
    )
    .min(1),
});

/** The whole file. */
export const runbookSchema = z.strictObject({
  id,
  version: z.number().int().min(1),
  title: i18nSchema,
  summary: i18nSchema,
  params: z.array(paramSchema).optional(),
  steps: z.array(z.unknown()).min(1),
});

/** A raw ordinary step. */
export type RawActionStep = z.infer<typeof actionStepSchema>;
/** A raw choice step. */
export type RawChoiceStep = z.infer<typeof choiceStepSchema>;
/** A raw invocation. */
export type RawInvocation = z.infer<typeof invocationSchema>;
