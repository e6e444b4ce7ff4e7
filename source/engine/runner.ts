import type {PlannedEffect} from '../actions/types.js';
import type {ActionStep, ChoiceStep} from '../runbook/types.js';
import type {PlannedStep, ReconcileReport, RunOutcome} from './engine-api.js';
import {RunbookError} from './errors.js';
import type {Internals} from './internals.js';
import {findStep, plannedSteps} from './plan.js';
import {statusOf, withRecord, withStatus} from './records.js';
import {runAttempt} from './attempt.js';
import {describeStep} from './describe.js';
import {reconcile} from './reconcile.js';
import {paramsIn} from './scope.js';

/** The engine's operations over its internals (engine.ts wires them to the public face). */
export type Runner = {
  readonly steps: () => readonly PlannedStep[];
  readonly reconcile: () => Promise<ReconcileReport>;
  readonly describe: (stepId: string) => Promise<readonly PlannedEffect[]>;
  readonly runStep: (stepId: string) => Promise<RunOutcome>;
  readonly runFrom: (stepId?: string, options?: {readonly only?: boolean}) => Promise<RunOutcome>;
  readonly skip: (stepId: string) => Promise<void>;
  readonly undo: (stepId: string) => Promise<RunOutcome>;
  readonly choose: (choiceId: string, branchId: string, reason?: string) => Promise<RunOutcome>;
  readonly reset: (stepId?: string) => Promise<void>;
  readonly cancel: () => void;
  /** Resolves when no step is running. */
  readonly idle: () => Promise<void>;
};

/** Builds the runner: one step at a time per engine. */
export function createRunner(internals: Internals): Runner {
  const {runbook, store, bus, params} = internals;
  let current: AbortController | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopRequested = false;

  const steps = (): PlannedStep[] => plannedSteps(runbook, store.get());

  const exclusive = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (current) {
      throw new RunbookError('busy', 'a step is already running', 'wait for it, or cancel it');
    }

    const controller = new AbortController();
    current = controller;
    const promise = work(controller.signal);
    running = promise.catch(() => undefined);
    try {
      return await promise;
    } finally {
      current = undefined;
    }
  };

  const inPlan = (stepId: string): PlannedStep => {
    const entry = steps().find((candidate) => candidate.step.id === stepId);
    if (!entry) {
      findStep(runbook, stepId);
      throw new RunbookError(
        'not-in-plan',
        `step \`${stepId}\` belongs to a branch that is not chosen`,
        'choose its branch first',
      );
    }

    return entry;
  };

  const outcomeOf = (status: string): RunOutcome =>
    status === 'done' || status === 'pending'
      ? 'done'
      : status === 'interrupted'
        ? 'stopped'
        : 'failed';

  const runAction = async (step: ActionStep): Promise<RunOutcome> => {
    await params.resolve(step.params);
    if (step.confirm && !internals.assumeYes) {
      const yes = await internals.prompter.confirm(step.confirm, {danger: true});
      if (!yes) {
        return 'stopped';
      }
    }

    const effects = await describeStep(internals, step).catch(() => undefined);
    if (effects) {
      bus.emit({type: 'step-plan', stepId: step.id, effects});
    }

    const status = await exclusive(async (signal) =>
      runAttempt(
        internals,
        {
          stepId: step.id,
          files: step.files,
          invocations: step.run,
          checks: step.checks,
          successStatus: 'done',
        },
        signal,
      ),
    );
    return outcomeOf(status);
  };

  const choose = async (
    choiceId: string,
    branchId: string,
    reason?: string,
  ): Promise<RunOutcome> => {
    const step = findStep(runbook, choiceId);
    if (step.kind !== 'choice') {
      throw new RunbookError('usage', `step \`${choiceId}\` is not a choice`);
    }

    const branch = step.branches.find((candidate) => candidate.id === branchId);
    if (!branch) {
      throw new RunbookError(
        'usage',
        `choice \`${choiceId}\` has no branch \`${branchId}\``,
        `choose one of: ${step.branches.map((candidate) => candidate.id).join(', ')}`,
      );
    }

    const previous = store.get().branches[choiceId]?.branchId;
    if (previous === branchId) {
      return 'done';
    }

    const leaving = step.branches.find((candidate) => candidate.id === previous);
    if (leaving && leaving.leave.length > 0) {
      await params.resolve(leaving.leave.flatMap((call) => paramsIn(call.with)));
      const status = await exclusive(async (signal) =>
        runAttempt(
          internals,
          {
            stepId: choiceId,
            files: [],
            invocations: leaving.leave,
            checks: [],
            successStatus: 'done',
          },
          signal,
        ),
      );
      if (status !== 'done') {
        return outcomeOf(status);
      }
    }

    const at = internals.now().toISOString();
    store.update((state) => {
      let next = {
        ...state,
        branches: {
          ...state.branches,
          [choiceId]: {branchId, at, ...(reason ? {reason} : {}), ...(previous ? {previous} : {})},
        },
      };
      // What the old branch did was undone by its `leave`: its steps are pending again.
      for (const inner of leaving?.steps ?? []) {
        next = withStatus(next, inner.id, 'pending');
      }

      return withStatus(next, choiceId, 'done');
    });
    bus.emit({type: 'branch-chosen', stepId: choiceId, branchId, ...(previous ? {previous} : {})});
    return 'done';
  };

  const runChoice = async (step: ChoiceStep): Promise<RunOutcome> => {
    if (store.get().branches[step.id]) {
      return 'done';
    }

    let branchId = step.param === undefined ? undefined : params.peek(step.param);
    if (branchId === undefined && internals.assumeYes) {
      throw new RunbookError(
        'params-missing',
        `step \`${step.id}\` needs a choice: ${step.param ? `--set ${step.param}=` : ''}${step.branches.map((branch) => branch.id).join('|')}`,
        'give the choice, then run again',
      );
    }

    branchId ??= await internals.prompter.choose(step.id, step.branches);
    return choose(step.id, String(branchId));
  };

  const runStep = async (stepId: string): Promise<RunOutcome> => {
    const entry = inPlan(stepId);
    return entry.kind === 'choice' ? runChoice(entry.step) : runAction(entry.step);
  };

  const isFinished = (entry: PlannedStep): boolean =>
    entry.kind === 'choice'
      ? store.get().branches[entry.step.id] !== undefined
      : !entry.step.always && ['done', 'skipped'].includes(statusOf(store.get(), entry.step.id));

  const runFrom = async (
    stepId?: string,
    options: {readonly only?: boolean} = {},
  ): Promise<RunOutcome> => {
    stopRequested = false;
    const plan = steps();
    const start = stepId === undefined ? plan.find((entry) => !isFinished(entry)) : inPlan(stepId);
    if (internals.assumeYes && start) {
      // Headless: every missing parameter is listed at once rather than one per run.
      const from = plan.findIndex((entry) => entry.step.id === start.step.id);
      const remaining = (options.only ? [start] : plan.slice(from)).filter(
        (entry) => entry === start || !isFinished(entry),
      );
      const ids: string[] = [];
      const choices: string[] = [];
      for (const entry of remaining) {
        if (entry.kind === 'action') {
          ids.push(...entry.step.params);
          continue;
        }

        if (store.get().branches[entry.step.id] || options.only) {
          continue;
        }

        // An unchosen choice: its parameter is needed, and so are the chosen branch's.
        const picked = entry.step.param === undefined ? undefined : params.peek(entry.step.param);
        const branch = entry.step.branches.find((candidate) => candidate.id === picked);
        if (branch) {
          ids.push(...branch.steps.flatMap((inner) => inner.params));
        } else if (entry.step.param !== undefined) {
          choices.push(entry.step.param);
        }
      }

      await params.resolve(ids, choices);
    }

    bus.emit({
      type: 'run-started',
      runbookId: runbook.id,
      profile: internals.profile,
      target: store.get().target,
      at: Date.now(),
    });
    const finish = (status: RunOutcome): RunOutcome => {
      bus.emit({type: 'run-finished', status, at: Date.now()});
      return status;
    };

    let cursor = start?.step.id;
    while (cursor !== undefined) {
      const id: string = cursor;
      const plannedNow = steps();
      const index = plannedNow.findIndex((entry) => entry.step.id === id);
      const entry = plannedNow[index];
      if (entry && (id === start?.step.id || !isFinished(entry))) {
        const outcome = await runStep(id);
        if (outcome !== 'done') {
          return finish(outcome);
        }
      }

      if (stopRequested) {
        return finish('stopped');
      }

      if (options.only) {
        break;
      }

      cursor = steps()[index + 1]?.step.id;
    }

    return finish('done');
  };

  return {
    steps,
    reconcile: async () => reconcile(internals),
    async describe(stepId) {
      const step = findStep(runbook, stepId);
      if (step.kind === 'action') {
        try {
          await params.resolve(step.params);
        } catch (error) {
          // A preview shows what it can: values nobody can give now appear as `<params.x>`;
          // a value that was given but is wrong is still an error.
          if (
            error instanceof RunbookError &&
            ['param-invalid', 'secret-in-flag'].includes(error.code)
          ) {
            throw error;
          }
        }
      }

      return describeStep(internals, step);
    },
    runStep,
    runFrom,
    async skip(stepId) {
      const step = findStep(runbook, stepId);
      if (step.kind !== 'action' || !step.skippable) {
        throw new RunbookError(
          'not-skippable',
          `step \`${stepId}\` cannot be skipped`,
          'run it, or fix what makes it fail',
        );
      }

      store.update((state) => withStatus(state, stepId, 'skipped'));
      bus.emit({type: 'step-finished', stepId, status: 'skipped', durationMs: 0, at: Date.now()});
    },
    async undo(stepId) {
      const step = findStep(runbook, stepId);
      if (step.kind !== 'action' || step.undo.length === 0) {
        throw new RunbookError('no-undo', `step \`${stepId}\` has no undo`);
      }

      await params.resolve(step.params);
      const status = await exclusive(async (signal) =>
        runAttempt(
          internals,
          {stepId, files: [], invocations: step.undo, checks: [], successStatus: 'pending'},
          signal,
        ),
      );
      return outcomeOf(status);
    },
    choose,
    async reset(stepId) {
      if (current) {
        throw new RunbookError('busy', 'a step is running', 'cancel it first');
      }

      if (stepId === undefined) {
        store.update((state) => ({
          ...state,
          steps: Object.fromEntries(
            Object.entries(state.steps).map(([id, record]) => [
              id,
              {...record, status: 'pending' as const, outputs: {}},
            ]),
          ),
          branches: {},
        }));
        return;
      }

      findStep(runbook, stepId);
      store.update((state) => {
        const next = withRecord(state, stepId, (record) => ({
          ...record,
          status: 'pending',
          outputs: {},
        }));
        const branches = {...next.branches};
        delete branches[stepId];
        return {...next, branches};
      });
    },
    cancel() {
      stopRequested = true;
      current?.abort();
    },
    idle: async () => {
      await running;
    },
  };
}
