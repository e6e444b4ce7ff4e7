import type {PlannedStep} from './engine-api.js';
import type {Internals} from './internals.js';

/**
 * The parameters a headless run from `start` will need, so that all missing ones are listed in
 * one message: every remaining action step's, the chosen branch's, and for a choice nobody has
 * picked yet, its own parameter (required even when optional: headless cannot ask).
 */
export function paramsToRun(
  internals: Internals,
  plan: readonly PlannedStep[],
  start: PlannedStep,
  options: {readonly only: boolean; readonly isFinished: (entry: PlannedStep) => boolean},
): {readonly ids: string[]; readonly choices: string[]} {
  const from = plan.findIndex((entry) => entry.step.id === start.step.id);
  const remaining = (options.only ? [start] : plan.slice(from)).filter(
    (entry) => entry === start || !options.isFinished(entry),
  );
  const ids: string[] = [];
  const choices: string[] = [];
  for (const entry of remaining) {
    if (entry.kind === 'action') {
      ids.push(...entry.step.params);
      continue;
    }

    if (options.only) {
      continue;
    }

    const picked =
      entry.step.param === undefined ? undefined : internals.params.peek(entry.step.param);
    const branch = entry.step.branches.find((candidate) => candidate.id === picked);
    if (branch) {
      ids.push(...branch.steps.flatMap((inner) => inner.params));
    } else if (entry.step.param !== undefined) {
      choices.push(entry.step.param);
    }
  }

  return {ids, choices};
}
