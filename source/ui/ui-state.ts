import type {EngineEvent, ReconcileVerdict, StepStatus} from '../engine/events.js';
import type {StepError} from '../engine/errors.js';
import type {Diagnosis} from '../diagnosis/types.js';
import type {ProfileState} from '../state/types.js';
import type {DisplayStatusName} from './strings.js';

// The interface's picture of the run, reduced from engine events. Pure: no I/O, no React.
// Output lines never enter this state; they go to a bounded ring (ring-buffer.ts).

/** What the interface knows about one step. */
export type StepView = {
  readonly status: StepStatus;
  readonly verdict?: ReconcileVerdict;
  readonly verdictDetail?: string;
  readonly attempt: number;
  readonly logPath?: string;
  readonly startedAt?: number;
  readonly durationMs?: number;
  readonly error?: StepError;
  readonly checks: readonly {
    readonly id: string;
    readonly holds: boolean;
    readonly detail: string;
  }[];
  readonly diagnosis?: Diagnosis;
};

/** The interface's whole picture of the run. */
export type UiState = {
  readonly startedAt?: number;
  readonly steps: Readonly<Record<string, StepView>>;
  readonly runningStepId?: string;
  readonly reconcile: {
    readonly phase: 'idle' | 'running' | 'done';
    readonly proposedStepId?: string;
  };
  readonly branches: Readonly<Record<string, string>>;
  /** The step whose diagnosis arrived last, for the diagnosis screen. */
  readonly lastDiagnosisStepId?: string;
  readonly run: 'idle' | 'running' | 'done' | 'failed' | 'stopped';
};

const emptyStep: StepView = {status: 'pending', attempt: 0, checks: []};

/** The starting picture, from the profile's saved state. */
export function initialUiState(saved?: ProfileState): UiState {
  const steps: Record<string, StepView> = {};
  const branches: Record<string, string> = {};
  if (saved) {
    for (const [id, record] of Object.entries(saved.steps)) {
      const last = record.attempts.at(-1);
      const started = last ? Date.parse(last.startedAt) : Number.NaN;
      const ended = last?.endedAt ? Date.parse(last.endedAt) : Number.NaN;
      steps[id] = {
        ...emptyStep,
        status: record.status,
        attempt: last?.n ?? 0,
        ...(last ? {logPath: last.logPath} : {}),
        ...(Number.isFinite(started) && Number.isFinite(ended)
          ? {durationMs: ended - started}
          : {}),
        ...(last?.error ? {error: last.error} : {}),
      };
    }

    for (const [id, record] of Object.entries(saved.branches)) branches[id] = record.branchId;
  }

  return {steps, branches, reconcile: {phase: 'idle'}, run: 'idle'};
}

function withStep(state: UiState, stepId: string, change: Partial<StepView>): UiState {
  const merged: Record<string, unknown> = {...(state.steps[stepId] ?? emptyStep), ...change};
  // A key set to undefined is removed, so the picture stays plain data.
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return {...state, steps: {...state.steps, [stepId]: merged as StepView}};
}

/** Folds one engine event into the picture. */
export function reduceUi(state: UiState, event: EngineEvent): UiState {
  switch (event.type) {
    case 'run-started': {
      return {...state, startedAt: state.startedAt ?? event.at, run: 'running'};
    }

    case 'reconcile-started': {
      return {...state, reconcile: {phase: 'running'}};
    }

    case 'reconcile-step': {
      return withStep(state, event.stepId, {verdict: event.verdict, verdictDetail: event.detail});
    }

    case 'reconcile-finished': {
      return {...state, reconcile: {phase: 'done', proposedStepId: event.proposedStepId}};
    }

    case 'step-started': {
      return {
        ...withStep(state, event.stepId, {
          status: 'running',
          attempt: event.attempt,
          logPath: event.logPath,
          startedAt: event.at,
          durationMs: undefined,
          error: undefined,
          verdict: undefined,
          verdictDetail: undefined,
          checks: [],
          diagnosis: undefined,
        }),
        runningStepId: event.stepId,
      };
    }

    case 'check-result': {
      const current = state.steps[event.stepId] ?? emptyStep;
      const check = {id: event.checkId, holds: event.holds, detail: event.detail};
      return withStep(state, event.stepId, {
        checks: [...current.checks.filter((c) => c.id !== event.checkId), check],
      });
    }

    case 'step-finished': {
      const next = withStep(state, event.stepId, {
        status: event.status,
        durationMs: event.durationMs,
        error: event.error,
        verdict: undefined,
        verdictDetail: undefined,
      });
      return state.runningStepId === event.stepId ? {...next, runningStepId: undefined} : next;
    }

    case 'diagnosis': {
      return {
        ...withStep(state, event.stepId, {diagnosis: event.diagnosis}),
        lastDiagnosisStepId: event.stepId,
      };
    }

    case 'branch-chosen': {
      // The engine records the choice step done with its branch; no step event says so. What
      // a switch set back to pending (done under the branch left) is no longer verified either.
      const reset = (event.reset ?? []).reduce(
        (picture, id) =>
          withStep(picture, id, {status: 'pending', verdict: undefined, verdictDetail: undefined}),
        state,
      );
      return {
        ...withStep(reset, event.stepId, {status: 'done', verdict: undefined}),
        branches: {...state.branches, [event.stepId]: event.branchId},
      };
    }

    case 'run-finished': {
      return {...state, run: event.status, runningStepId: undefined};
    }

    // Output goes to the ring buffer, parameters need no picture: nothing changes here.
    case 'step-output':
    case 'step-plan':
    case 'param-resolved': {
      return state;
    }
  }
}

/** What the step list shows for a step: the store's status refined by reconcile's verdict. */
export function displayStatus(view: StepView | undefined): DisplayStatusName {
  if (!view) return 'pending';
  if (view.status === 'running') return 'running';
  switch (view.verdict) {
    case 'verified': {
      return 'verified';
    }

    case 'drifted': {
      return 'drifted';
    }

    case 'found-in-place': {
      return 'found';
    }

    case 'unknown': {
      return view.status === 'done' ? 'unknown' : view.status;
    }

    default: {
      return view.status;
    }
  }
}

/**
 * True when the step counts as behind us for the progress bar. `unknown` is shown only for a
 * step recorded done whose check could not run (a secret not given): it is behind us too — a
 * finished install read 11/15 for three such steps.
 */
export function isSettled(status: DisplayStatusName): boolean {
  return (
    status === 'done' ||
    status === 'verified' ||
    status === 'found' ||
    status === 'skipped' ||
    status === 'unknown'
  );
}
