import type {StepError} from '../engine/errors.js';
import type {StepStatus} from '../engine/events.js';
import type {OutputValue} from '../actions/types.js';
import type {ParamValue} from '../runbook/types.js';

// The shape of a profile's state file. Plain JSON, so it can be mirrored elsewhere later.
// Secrets never appear here. Parsed from `unknown` by source/state/parse.ts on load.

/** The current schema version; older files are migrated, newer ones refused. */
export const stateSchemaVersion = 1;

/** One attempt at a step. */
export type AttemptRecord = {
  readonly n: number;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly status: StepStatus;
  readonly error?: StepError;
  /** Absolute path of this attempt's full log. */
  readonly logPath: string;
};

/** A step's record. */
export type StepRecord = {
  readonly status: StepStatus;
  readonly attempts: readonly AttemptRecord[];
  readonly outputs: Readonly<Record<string, OutputValue>>;
};

/** The branch chosen at a choice step, and why. */
export type BranchRecord = {
  readonly branchId: string;
  readonly at: string;
  readonly reason?: string;
  readonly previous?: string;
};

/** A profile's whole state. */
export type ProfileState = {
  readonly schemaVersion: number;
  readonly runbookId: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly steps: Readonly<Record<string, StepRecord>>;
  readonly branches: Readonly<Record<string, BranchRecord>>;
  readonly target: 'real' | 'simulated';
  readonly createdAt: string;
  readonly updatedAt: string;
};
