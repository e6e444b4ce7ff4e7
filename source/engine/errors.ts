/** Why a step failed, in words a person can act on. Carried in events and saved in state. */
export type StepError = {
  /** A stable code: 'exit-code', 'timeout', 'cancelled', 'forbidden', 'not-found', 'unreachable', 'invalid', 'check-failed', … */
  readonly code: string;
  /** What failed, in one sentence. */
  readonly message: string;
  /** The tool's own words (last lines of stderr, the API's Status message), redacted. */
  readonly detail?: string;
  readonly exitCode?: number;
  /** What to try next. */
  readonly hint?: string;
};

/** A domain error with a code, thrown by loaders, the store and the CLI's argument checks. */
export class RunbookError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'RunbookError';
    this.code = code;
    this.hint = hint;
  }
}
