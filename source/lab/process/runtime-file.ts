import {readFile} from 'node:fs/promises';
import {z} from 'zod';
import type {LabRuntime} from '../contract.js';
import {writeFileAtomic} from './atomic-write.js';

// lab.json: written by the server when it listens, rewritten by a session that adopts it
// (a new owner), removed when the server stops.

const runtimeSchema = z.object({
  pid: z.number().int().positive(),
  port: z.number().int().positive(),
  url: z.string(),
  binDir: z.string(),
  startedAt: z.string(),
  owner: z.object({pid: z.number().int().positive(), start: z.string().optional()}).optional(),
});

/** The lab a runtime file describes, or undefined when it is missing or unreadable. */
export async function readRuntime(file: string): Promise<LabRuntime | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = runtimeSchema.safeParse(JSON.parse(text) as unknown);
    if (!parsed.success) return undefined;
    const {owner, ...rest} = parsed.data;
    if (owner === undefined) return rest;
    return {
      ...rest,
      owner: owner.start === undefined ? {pid: owner.pid} : {pid: owner.pid, start: owner.start},
    };
  } catch {
    return undefined;
  }
}

/** Writes the runtime file so a reader sees the old or the new one, never half. */
export async function writeRuntime(file: string, runtime: LabRuntime): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(runtime, undefined, 2)}\n`);
}
