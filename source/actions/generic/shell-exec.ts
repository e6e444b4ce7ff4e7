import path from 'node:path';
import {z} from 'zod';
import {registerAction} from '../registry.js';
import type {ActionContext, PlannedEffect} from '../types.js';
import type {StepError} from '../../engine/errors.js';
import {parseDuration} from '../../runbook/duration.js';
import {planWords} from '../plan-words.js';
import {outputWords} from '../output-words.js';

const duration = z.string().refine((text) => parseDuration(text) !== undefined, {
  message: 'a duration such as 30s or 10m',
});

const args = z.strictObject({
  file: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).optional(),
  stdin: z.string().optional(),
  cwd: z.string().optional(),
  /** Writes stdout to this file (relative to the work directory), atomically, instead of the log. */
  stdoutFile: z.string().optional(),
  /** Captures stdout (trimmed, up to 64 KiB) as this output key. */
  captureStdout: z.string().optional(),
  timeout: duration.optional(),
  okExitCodes: z.array(z.number().int()).default([0]),
});

type Args = z.infer<typeof args>;
const captureLimit = 64 * 1024;

/** Runs a program with an argument array — never through a shell. */
export const shellExec = registerAction<Args>({
  name: 'shell.exec',
  args,
  describe(input, ctx) {
    const effects: PlannedEffect[] = [
      {
        kind: 'command',
        file: input.file,
        args: input.args,
        ...(input.env ? {env: Object.keys(input.env)} : {}),
        ...(input.stdin === undefined ? {} : {stdin: input.stdin}),
      },
    ];
    if (input.stdoutFile) {
      effects.push({kind: 'note', text: planWords(ctx.lang ?? 'en').stdoutTo(input.stdoutFile)});
    }

    return effects;
  },
  async run(input, ctx) {
    const stdoutFile = input.stdoutFile ? path.resolve(ctx.workdir, input.stdoutFile) : undefined;
    const stdoutLines: string[] = [];
    let captured = '';
    // Output nobody captures goes to the log by the port (off the interface's thread).
    const toLog = input.captureStdout || stdoutFile ? undefined : await ctx.outputStream?.();
    const common = {
      cwd: path.resolve(ctx.workdir, input.cwd ?? '.'),
      ...(input.env ? {env: input.env} : {}),
      ...(input.stdin === undefined ? {} : {stdin: input.stdin}),
      signal: ctx.signal,
      ...(input.timeout ? {timeoutMs: parseDuration(input.timeout)} : {}),
    };
    const result = await ctx.ports.process.run(
      input.file,
      input.args,
      toLog
        ? {...common, stream: toLog}
        : {
            ...common,
            onLines(lines, stream) {
              if (stream === 'stdout' && input.captureStdout && captured.length < captureLimit) {
                captured += lines.join('\n') + '\n';
              }

              if (stream === 'stdout' && stdoutFile) {
                stdoutLines.push(...lines);
                return;
              }

              return ctx.output(lines, stream);
            },
          },
    );
    const error = failure(input, result, ctx);
    if (error) {
      return {ok: false, error};
    }

    if (stdoutFile) {
      await ctx.ports.files.writeText(stdoutFile, stdoutLines.join('\n') + '\n');
      await ctx.output([outputWords(ctx.lang).wroteLines(stdoutLines.length, stdoutFile)], 'info');
    }

    return {
      ok: true,
      ...(input.captureStdout
        ? {outputs: {[input.captureStdout]: captured.slice(0, captureLimit).trim()}}
        : {}),
    };
  },
});

function failure(
  input: Args,
  result: Awaited<ReturnType<ActionContext['ports']['process']['run']>>,
  ctx: ActionContext,
): StepError | undefined {
  const detail = result.tail.slice(-12).join('\n');
  if (result.cancelled || ctx.signal.aborted) {
    return {code: 'cancelled', message: `${input.file} was stopped`, ...(detail ? {detail} : {})};
  }

  if (result.spawnError) {
    return {
      code: 'not-found',
      message: `cannot start ${input.file}`,
      detail: result.spawnError,
      hint: `check that ${input.file} is installed and on PATH`,
    };
  }

  if (result.logError) {
    return {
      code: 'log-write',
      message: result.logError,
      hint: 'free space where the state directory is (or move it with --state-dir), then retry the step',
    };
  }

  if (result.timedOut) {
    return {
      code: 'timeout',
      message: `${input.file} did not finish within ${input.timeout ?? 'its time limit'}`,
      ...(detail ? {detail} : {}),
      hint: 'look at the log for where it stopped, then retry',
    };
  }

  if (result.exitCode !== undefined && input.okExitCodes.includes(result.exitCode)) {
    return undefined;
  }

  return {
    code: 'exit-code',
    message:
      result.exitCode === undefined
        ? `${input.file} was ended by ${result.signal ?? 'a signal'}`
        : `${input.file} exited with code ${result.exitCode}`,
    ...(detail ? {detail} : {}),
    ...(result.exitCode === undefined ? {} : {exitCode: result.exitCode}),
    hint: 'read the output above (and the full log), fix the cause, then retry the step',
  };
}
