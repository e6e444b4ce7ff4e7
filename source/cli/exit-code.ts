import {RunbookError, type ErrorText} from '../engine/errors.js';
import type {Lang} from '../i18n/text.js';
import {cliWords} from './cli-words.js';
import type {RunOutcome} from '../engine/engine-api.js';

/** The documented exit codes. */
export const exitCodes = {
  done: 0,
  failed: 1,
  usage: 2,
  refused: 3,
  sighup: 129,
  sigint: 130,
  sigterm: 143,
} as const;

// Codes of errors that refuse to go on rather than complain about input.
const refusedCodes = new Set([
  'locked',
  'state-newer',
  'state-older',
  'state-corrupt',
  'unsafe',
  'refused',
]);

// Codes of errors where the world, not the input, failed.
const failedCodes = new Set(['lab-failed']);

/** The exit code for an error that ended a command. */
export function exitCodeForError(error: unknown): number {
  if (error instanceof RunbookError && failedCodes.has(error.code)) return exitCodes.failed;
  if (error instanceof RunbookError)
    return refusedCodes.has(error.code) ? exitCodes.refused : exitCodes.usage;
  return exitCodes.failed;
}

/** The exit code for how a run ended. */
export function exitCodeForOutcome(outcome: RunOutcome): number {
  return outcome === 'done' ? exitCodes.done : exitCodes.failed;
}

/**
 * One clear message (and its hint) for stderr, without a stack trace, in `lang` when the
 * error's thrower gave its words in a table; a hint is always given (what to try next).
 */
export function errorMessage(error: unknown, lang: Lang = 'en'): string {
  const words = cliWords(lang);
  let said: ErrorText;
  if (error instanceof RunbookError) {
    const translated = error.words?.(lang);
    // An error without table words keeps its English message; its hint can still be said.
    const own = translated ? translated.hint : lang === 'en' ? error.hint : undefined;
    const hint =
      own ?? words.fallbackHints[error.code] ?? error.hint ?? words.fallbackHints['default'];
    said = {message: translated?.message ?? error.message, ...(hint ? {hint} : {})};
  } else {
    said = words.unexpected(error instanceof Error ? error.message : String(error));
  }

  return `mke-runbook: ${said.message}\n${words.hintLabel}: ${said.hint ?? ''}\n`;
}
