import type {ActionStep, ChoiceStep, Runbook} from '../runbook/types.js';
import type {RunOutcome} from './engine-api.js';
import {RunbookError} from './errors.js';
import type {Internals} from './internals.js';
import {findStep} from './plan.js';
import {withStatus} from './records.js';
import {runAttempt} from './attempt.js';
import {paramsIn} from './scope.js';
import type {StepStatus} from './events.js';

/** Runs work as the engine's one running step (refused while another runs). */
export type Exclusive = <T>(work: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/**
 * Records a branch of a choice. Leaving another branch first runs its `leave` actions (as an
 * attempt of the choice step) and sets its steps back to pending; `previous` is recorded.
 */
export async function chooseBranch(
  internals: Internals,
  exclusive: Exclusive,
  choice: {readonly choiceId: string; readonly branchId: string; readonly reason?: string},
): Promise<RunOutcome> {
  const {runbook, store, bus, params} = internals;
  const {choiceId, branchId, reason} = choice;
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

  internals.chosen.add(choiceId);
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
  const reset: string[] = [];
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

    // So is what came after the choice: it was done (a proof, a summary) under the branch left.
    for (const later of previous === undefined ? [] : stepsAfter(runbook, choiceId)) {
      const status = next.steps[later.id]?.status;
      if (status !== undefined && status !== 'pending') {
        next = withStatus(next, later.id, 'pending');
        reset.push(later.id);
      }
    }

    // The choice's parameter follows the branch, so a later run does not read a stale one.
    if (step.param !== undefined) {
      next = {...next, params: {...next.params, [step.param]: branchId}};
    }

    return withStatus(next, choiceId, 'done');
  });
  bus.emit({
    type: 'branch-chosen',
    stepId: choiceId,
    branchId,
    ...(previous ? {previous} : {}),
    ...(reset.length > 0 ? {reset} : {}),
  });
  return 'done';
}

/** Picks the branch of a choice step not chosen yet: from its parameter, else the prompter. */
export async function pickBranch(
  internals: Internals,
  step: ChoiceStep,
  choose: (choiceId: string, branchId: string) => Promise<RunOutcome>,
): Promise<RunOutcome> {
  const {store, params} = internals;
  const recorded = store.get().branches[step.id]?.branchId;
  if (recorded !== undefined) {
    // A branch given explicitly for this run (`--set remediation=psp-grant`) switches to it.
    const wanted = switchWanted(internals, step);
    return wanted === undefined ? 'done' : choose(step.id, wanted);
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
}

/** The action steps after a choice, those of later choices' branches included. */
function stepsAfter(runbook: Runbook, choiceId: string): ActionStep[] {
  const index = runbook.steps.findIndex((step) => step.id === choiceId);
  return runbook.steps
    .slice(index + 1)
    .flatMap((step) =>
      step.kind === 'action' ? [step] : step.branches.flatMap((branch) => branch.steps),
    );
}

function outcomeOf(status: StepStatus): RunOutcome {
  return status === 'done' ? 'done' : status === 'interrupted' ? 'stopped' : 'failed';
}

/** The branch this run was explicitly given for a choice that recorded another one, if any. */
export function switchWanted(internals: Internals, step: ChoiceStep): string | undefined {
  const recorded = internals.store.get().branches[step.id]?.branchId;
  const given = step.param === undefined ? undefined : internals.params.given(step.param);
  if (
    recorded === undefined ||
    given === undefined ||
    String(given) === recorded ||
    internals.chosen.has(step.id)
  ) {
    return undefined;
  }

  return step.branches.some((branch) => branch.id === String(given)) ? String(given) : undefined;
}
