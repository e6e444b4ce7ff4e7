import path from 'node:path';
import {z} from 'zod';
import {registerAction} from '../registry.js';
import type {ActionContext} from '../types.js';
import {fileDiff} from './file-diff.js';
import {outputWords} from '../output-words.js';

const args = z
  .strictObject({
    path: z.string().min(1),
    template: z.string().optional(),
    content: z.string().optional(),
    mode: z.number().int().min(0).max(0o7777).optional(),
  })
  .refine((input) => (input.template === undefined) !== (input.content === undefined), {
    message: 'give exactly one of `template` and `content`',
  });

type Args = z.infer<typeof args>;

/** Writes a file (relative paths are in the work directory) from a template or literal content. */
export const fileWrite = registerAction<Args>({
  name: 'file.write',
  args,
  async describe(input, ctx) {
    const target = path.resolve(ctx.workdir, input.path);
    const content = await contentOf(input, ctx);
    const diff = fileDiff(target, await ctx.ports.files.readText(target), content);
    return [{kind: 'file', path: target, content, ...(diff ? {diff} : {})}];
  },
  async run(input, ctx) {
    const target = path.resolve(ctx.workdir, input.path);
    const content = await contentOf(input, ctx);
    await ctx.ports.files.writeText(target, content, input.mode);
    await ctx.output([outputWords(ctx.lang).wrote(target)], 'info');
    return {ok: true, outputs: {path: target}};
  },
});

async function contentOf(input: Args, ctx: Pick<ActionContext, 'readTemplate'>): Promise<string> {
  if (input.content !== undefined) {
    return input.content;
  }

  if (!ctx.readTemplate) {
    throw new Error('templates cannot be read here');
  }

  return ctx.readTemplate(input.template ?? '');
}
