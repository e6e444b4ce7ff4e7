import {RunbookError} from '../engine/errors.js';
import {didYouMean} from '../runbook/did-you-mean.js';

/** A mistake on the command line (exit code 2). */
export function usageError(message: string, hint = 'see `mke-runbook --help`'): RunbookError {
  return new RunbookError('usage', message, hint);
}

/** The closest of `candidates` to `word` when it is near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  return didYouMean(word, candidates);
}
