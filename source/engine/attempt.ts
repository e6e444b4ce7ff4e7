import path from 'node:path';
import type {ActionContext, OutputValue} from '../actions/types.js';
import type {CheckSpec, FileSpec, Invocation} from '../runbook/types.js';
import {render, TemplateError} from '../runbook/template.js';
import type {Diagnosis} from '../diagnosis/types.js';
import {createLineRing} from '../integrations/line-splitter.js';
import type {StepStatus} from './events.js';
import type {StepError} from './errors.js';
import type {Internals} from './internals.js';
import {openLog} from './log-writer.js';
import {attemptFinished, attemptStarted, recordOf} from './records.js';
import {readTemplate, renderArgs, templateScope} from './scope.js';
import {outputWords} from '../actions/output-words.js';

/** What one attempt does: files, then actions in order, then checks. */
export type AttemptPlan = {
  readonly stepId: string;
  readonly files: readonly FileSpec[];
  readonly invocations: readonly Invocation[];
  readonly checks: readonly CheckSpec[];
  /** The status a successful attempt leaves (done; pending after an undo). */
  readonly successStatus: StepStatus;
};

type Outputs = Record<string, OutputValue>;

/**
 * Runs one attempt of a step and records it: `running` is written before anything starts, the
 * result after; output goes to the attempt's log as it arrives, and only a bounded tail stays here.
 */
export async function runAttempt(
  internals: Internals,
  plan: AttemptPlan,
  signal: AbortSignal,
): Promise<StepStatus> {
  const {store, bus, redactor} = internals;
  const stepOutputs: Outputs = {};
  const {stepId} = plan;
  const attempt = recordOf(store.get(), stepId).attempts.length + 1;
  const logPath = path.join(internals.paths.logDir, `${stepId}.${attempt}.log`);
  const started = internals.now();
  const log = await openLog(logPath);
  store.update((state) =>
    attemptStarted(state, stepId, {
      n: attempt,
      startedAt: started.toISOString(),
      status: 'running',
      logPath,
    }),
  );
  bus.emit({type: 'step-started', stepId, attempt, logPath, at: started.getTime()});
  const tail = createLineRing(internals.tailSize);
  internals.tails.set(stepId, tail);
  const output: ActionContext['output'] = (lines, stream = 'stdout') => {
    const safe = redactor.redactLines(lines);
    tail.push(safe);
    bus.emit({type: 'step-output', stepId, lines: safe, stream});
    return log.write(safe, stream);
  };
  // What the events already say another way (check results, the error) goes to the log only.
  const note = async (lines: readonly string[]): Promise<void> =>
    log.write(
      lines.map((line) => redactor.redact(line)),
      'info',
    );

  const diagnoses: Diagnosis[] = [];
  const extra = (): Record<string, Outputs> => ({
    [stepId]: {...recordOf(store.get(), stepId).outputs, ...stepOutputs},
  });
  const context: ActionContext = {
    signal,
    output,
    ports: internals.ports,
    workdir: internals.paths.workdir,
    lang: internals.lang,
    prompter: internals.prompter,
    assumeYes: internals.assumeYes,
    secrets: internals.params.secrets(),
    readTemplate: async (name) => readTemplate(internals, name, {extraOutputs: extra()}),
    ...(internals.sampledOutput
      ? {
          // The log is handed over: what is buffered goes first, the port appends after it.
          async outputStream() {
            await log.flush();
            return {
              logPath,
              secrets: redactor.values(),
              sampleLines: internals.tailSize,
              onSample(sample) {
                for (const {stream, lines} of sample) {
                  tail.push(lines);
                  bus.emit({type: 'step-output', stepId, lines, stream});
                }
              },
            };
          },
        }
      : {}),
  };

  let error: StepError | undefined;
  try {
    error = await execute(internals, plan, {context, note}, stepOutputs, diagnoses, extra);
  } catch (thrown) {
    error =
      thrown instanceof TemplateError
        ? {code: 'invalid', message: thrown.message, hint: 'check the parameters and earlier steps'}
        : {
            code: 'internal',
            message: thrown instanceof Error ? thrown.message : String(thrown),
            hint: 'this is a fault in the runbook or mke-runbook; the log has the details',
          };
  }

  if (signal.aborted) {
    error = {
      code: 'cancelled',
      message: 'stopped by the user',
      ...(error?.detail ? {detail: error.detail} : {}),
    };
  }

  if (error) {
    await note([`error: ${error.message}`, ...(error.detail ? error.detail.split('\n') : [])]);
  }

  await log.close();
  const status: StepStatus = error
    ? signal.aborted
      ? 'interrupted'
      : 'failed'
    : plan.successStatus;
  const safeError = error ? redactor.redactDeep(error) : undefined;
  const safeOutputs = redactor.redactDeep(stepOutputs);
  const ended = internals.now();
  store.update((state) =>
    attemptFinished(state, stepId, {
      status,
      endedAt: ended.toISOString(),
      ...(safeError ? {error: safeError} : {}),
      outputs: safeOutputs,
    }),
  );
  if (safeError && internals.diagnose && status === 'failed') {
    const text = [safeError.detail ?? '', ...tail.lines()].join('\n');
    const seen = new Set(diagnoses.map((diagnosis) => diagnosis.id));
    diagnoses.push(...internals.diagnose(text).filter((diagnosis) => !seen.has(diagnosis.id)));
  }

  for (const diagnosis of diagnoses) {
    bus.emit({type: 'diagnosis', stepId, diagnosis});
  }

  bus.emit({
    type: 'step-finished',
    stepId,
    status: status === 'pending' || status === 'running' ? 'done' : status,
    durationMs: ended.getTime() - started.getTime(),
    ...(safeError ? {error: safeError} : {}),
    ...(Object.keys(safeOutputs).length > 0 ? {outputs: safeOutputs} : {}),
    at: ended.getTime(),
  });
  return status;
}

async function execute(
  internals: Internals,
  plan: AttemptPlan,
  {
    context,
    note,
  }: {readonly context: ActionContext; readonly note: (lines: readonly string[]) => Promise<void>},
  stepOutputs: Outputs,
  diagnoses: Diagnosis[],
  extra: () => Record<string, Outputs>,
): Promise<StepError | undefined> {
  for (const file of plan.files) {
    if (context.signal.aborted) {
      return undefined;
    }

    const target = path.resolve(
      internals.paths.workdir,
      render(file.path, templateScope(internals, false, {extraOutputs: extra()})),
    );
    const content = await readTemplate(internals, file.template, {extraOutputs: extra()});
    await internals.ports.files.writeText(target, content, file.mode);
    await context.output([outputWords(context.lang).wrote(target)], 'info');
  }

  for (const invocation of plan.invocations) {
    if (context.signal.aborted) {
      return undefined;
    }

    const action = internals.registry.actions.get(invocation.action);
    const args = renderArgs(internals, invocation.with, {extraOutputs: extra()});
    const verdict = action?.check(args);
    if (!action || !verdict?.ok) {
      return invalid(
        invocation.action,
        invocation.source,
        verdict && !verdict.ok ? verdict.message : 'unknown action',
      );
    }

    const result = await action.run(args, context);
    diagnoses.push(...(result.diagnoses ?? []));
    if (!result.ok) {
      return result.error;
    }

    Object.assign(stepOutputs, result.outputs);
  }

  for (const check of plan.checks) {
    if (context.signal.aborted) {
      return undefined;
    }

    const probe = internals.registry.probes.get(check.probe);
    const args = renderArgs(internals, check.with, {extraOutputs: extra()});
    const verdict = probe?.check(args);
    if (!probe || !verdict?.ok) {
      return invalid(
        check.probe,
        check.source,
        verdict && !verdict.ok ? verdict.message : 'unknown probe',
      );
    }

    const result = await probe.run(args, context);
    const detail = internals.redactor.redact(result.detail);
    internals.bus.emit({
      type: 'check-result',
      stepId: plan.stepId,
      checkId: check.id,
      holds: result.holds,
      detail,
    });
    await note([`check ${check.id}: ${result.holds ? 'holds' : 'does not hold'} — ${detail}`]);
    if (!result.holds) {
      return {
        code: 'check-failed',
        message: `check "${check.title.en}" did not hold`,
        detail,
        hint: 'the step ran but its effect is not there yet: read the log, then retry',
      };
    }

    Object.assign(stepOutputs, result.outputs);
  }

  return undefined;
}

function invalid(name: string, source: Invocation['source'], why: string): StepError {
  return {
    code: 'invalid',
    message: `${source.file}:${source.line} ${source.path}: ${name}: ${why}`,
    hint: 'the arguments are wrong after rendering: check the parameters and the runbook',
  };
}
