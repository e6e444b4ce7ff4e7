import {setTimeout as sleep} from 'node:timers/promises';
import {z} from 'zod';
import {registerAction, type RegisteredAction, type RegisteredProbe} from '../registry.js';
import {parseDuration} from '../../runbook/duration.js';
import {planWords} from '../plan-words.js';
import {outputWords} from '../output-words.js';

const duration = z
  .string()
  .refine((text) => parseDuration(text) !== undefined, {message: 'a duration such as 30s'});

const args = z.strictObject({
  probe: z.string(),
  with: z.record(z.string(), z.unknown()).default({}),
  timeout: duration.default('5m'),
  interval: duration.default('2s'),
});

/** `wait.until`: polls a probe until it holds, the time is up, or the step is cancelled. */
export function createWaitUntil(
  probes: () => ReadonlyMap<string, RegisteredProbe>,
): RegisteredAction {
  return registerAction<z.infer<typeof args>>({
    name: 'wait.until',
    args,
    describe: (input, ctx) => [
      {kind: 'note', text: planWords(ctx.lang ?? 'en').waitUntil(input.timeout, input.probe)},
    ],
    async run(input, ctx) {
      const probe = probes().get(input.probe);
      const verdict = probe?.check(input.with);
      if (!probe || !verdict?.ok) {
        return {
          ok: false,
          error: {
            code: 'invalid',
            message: probe
              ? `wait.until: ${verdict && !verdict.ok ? verdict.message : 'bad arguments'}`
              : `wait.until: unknown probe "${input.probe}"`,
          },
        };
      }

      const deadline = Date.now() + (parseDuration(input.timeout) ?? 0);
      const interval = parseDuration(input.interval) ?? 2000;
      let last = '';
      for (;;) {
        const result = await probe.run(input.with, ctx);
        if (result.holds) {
          return {ok: true, ...(result.outputs ? {outputs: result.outputs} : {})};
        }

        if (result.detail !== last) {
          last = result.detail;
          await ctx.output([outputWords(ctx.lang).waiting(result.detail)], 'info');
        }

        if (ctx.signal.aborted) {
          return {ok: false, error: {code: 'cancelled', message: 'stopped while waiting'}};
        }

        if (Date.now() + interval > deadline) {
          return {
            ok: false,
            error: {
              code: 'timeout',
              message: `${input.probe} did not hold within ${input.timeout}`,
              detail: last,
              hint: 'check the log for what was seen, then retry',
            },
          };
        }

        await sleep(interval, undefined, {signal: ctx.signal}).catch(() => undefined);
      }
    },
  });
}
