import type {ActionStep, ChoiceStep, Runbook} from '../runbook/types.js';
import type {ProfileState} from '../state/types.js';
import type {PlannedStep} from './engine-api.js';
import {RunbookError} from './errors.js';

/** The steps as they apply now: each choice followed by its chosen branch's steps. */
export function plannedSteps(runbook: Runbook, state: ProfileState): PlannedStep[] {
  const planned: PlannedStep[] = [];
  for (const step of runbook.steps) {
    if (step.kind === 'action') {
      planned.push({kind: 'action', step});
      continue;
    }

    planned.push({kind: 'choice', step});
    const chosen = state.branches[step.id]?.branchId;
    const branch = step.branches.find((candidate) => candidate.id === chosen);
    for (const inner of branch?.steps ?? []) {
      planned.push({
        kind: 'action',
        step: inner,
        branch: {choiceId: step.id, branchId: branch?.id ?? ''},
      });
    }
  }

  return planned;
}

/** Any step of the runbook by id, branch steps included. */
export function findStep(runbook: Runbook, stepId: string): ActionStep | ChoiceStep {
  for (const step of runbook.steps) {
    if (step.id === stepId) {
      return step;
    }

    if (step.kind === 'choice') {
      for (const branch of step.branches) {
        const inner = branch.steps.find((candidate) => candidate.id === stepId);
        if (inner) {
          return inner;
        }
      }
    }
  }

  throw new RunbookError(
    'unknown-step',
    `no step \`${stepId}\` in runbook "${runbook.id}"`,
    'see `status` for the step ids',
  );
}
