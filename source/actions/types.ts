import type {z} from 'zod';
import type {Lang} from '../i18n/text.js';
import type {OutputStream, Ports} from '../integrations/ports.js';
import type {Prompter} from '../engine/prompter.js';
import type {StepError} from '../engine/errors.js';
import type {Diagnosis} from '../diagnosis/types.js';

// Actions and probes are small modules, one concern each, registered by name in
// source/actions/registry.ts. They take plain, already-rendered arguments (validated by
// their zod schema), talk to one integration through `ctx.ports`, and know nothing of the UI.

/** Something a step will do, shown before it runs (details view, `plan`, export). */
export type PlannedEffect =
  | {
      readonly kind: 'command';
      readonly file: string;
      readonly args: readonly string[];
      readonly env?: readonly string[];
      readonly stdin?: string;
    }
  | {readonly kind: 'file'; readonly path: string; readonly content: string; readonly diff?: string}
  | {readonly kind: 'manifest'; readonly action: 'apply' | 'delete'; readonly yaml: string}
  | {
      readonly kind: 'request';
      readonly method: string;
      readonly url: string;
      readonly body?: string;
      readonly diff?: string;
    }
  | {readonly kind: 'note'; readonly text: string};

/** A value an action can capture for later steps (`{{ outputs.<step>.<key> }}`). */
export type OutputValue = string | number | boolean;

/** What the engine hands every action and probe. */
export type ActionContext = {
  readonly signal: AbortSignal;
  /** Streams output lines to the step's log and to the events (the engine redacts them); a returned promise asks the caller to wait (the log is behind). */
  readonly output: (
    lines: readonly string[],
    stream?: 'stdout' | 'stderr' | 'info',
  ) => void | Promise<void>;
  readonly ports: Ports;
  /** The profile's work directory: files a step writes go here unless the path is absolute. */
  readonly workdir: string;
  readonly lang: Lang;
  readonly prompter: Prompter;
  /** True when the run answers every question with yes (`--yes`). */
  readonly assumeYes: boolean;
  /** Values of secret parameters, for actions that pass them on through env or stdin. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Reads a template under the runbook's `assets/` and renders it with the step's values. */
  readonly readTemplate?: (name: string) => Promise<string>;
  /**
   * Where a command's output can go without passing through the action line by line (the
   * log, with only the latest lines shown): for `ProcessPort.run`'s `stream`. Undefined when
   * every line must come through `output` (a reporter printing them all).
   */
  readonly outputStream?: () => Promise<OutputStream | undefined>;
};

/** The result of an action. */
export type ActionResult =
  | {
      readonly ok: true;
      readonly outputs?: Readonly<Record<string, OutputValue>>;
      readonly summary?: string;
      /** Failures it recognised (e.g. the job trace's UCPAuthorization refusal); the engine emits them. */
      readonly diagnoses?: readonly Diagnosis[];
    }
  | {readonly ok: false; readonly error: StepError; readonly diagnoses?: readonly Diagnosis[]};

/** The result of a probe: does it hold, and in a sentence, what was seen. */
export type ProbeResult = {
  readonly holds: boolean;
  readonly detail: string;
  readonly outputs?: Readonly<Record<string, OutputValue>>;
};

/** What describe() is given: it may read, never write; `lang` (English when absent) for its notes. */
export type DescribeContext = Pick<
  ActionContext,
  'workdir' | 'ports' | 'secrets' | 'readTemplate'
> &
  Partial<Pick<ActionContext, 'lang'>>;

/** A registered action. */
export type ActionDefinition<A = unknown> = {
  readonly name: string;
  readonly args: z.ZodType<A>;
  /** What it will do with these arguments, without doing it (may read, never write). */
  readonly describe: (
    args: A,
    ctx: DescribeContext,
  ) => Promise<readonly PlannedEffect[]> | readonly PlannedEffect[];
  readonly run: (args: A, ctx: ActionContext) => Promise<ActionResult>;
};

/** A registered probe: read-only. */
export type ProbeDefinition<A = unknown> = {
  readonly name: string;
  readonly args: z.ZodType<A>;
  readonly run: (args: A, ctx: Omit<ActionContext, 'prompter'>) => Promise<ProbeResult>;
};
