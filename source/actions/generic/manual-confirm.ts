import {z} from 'zod';
import {registerAction} from '../registry.js';
import {pick} from '../../i18n/text.js';

const args = z.strictObject({text: z.strictObject({en: z.string(), ja: z.string()})});

/** Asks the person to confirm something they did by hand; "no" fails the step. */
export const manualConfirm = registerAction<z.infer<typeof args>>({
  name: 'manual.confirm',
  args,
  describe: (input, ctx) => [{kind: 'note', text: pick(input.text, ctx.lang ?? 'en')}],
  async run(input, ctx) {
    await ctx.output([pick(input.text, ctx.lang)], 'info');
    if (ctx.assumeYes || (await ctx.prompter.confirm(input.text))) {
      return {ok: true};
    }

    return {
      ok: false,
      error: {
        code: 'declined',
        message: 'not confirmed',
        hint: 'do what the step asks, then retry it',
      },
    };
  },
});
