import type {PlannedEffect} from '../actions/types.js';
import type {ActionStep} from '../runbook/types.js';
import type {PlannedStep, ReconcileReport, RunOutcome} from './engine-api.js';
import {RunbookError} from './errors.js';
import type {Internals} from './internals.js';
import {findStep, plannedSteps} from './plan.js';
import {statusOf, withRecord, withStatus} from './records.js';
import {runAttempt} from './attempt.js';
import {describeStep} from './describe.js';
import {reconcile} from './reconcile.js';
import {chooseBranch, pickBranch, switchWanted, type Exclusive} from './choose.js';
import {paramsToRun} from './params-to-run.js';

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

  const exclusive: Exclusive = async (work) => {
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

  const choose = async (choiceId: string, branchId: string, reason?: string) =>
    chooseBranch(internals, exclusive, {choiceId, branchId, ...(reason ? {reason} : {})});

  const runStep = async (stepId: string): Promise<RunOutcome> => {
    const entry = inPlan(stepId);
    return entry.kind === 'choice'
      ? pickBranch(internals, entry.step, choose)
      : runAction(entry.step);
  };

  const isFinished = (entry: PlannedStep): boolean =>
    entry.kind === 'choice'
      ? store.get().branches[entry.step.id] !== undefined &&
        switchWanted(internals, entry.step) === undefined
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
      const {ids, choices} = paramsToRun(internals, plan, start, {
        only: options.only ?? false,
        isFinished,
      });
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
