import {RunbookError} from '../engine/errors.js';
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

// For errors raised without a hint: every message a user can cause says what to try.
const fallbackHints: Readonly<Record<string, string>> = {
  'runbook-not-found':
    'name an existing runbook file (the default is runbooks/mke-gitlab-runner.yaml)',
  'state-corrupt': 'look at the file, or move it away to start the profile again',
};

/** One clear message (and its hint) for stderr, without a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof RunbookError) {
    const hint = error.hint ?? fallbackHints[error.code] ?? 'see `mke-runbook --help`';
    return `mke-runbook: ${error.message}\nhint: ${hint}\n`;
  }

  const message = error instanceof Error ? error.message : String(error);
  return `mke-runbook: unexpected error: ${message}\nhint: this is a bug; run with MKE_RUNBOOK_DEBUG=1 for details and report it\n`;
}
