import type {ActionStep, Runbook, Step} from '../runbook/types.js';

/** A step of the runbook in reading order, with the branch it belongs to (if any) and its depth. */
export type IndexedStep = {
  readonly step: Step;
  readonly branch?: {readonly choiceId: string; readonly branchId: string};
};

/** Every step of the runbook, every branch included, in the order the file gives them. */
export function allSteps(runbook: Runbook): IndexedStep[] {
  const result: IndexedStep[] = [];
  for (const step of runbook.steps) {
    result.push({step});
    if (step.kind !== 'choice') continue;
    for (const branch of step.branches) {
      for (const inner of branch.steps) {
        result.push({step: inner, branch: {choiceId: step.id, branchId: branch.id}});
      }
    }
  }

  return result;
}

/** Every action step by id, branches included. */
export function actionStepsById(runbook: Runbook): ReadonlyMap<string, ActionStep> {
  const map = new Map<string, ActionStep>();
  for (const {step} of allSteps(runbook)) if (step.kind === 'action') map.set(step.id, step);
  return map;
}
