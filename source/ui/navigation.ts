import type {PlannedStep, RunOutcome} from '../engine/engine-api.js';
import type {Diagnosis} from '../diagnosis/types.js';
import {isSettled} from './ui-state.js';
import type {StepRow} from './step-rows.js';

/** Where a diagnosis's "next" points in the list: the step itself, else the choice that holds it. */
export function jumpTarget(planned: readonly PlannedStep[], next: Diagnosis['next']): number {
  if (!next.stepId) return -1;
  const direct = planned.findIndex((p) => p.step.id === next.stepId);
  if (direct >= 0) return direct;
  return planned.findIndex(
    (p) =>
      p.kind === 'choice' &&
      p.step.branches.some(
        (b) => b.id === next.branchId || b.steps.some((s) => s.id === next.stepId),
      ),
  );
}

/**
 * The steps a jump from `from` forward to `to` passes over that would otherwise be left behind
 * pending: skippable action steps (they only read or explain) not yet run.
 */
export function passedOver(
  planned: readonly PlannedStep[],
  statusOf: (stepId: string) => string,
  from: number,
  to: number,
): PlannedStep[] {
  if (from < 0 || to <= from + 1) return [];
  return planned
    .slice(from + 1, to)
    .filter((p) => p.kind === 'action' && p.step.skippable && statusOf(p.step.id) === 'pending');
}

/** How the session ended, for the exit code: every step behind us, a failure, or stopped. */
export function outcomeOf(rows: readonly StepRow[]): RunOutcome {
  if (rows.length > 0 && rows.every((row) => isSettled(row.status))) return 'done';
  if (rows.some((row) => row.status === 'failed')) return 'failed';
  return 'stopped';
}
