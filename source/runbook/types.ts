import type {I18nText} from '../i18n/text.js';

// The typed, immutable model a runbook file becomes after loading and validation
// (source/runbook/load.ts). Nothing here does I/O. Strings in `with`, `path`, `env`
// and `stdin` may hold templates (`{{ params.x }}`, `{{ outputs.step.key }}`,
// `{{ workdir }}`), rendered by source/runbook/template.ts just before use.

/** The kinds of parameter a runbook can ask for. */
export type ParamType =
  'string' | 'url' | 'ip' | 'integer' | 'boolean' | 'choice' | 'secret' | 'path';

/** A value a parameter can hold once resolved. */
export type ParamValue = string | number | boolean;

/** One parameter of a runbook. */
export type ParamSpec = {
  readonly id: string;
  readonly type: ParamType;
  readonly label: I18nText;
  readonly help?: I18nText;
  readonly default?: ParamValue;
  /** Environment variable the value may come from (always the way for secrets in headless runs). */
  readonly env?: string;
  /** For `choice`: the allowed values. */
  readonly choices?: readonly string[];
  /** For `integer`. */
  readonly min?: number;
  readonly max?: number;
  /** For `string`/`secret`/`path`: a regular expression the value must match, with the message to show. */
  readonly pattern?: string;
  readonly patternMessage?: I18nText;
  /** Parameters that are optional may stay unset; templates then render them as ''. */
  readonly optional?: boolean;
};

/** A call of a registered action or probe, with its (template) arguments. */
export type Invocation = {
  readonly action: string;
  readonly with: Readonly<Record<string, unknown>>;
  /** Where in the runbook file this came from, for messages: `runbooks/x.yaml:42`. */
  readonly source: SourceRef;
};

/** A check: a probe that must hold after the step ran. */
export type CheckSpec = {
  readonly id: string;
  readonly probe: string;
  readonly with: Readonly<Record<string, unknown>>;
  readonly title: I18nText;
  readonly source: SourceRef;
};

/** A file a step writes from an `assets/` template. */
export type FileSpec = {
  /** Destination (template); relative paths are inside the profile's work directory. */
  readonly path: string;
  /** Template file under `assets/`. */
  readonly template: string;
  readonly mode?: number;
  readonly source: SourceRef;
};

/** Position in a runbook file. */
export type SourceRef = {readonly file: string; readonly line: number; readonly path: string};

/** An ordinary step. */
export type ActionStep = {
  readonly kind: 'action';
  readonly id: string;
  readonly title: I18nText;
  /** What the step does and why (the teaching text). */
  readonly text: I18nText;
  /** Parameters this step needs; asked for (or required headless) before it runs. */
  readonly params: readonly string[];
  readonly files: readonly FileSpec[];
  readonly run: readonly Invocation[];
  /** Tells whether the step's effect already exists (read-only). Absent: never "found in place". */
  readonly done?: Invocation;
  /** Re-run on every resume; never counted as verified (preflight). */
  readonly always: boolean;
  readonly checks: readonly CheckSpec[];
  readonly undo: readonly Invocation[];
  readonly skippable: boolean;
  /** A warning the user must confirm before the step runs (dangerous steps). */
  readonly confirm?: I18nText;
  /** Expected duration in milliseconds. */
  readonly expectedMs: number;
  readonly source: SourceRef;
};

/** One branch of a choice. */
export type Branch = {
  readonly id: string;
  readonly title: I18nText;
  readonly text: I18nText;
  /** What the branch grants, and its risk: shown side by side on the choice screen. */
  readonly grants?: I18nText;
  readonly risk?: I18nText;
  readonly steps: readonly ActionStep[];
  /** Run when leaving this branch for another (e.g. remove the cluster-admin binding). */
  readonly leave: readonly Invocation[];
};

/** A step that branches. */
export type ChoiceStep = {
  readonly kind: 'choice';
  readonly id: string;
  readonly title: I18nText;
  readonly text: I18nText;
  readonly branches: readonly Branch[];
  /** Parameter whose value picks the branch headless (`--set remediation=psp-grant`). */
  readonly param?: string;
  readonly expectedMs: number;
  readonly source: SourceRef;
};

/** A step of a runbook. */
export type Step = ActionStep | ChoiceStep;

/** A loaded runbook. */
export type Runbook = {
  readonly id: string;
  readonly version: number;
  readonly title: I18nText;
  readonly summary: I18nText;
  readonly params: readonly ParamSpec[];
  readonly steps: readonly Step[];
  /** Absolute path of the file it came from. */
  readonly file: string;
  /** Absolute path of the assets directory templates are read from. */
  readonly assetsDir: string;
};
