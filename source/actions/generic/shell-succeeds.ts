import path from 'node:path';
import {z} from 'zod';
import {registerProbe} from '../registry.js';
import {parseDuration} from '../../runbook/duration.js';

const args = z.strictObject({
  file: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).optional(),
  stdin: z.string().optional(),
  cwd: z.string().optional(),
  timeout: z
    .string()
    .refine((text) => parseDuration(text) !== undefined, {message: 'a duration such as 30s'})
    .default('30s'),
});

/** Holds when the program exits 0 (read-only commands only: it runs during resume). */
export const shellSucceeds = registerProbe<z.infer<typeof args>>({
  name: 'shell.succeeds',
  args,
  async run(input, ctx) {
    const result = await ctx.ports.process.run(input.file, input.args, {
      cwd: path.resolve(ctx.workdir, input.cwd ?? '.'),
      ...(input.env ? {env: input.env} : {}),
      ...(input.stdin === undefined ? {} : {stdin: input.stdin}),
      signal: ctx.signal,
      timeoutMs: parseDuration(input.timeout) ?? 30_000,
    });
    const command = [input.file, ...input.args].join(' ');
    const last = result.tail.at(-1);
    if (result.exitCode === 0) {
      return {holds: true, detail: `${command}: exit 0`};
    }

    const why = result.spawnError
      ? `cannot start: ${result.spawnError}`
      : result.timedOut
        ? 'timed out'
        : `exit ${result.exitCode ?? result.signal ?? '?'}`;
    return {holds: false, detail: `${command}: ${why}${last ? ` — ${last}` : ''}`};
  },
});
