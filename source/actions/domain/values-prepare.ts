import path from 'node:path';
import {z} from 'zod';
import {registerAction, registerProbe} from '../registry.js';
import type {ActionContext} from '../types.js';
import {editRunnerValues, tokenKeyFor, tokenKind} from '../../procedure/runner-values.js';
import {unifiedDiff} from '../../procedure/unified-diff.js';
import {booleanArg, inWorkdir, secretParamArg, secretValue, stepErrorFrom} from './common.js';
import {probeWords} from '../probe-words.js';
import {planWords} from '../plan-words.js';

const args = z.strictObject({
  orig: z.string().min(1).default('values.yaml.orig'),
  out: z.string().min(1).default('values.yaml'),
  gitlabUrl: z.string().url(),
  tokenParam: secretParamArg,
  secretName: z.string().min(1).optional(),
  privileged: booleanArg.default(true),
  rbacCreate: booleanArg.default(true),
});

type Args = z.infer<typeof args>;
type Reader = Pick<ActionContext, 'workdir' | 'ports' | 'secrets'>;

type Prepared = {readonly original: string; readonly edited: string; readonly kind: string};

async function prepare(input: Args, ctx: Reader): Promise<Prepared> {
  const origPath = inWorkdir(ctx.workdir, input.orig);
  const original = await ctx.ports.files.readText(origPath);
  if (original === undefined)
    throw new Error(`${origPath} does not exist yet: run helm show values first`);
  // The token only decides which key the Secret fills; its value never enters the file.
  const token = ctx.secrets[input.tokenParam];
  const tokenKey = token ? tokenKeyFor(token) : undefined;
  const edited = editRunnerValues(original, {
    gitlabUrl: input.gitlabUrl,
    tokenKey,
    ...(input.secretName ? {secretName: input.secretName} : {}),
    rbacCreate: input.rbacCreate,
    privileged: input.privileged,
  });
  return {original, edited, kind: token ? tokenKind(token) : 'unknown'};
}

/** Writes values.yaml from values.yaml.orig with the article's changes, comments kept; shows `diff -u`. */
export const valuesPrepare = registerAction({
  name: 'values.prepare',
  args,
  async describe(input, ctx) {
    const outPath = inWorkdir(ctx.workdir, input.out);
    try {
      const {original, edited} = await prepare(input, ctx);
      return [
        {
          kind: 'file',
          path: outPath,
          content: edited,
          diff: unifiedDiff(path.basename(input.orig), path.basename(input.out), original, edited),
        },
      ];
    } catch {
      return [
        {
          kind: 'note',
          text: planWords(ctx.lang ?? 'en').valuesWrites(
            outPath,
            input.orig,
            `gitlabUrl ${input.gitlabUrl}, rbac.create ${String(input.rbacCreate)}, privileged = ${String(input.privileged)} under [runners.kubernetes]${input.secretName ? `, runners.secret ${input.secretName}` : ''}`,
          ),
        },
      ];
    }
  },
  async run(input, ctx) {
    try {
      secretValue(ctx.secrets, input.tokenParam);
      const {original, edited, kind} = await prepare(input, ctx);
      const outPath = inWorkdir(ctx.workdir, input.out);
      await ctx.ports.files.writeText(outPath, edited);
      const diff = unifiedDiff(
        path.basename(input.orig),
        path.basename(input.out),
        original,
        edited,
      );
      await ctx.output(diff.split('\n'), 'stdout');
      return {ok: true, outputs: {tokenKind: kind, values: outPath}, summary: `wrote ${outPath}`};
    } catch (error) {
      return {ok: false, error: stepErrorFrom(error)};
    }
  },
});

/** values.yaml exists and equals what values.prepare would write now. */
export const valuesPrepared = registerProbe({
  name: 'values.prepared',
  args,
  async run(input, ctx) {
    try {
      const {edited} = await prepare(input, ctx);
      const current = await ctx.ports.files.readText(inWorkdir(ctx.workdir, input.out));
      const words = probeWords(ctx.lang);
      if (current === undefined)
        return {holds: false, detail: words.valuesFile(input.out, 'missing')};
      return current === edited
        ? {holds: true, detail: words.valuesFile(input.out, 'matches')}
        : {holds: false, detail: words.valuesFile(input.out, 'differs')};
    } catch (error) {
      return {holds: false, detail: error instanceof Error ? error.message : String(error)};
    }
  },
});
