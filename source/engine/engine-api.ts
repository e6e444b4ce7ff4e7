import type {Runbook, ActionStep, ChoiceStep, ParamValue} from '../runbook/types.js';
import type {EngineEvent, ReconcileVerdict, Target} from './events.js';
import type {PlannedEffect} from '../actions/types.js';
import type {ProfileState} from '../state/types.js';
import type {Lang} from '../i18n/text.js';
import type {Ports} from '../integrations/ports.js';
import type {Prompter} from './prompter.js';
import type {Registry} from '../actions/registry.js';
import type {Diagnosis} from '../diagnosis/types.js';
import type {ParamInfo} from './param-info.js';
import type {ParamVerdict} from './param-value.js';

// The engine's public face, used by the CLI (source/cli/*), the plain/JSON reporters
// (source/report/*) and the Ink UI (source/ui/*). Implemented in source/engine/engine.ts.

/** A step as it applies now: choice branches expanded per the chosen branch. */
export type PlannedStep =
  | {
      readonly kind: 'action';
      readonly step: ActionStep;
      readonly branch?: {readonly choiceId: string; readonly branchId: string};
    }
  | {readonly kind: 'choice'; readonly step: ChoiceStep};

/** What reconcile found, per step, and where it proposes to continue. */
export type ReconcileReport = {
  readonly steps: readonly {
    readonly stepId: string;
    readonly verdict: ReconcileVerdict;
    readonly detail: string;
  }[];
  readonly proposedStepId: string | undefined;
  readonly durationMs: number;
};

/** How a run or a step ended. */
export type RunOutcome = 'done' | 'failed' | 'stopped';

/** Where parameter values come from in a headless run, strongest first: flags, file, env, state, default. */
export type ParamSources = {
  /** `--set k=v` (and named flags). */
  readonly set: Readonly<Record<string, string>>;
  /** A params file (YAML or JSON), already read. */
  readonly file?: Readonly<Record<string, ParamValue>>;
  /** The process environment, for `env:` parameters. */
  readonly env: Readonly<Record<string, string | undefined>>;
};

/** Everything needed to open an engine on a profile. */
export type EngineOptions = {
  readonly runbook: Runbook;
  /** Root of all profiles (`--state-dir`, `MKE_RUNBOOK_HOME`, default ~/.mke-runbook). */
  readonly stateDir: string;
  readonly profile: string;
  readonly ports: Ports;
  readonly prompter: Prompter;
  readonly lang: Lang;
  readonly assumeYes: boolean;
  readonly target: Target;
  readonly paramSources: ParamSources;
  /** Actions and probes (default: the generic ones and the procedure's). */
  readonly registry?: Registry;
  /** Recognises known failures in a failed step's words and log tail (source/diagnosis). */
  readonly diagnose?: (text: string) => readonly Diagnosis[];
  /** How many lines of a step's output the engine keeps in memory (default 200). */
  readonly tailSize?: number;
  /**
   * `step-output` events carry only the latest lines of a command whose output goes straight
   * to the log (an interface showing a tail); by default every line (a reporter printing all).
   */
  readonly sampledOutput?: boolean;
};

/** An engine open on one profile (it holds the profile's lock until `close`). */
export type Engine = {
  readonly runbook: Runbook;
  readonly profile: string;
  readonly target: Target;
  /** The profile's directories: work files, logs. */
  readonly paths: {
    readonly profileDir: string;
    readonly workdir: string;
    readonly logDir: string;
    readonly stateFile: string;
  };
  /** The persisted state as it is now. */
  readonly state: () => ProfileState;
  /** The steps as they apply now. */
  readonly steps: () => readonly PlannedStep[];
  /** Listen to events; returns the unsubscribe function. */
  readonly subscribe: (listener: (event: EngineEvent) => void) => () => void;
  /** Marks `running` steps `interrupted`, runs every done-probe (in parallel, bounded) and reports. */
  readonly reconcile: () => Promise<ReconcileReport>;
  /** What the step will do, with parameters resolved (asks for missing ones). */
  readonly describe: (stepId: string) => Promise<readonly PlannedEffect[]>;
  /** Runs one step (files, actions, checks). */
  readonly runStep: (stepId: string) => Promise<RunOutcome>;
  /** Runs from a step (default: the first not done) to the end, stopping at the first failure. */
  readonly runFrom: (stepId?: string, options?: {readonly only?: boolean}) => Promise<RunOutcome>;
  readonly skip: (stepId: string) => Promise<void>;
  readonly undo: (stepId: string) => Promise<RunOutcome>;
  /** Picks a branch; leaving a branch runs its `leave` actions first. */
  readonly choose: (choiceStepId: string, branchId: string, reason?: string) => Promise<RunOutcome>;
  /** Resets a step (or all) to pending in the state file; nothing in the world changes. */
  readonly reset: (stepId?: string) => Promise<void>;
  /** Aborts the running step: its child process group is ended, the step becomes interrupted. */
  readonly cancel: () => void;
  /** Releases the lock. */
  readonly close: () => Promise<void>;
  /** A runbook text (a step's, a branch's) with its `{{ params.x }}` filled with the values known now. */
  readonly fillText: (text: string) => string;
  /** Switches the language of what the engine and the actions say from now on (the `L` key). */
  readonly setLang: (lang: Lang) => void;
  /** Every parameter: the value in use (never a secret's), where it comes from, the steps using it. */
  readonly params: () => readonly ParamInfo[];
  /**
   * Changes a parameter as an answer to its question: checked (a refused value comes back with
   * why), saved in the profile, a secret kept in memory only. Throws (`param-in-use`) while a
   * step that used it is done or running.
   */
  readonly setParam: (id: string, value: string) => ParamVerdict;
  /** The bounded tail of a step's latest output (all the engine keeps in memory). */
  readonly outputTail?: (stepId: string) => readonly string[];
};
