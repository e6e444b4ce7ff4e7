import type {StepError} from './errors.js';
import type {PlannedEffect, OutputValue} from '../actions/types.js';
import type {Diagnosis} from '../diagnosis/types.js';

/** The status of a step as the state store records it. */
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'interrupted';

/** What reconcile found for a step on start. */
export type ReconcileVerdict =
  | 'verified' // recorded done, and the done-probe holds
  | 'drifted' // recorded done, but the probe no longer holds
  | 'found-in-place' // not recorded done, but the probe holds (done by hand)
  | 'pending' // not done, probe does not hold (or there is none)
  | 'unknown'; // the probe could not tell (error or timeout)

/** Where the run is pointed. */
export type Target = 'real' | 'simulated';

/**
 * Everything the engine reports, in order. The UI reduces these; the plain and JSON
 * reporters print them. Output arrives in batches of lines (one event per chunk, not per
 * line) so a flood costs little; every line is already redacted and already in the log.
 */
export type EngineEvent =
  | {
      readonly type: 'run-started';
      readonly runbookId: string;
      readonly profile: string;
      readonly target: Target;
      readonly at: number;
    }
  | {readonly type: 'reconcile-started'; readonly at: number}
  | {
      readonly type: 'reconcile-step';
      readonly stepId: string;
      readonly verdict: ReconcileVerdict;
      readonly detail: string;
    }
  | {
      readonly type: 'reconcile-finished';
      readonly proposedStepId: string | undefined;
      readonly at: number;
      /** Steps the state records that the runbook does not have (a hand-edited or older state). */
      readonly unknownStepIds?: readonly string[];
    }
  | {
      readonly type: 'param-resolved';
      readonly paramId: string;
      readonly from: 'flag' | 'env' | 'file' | 'state' | 'default' | 'prompt';
    }
  | {
      readonly type: 'step-started';
      readonly stepId: string;
      readonly attempt: number;
      readonly logPath: string;
      readonly at: number;
    }
  | {
      readonly type: 'step-plan';
      readonly stepId: string;
      readonly effects: readonly PlannedEffect[];
    }
  | {
      readonly type: 'step-output';
      readonly stepId: string;
      readonly lines: readonly string[];
      readonly stream: 'stdout' | 'stderr' | 'info';
    }
  | {
      readonly type: 'check-result';
      readonly stepId: string;
      readonly checkId: string;
      readonly holds: boolean;
      readonly detail: string;
    }
  | {
      readonly type: 'step-finished';
      readonly stepId: string;
      readonly status: Exclude<StepStatus, 'pending' | 'running'>;
      readonly durationMs: number;
      readonly error?: StepError;
      readonly outputs?: Readonly<Record<string, OutputValue>>;
      readonly at: number;
    }
  | {readonly type: 'diagnosis'; readonly stepId: string; readonly diagnosis: Diagnosis}
  | {
      readonly type: 'branch-chosen';
      readonly stepId: string;
      readonly branchId: string;
      readonly previous?: string;
      /** Steps set back to pending by the switch (done under the branch left). */
      readonly reset?: readonly string[];
    }
  | {
      readonly type: 'run-finished';
      readonly status: 'done' | 'failed' | 'stopped';
      readonly at: number;
    };
