import {wordedError, type ErrorWords, type RunbookError} from '../engine/errors.js';
import {didYouMean} from '../runbook/did-you-mean.js';

/** A mistake on the command line (exit code 2), in words from an i18n table. */
export function usageError(words: ErrorWords): RunbookError {
  return wordedError('usage', words);
}

/** The closest of `candidates` to `word` when it is near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  return didYouMean(word, candidates);
}
