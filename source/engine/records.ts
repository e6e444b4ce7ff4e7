import type {ProfileState, StepRecord, AttemptRecord} from '../state/types.js';
import type {StepStatus} from './events.js';
import type {StepError} from './errors.js';
import type {OutputValue} from '../actions/types.js';

// Pure transitions of the state file; the engine writes each result before moving on.

const emptyRecord: StepRecord = {status: 'pending', attempts: [], outputs: {}};

/** A step's record, or an empty pending one. */
export function recordOf(state: ProfileState, stepId: string): StepRecord {
  return state.steps[stepId] ?? emptyRecord;
}

/** The status a step has in the state. */
export function statusOf(state: ProfileState, stepId: string): StepStatus {
  return recordOf(state, stepId).status;
}

/** Replaces one step's record. */
export function withRecord(
  state: ProfileState,
  stepId: string,
  change: (record: StepRecord) => StepRecord,
): ProfileState {
  return {...state, steps: {...state.steps, [stepId]: change(recordOf(state, stepId))}};
}

/** A new attempt begins: the step is `running` before any child starts (so a kill leaves a trace). */
export function attemptStarted(
  state: ProfileState,
  stepId: string,
  attempt: AttemptRecord,
): ProfileState {
  return withRecord(state, stepId, (record) => ({
    ...record,
    status: 'running',
    attempts: [...record.attempts, attempt],
  }));
}

/** The running attempt ends with a status. */
export function attemptFinished(
  state: ProfileState,
  stepId: string,
  end: {
    readonly status: StepStatus;
    readonly endedAt: string;
    readonly error?: StepError;
    readonly outputs?: Readonly<Record<string, OutputValue>>;
  },
): ProfileState {
  return withRecord(state, stepId, (record) => ({
    status: end.status,
    attempts: record.attempts.map((attempt, index) =>
      index === record.attempts.length - 1
        ? {
            n: attempt.n,
            startedAt: attempt.startedAt,
            logPath: attempt.logPath,
            endedAt: end.endedAt,
            status: end.status,
            ...(end.error ? {error: end.error} : {}),
          }
        : attempt,
    ),
    outputs: end.status === 'done' ? {...record.outputs, ...end.outputs} : record.outputs,
  }));
}

/** Every `running` step (and attempt) becomes `interrupted`: its process is gone. */
export function interruptRunning(state: ProfileState, at: string): ProfileState {
  let next = state;
  for (const [stepId, record] of Object.entries(state.steps)) {
    if (record.status === 'running') {
      next = attemptFinished(next, stepId, {
        status: 'interrupted',
        endedAt: at,
        error: {
          code: 'interrupted',
          message: 'the run ended while this step was running',
          hint: 'check what the step left behind (resume does), then retry it',
        },
      });
    }
  }

  return next;
}

/** Sets a step's status without an attempt (skip, reset, reconcile). */
export function withStatus(
  state: ProfileState,
  stepId: string,
  status: StepStatus,
  outputs?: Readonly<Record<string, OutputValue>>,
): ProfileState {
  return withRecord(state, stepId, (record) => ({
    ...record,
    status,
    outputs: outputs === undefined ? record.outputs : {...record.outputs, ...outputs},
  }));
}
