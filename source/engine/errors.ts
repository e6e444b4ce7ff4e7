import type {Lang} from '../i18n/text.js';

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

/** An error's message and hint in one language. */
export type ErrorText = {readonly message: string; readonly hint?: string};

/** An error's words in any language the app speaks (looked up in an i18n table). */
export type ErrorWords = (lang: Lang) => ErrorText;

/** A domain error with a code, thrown by loaders, the store and the CLI's argument checks. */
export class RunbookError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  /** The message and hint in the reader's language, when the thrower gave them. */
  readonly words: ErrorWords | undefined;

  constructor(code: string, message: string, hint?: string, words?: ErrorWords) {
    super(message);
    this.name = 'RunbookError';
    this.code = code;
    this.hint = hint;
    this.words = words;
  }
}

/** A RunbookError whose message and hint come from an i18n table (English in `message`). */
export function wordedError(code: string, words: ErrorWords): RunbookError {
  const {message, hint} = words('en');
  return new RunbookError(code, message, hint, words);
}
