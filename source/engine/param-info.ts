import type {ParamSpec} from '../runbook/types.js';
import {RunbookError} from './errors.js';
import type {StepStatus} from './events.js';
import type {Internals} from './internals.js';
import type {ParamVerdict} from './param-value.js';
import type {ParamInUse} from './params.js';
import {plannedSteps} from './plan.js';
import {statusOf} from './records.js';

/** A step of the plan that uses a parameter, and where it stands. */
export type ParamUse = {
  readonly stepId: string;
  readonly kind: 'action' | 'choice';
  readonly status: StepStatus;
  /** Done or running: what it built used the value in use, so the value cannot change under it. */
  readonly locks: boolean;
};

/** A parameter as the person may see it (never a secret's value). */
export type ParamInfo = ParamInUse & {
  readonly spec: ParamSpec;
  readonly usedBy: readonly ParamUse[];
};

/** The steps of the plan now that use the parameter (an action's templates, a choice's param). */
export function paramUses(internals: Internals, id: string): ParamUse[] {
  const state = internals.store.get();
  return plannedSteps(internals.runbook, state).flatMap((entry): ParamUse[] => {
    const uses = entry.kind === 'action' ? entry.step.params.includes(id) : entry.step.param === id;
    if (!uses) return [];
    const status = statusOf(state, entry.step.id);
    // A step run on every resume (preflight, the proofs) checks the value; it built nothing.
    const always = entry.kind === 'action' && entry.step.always;
    const locks = status === 'running' || (status === 'done' && !always);
    return [{stepId: entry.step.id, kind: entry.kind, status, locks}];
  });
}

/** Every parameter of the runbook with its value in use, where it comes from, and its steps. */
export function paramInfos(internals: Internals): ParamInfo[] {
  return internals.runbook.params.map((spec) => ({
    spec,
    ...internals.params.inUse(spec.id),
    usedBy: paramUses(internals, spec.id),
  }));
}

/**
 * Changes a parameter as an answer to its question would: checked (a refused value comes back
 * with why), saved in the profile (a secret only in memory, and masked from then on). Throws
 * while a step that used it is done or running: the world was built with the value in use.
 */
export function setParam(internals: Internals, id: string, raw: string): ParamVerdict {
  const locking = paramUses(internals, id).filter((use) => use.locks);
  if (locking.length > 0) {
    const ids = locking.map((use) => use.stepId).join(', ');
    throw new RunbookError(
      'param-in-use',
      `parameter \`${id}\` was used by ${locking.length === 1 ? 'a step' : 'steps'} already done or running: ${ids}`,
      `undo or reset ${locking.length === 1 ? 'it' : 'them'} (\`mke-runbook reset --step ID\`), then change the value and run ${locking.length === 1 ? 'it' : 'them'} again`,
    );
  }

  return internals.params.change(id, raw);
}
