import type {Lang} from '../i18n/text.js';
import type {ParamOrigin} from '../engine/params.js';
import {en} from './strings-en.js';
import {ja} from './strings-ja.js';

// The interface's own words. The procedure's words come from the runbook, never from here.

/** Every word the interface itself says, in one language. */
export type UiStrings = {
  readonly simulated: string;
  readonly real: string;
  readonly profile: string;
  readonly steps: string;
  readonly status: Readonly<Record<DisplayStatusName, string>>;
  readonly expected: string;
  readonly branch: string;
  readonly whatWillHappen: string;
  readonly loadingPlan: string;
  readonly nothingToDo: string;
  readonly command: string;
  readonly file: string;
  readonly manifestApply: string;
  readonly manifestDelete: string;
  readonly request: string;
  readonly note: string;
  readonly envFrom: string;
  readonly stdinGiven: string;
  readonly quietFor: string;
  readonly of: string;
  readonly output: string;
  readonly noOutput: string;
  readonly log: string;
  readonly noLog: string;
  readonly search: string;
  readonly notFound: string;
  readonly lineOf: string;
  readonly question: string;
  readonly secretHint: (env: string) => string;
  readonly secretNoEnv: string;
  readonly enterToSubmit: string;
  readonly invalid: Readonly<Record<ValidationError, string>>;
  readonly between: (min: number | undefined, max: number | undefined) => string;
  readonly oneOf: (choices: readonly string[]) => string;
  readonly choose: string;
  readonly grants: string;
  readonly risk: string;
  readonly article: string;
  readonly suggested: string;
  /** The tag on the branch already chosen, when a choice is made again. */
  readonly current: string;
  readonly warning: string;
  readonly confirmYesNo: string;
  readonly diagnosis: string;
  readonly speakers: Readonly<Record<SpeakerName, string>>;
  /** Labels of the diagnosis fields shown, in the order shown; other fields are not shown. */
  readonly fields: Readonly<Record<string, string>>;
  /** What an empty field shows. */
  readonly noValue: string;
  readonly next: string;
  readonly jumpKey: string;
  /** Notice after a jump recorded the explaining steps it passed over as skipped. */
  readonly passedOver: string;
  /** The last row of a step text cut short in the pane. */
  readonly moreText: (lines: number) => string;
  readonly resumeTitle: string;
  readonly reconciling: string;
  readonly verdicts: Readonly<Record<VerdictName, string>>;
  readonly proposed: string;
  readonly resumeKeys: string;
  readonly help: string;
  readonly keys: Readonly<Record<KeyName, string>>;
  readonly legend: string;
  readonly quitRunning: string;
  readonly topology: string;
  readonly nodeRoles: Readonly<Record<'client' | 'manager' | 'worker', string>>;
  readonly nodeStates: Readonly<Record<'absent' | 'up' | 'mke' | 'runner', string>>;
  readonly failedWith: string;
  readonly hint: string;
  readonly closeHint: string;
  readonly params: ParamsViewStrings;
};

/** The parameters view's words. */
export type ParamsViewStrings = {
  readonly title: string;
  /** The source column, short. */
  readonly origins: Readonly<Record<ParamOrigin, string>>;
  /** The source of the selected parameter, as a sentence (`env` names the variable). */
  readonly explain: Readonly<Record<ParamOrigin, (env: string) => string>>;
  /** After a change over a value given at start (`--set`, a file, the environment). */
  readonly overrides: Readonly<Record<'flag' | 'file' | 'env', (env: string) => string>>;
  /** A secret typed here. */
  readonly secretSession: string;
  readonly usedBy: string;
  readonly usedByNone: string;
  /** Marks a parameter a step already done was built with (the legend under the list). */
  readonly lockedLegend: string;
  readonly locked: (steps: string) => string;
  /** How to redo steps done with the value (`undo` when every one has an undo). */
  readonly redo: (undo: boolean, stepIds: readonly string[]) => string;
  readonly redoChoice: string;
  readonly refused: string;
  readonly saved: (label: string) => string;
};

/** Status names the step list shows (the store's status, refined by reconcile). */
export type DisplayStatusName =
  | 'pending'
  | 'running'
  | 'done'
  | 'verified'
  | 'drifted'
  | 'found'
  | 'unknown'
  | 'failed'
  | 'skipped'
  | 'interrupted';

/** Ways a typed answer can be wrong. */
export type ValidationError =
  'required' | 'ip' | 'url' | 'integer' | 'range' | 'choice' | 'boolean' | 'pattern';

/** Who can have said a part of an error line. */
export type SpeakerName =
  | 'gitlab-runner'
  | 'kubernetes-executor'
  | 'mke-ucp-authorization'
  | 'kubernetes'
  | 'helm'
  | 'other';

/** Reconcile verdict names. */
export type VerdictName = 'verified' | 'drifted' | 'found-in-place' | 'pending' | 'unknown';

/** Keys the footer and help overlay describe. */
export type KeyName =
  | 'select'
  | 'run'
  | 'retry'
  | 'skip'
  | 'undo'
  | 'log'
  | 'details'
  | 'diagnosis'
  | 'cancel'
  | 'lang'
  | 'help'
  | 'quit'
  | 'back'
  | 'page'
  | 'ends'
  | 'find'
  | 'scroll'
  | 'params'
  | 'change';

/** The interface's words in `lang`. */
export function uiStrings(lang: Lang): UiStrings {
  return lang === 'ja' ? ja : en;
}
