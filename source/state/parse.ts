import {z} from 'zod';
import {wordedError, type RunbookError} from '../engine/errors.js';
import {stateWords} from './state-words.js';
import {stateSchemaVersion, type ProfileState} from './types.js';

const status = z.enum(['pending', 'running', 'done', 'failed', 'skipped', 'interrupted']);
const value = z.union([z.string(), z.number(), z.boolean()]);
const stepError = z.object({
  code: z.string(),
  message: z.string(),
  detail: z.string().optional(),
  exitCode: z.number().optional(),
  hint: z.string().optional(),
});

const stateSchema = z.object({
  schemaVersion: z.number().int(),
  runbookId: z.string(),
  params: z.record(z.string(), value),
  steps: z.record(
    z.string(),
    z.object({
      status,
      attempts: z.array(
        z.object({
          n: z.number().int(),
          startedAt: z.string(),
          endedAt: z.string().optional(),
          status,
          error: stepError.optional(),
          logPath: z.string(),
        }),
      ),
      outputs: z.record(z.string(), value),
    }),
  ),
  branches: z.record(
    z.string(),
    z.object({
      branchId: z.string(),
      at: z.string(),
      reason: z.string().optional(),
      previous: z.string().optional(),
    }),
  ),
  target: z.enum(['real', 'simulated']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Parses a state file's text; refuses (never resets) a corrupt or newer file. */
export function parseState(text: string, file: string, backupFile: string): ProfileState {
  const corrupt = (why: string): RunbookError =>
    wordedError('state-corrupt', (lang) => stateWords(lang).corrupt(file, why, backupFile));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw corrupt(error instanceof Error ? error.message : 'not JSON');
  }

  const version = z.object({schemaVersion: z.number()}).safeParse(data);
  if (version.success && version.data.schemaVersion > stateSchemaVersion) {
    const written = version.data.schemaVersion;
    throw wordedError('state-newer', (lang) =>
      stateWords(lang).newer(file, written, stateSchemaVersion),
    );
  }

  const result = stateSchema.safeParse(migrate(data));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw corrupt(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }

  return result.data;
}

// Version 1 is the first; older files (none exist yet) would be lifted here, step by step.
function migrate(data: unknown): unknown {
  return data;
}
