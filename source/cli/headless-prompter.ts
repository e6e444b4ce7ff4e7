import {pick, type Lang} from '../i18n/text.js';
import {wordedError, type RunbookError} from '../engine/errors.js';
import type {Prompter} from '../engine/prompter.js';
import type {Runbook} from '../runbook/types.js';
import {cliWords} from './cli-words.js';

/** A prompter for runs without a person at a terminal; remembers the question it could not answer. */
export type HeadlessPrompter = Prompter & {
  /** The refusal of the first question that could not be answered, if any. */
  readonly refused: () => RunbookError | undefined;
};

/**
 * Answers from flags alone: with `--yes` it confirms; every other question (a missing
 * parameter, a branch with no `--set`) is refused with a RunbookError naming the flag or
 * environment variable that would answer it.
 */
export function createHeadlessPrompter(options: {
  readonly runbook: Runbook;
  readonly assumeYes: boolean;
  readonly lang: Lang;
}): HeadlessPrompter {
  let refused: RunbookError | undefined;
  const refuse = (error: RunbookError): never => {
    refused ??= error;
    throw error;
  };

  return {
    refused: () => refused,
    async askParam(param) {
      return refuse(
        wordedError('missing-param', (lang) =>
          cliWords(lang).missingParam(
            param.id,
            pick(param.label, lang),
            param.type === 'secret',
            param.env,
          ),
        ),
      );
    },
    async confirm(question, confirmOptions) {
      if (options.assumeYes) return true;
      const danger = confirmOptions?.danger === true;
      return refuse(
        wordedError('needs-answer', (lang) =>
          cliWords(lang).needsAnswer(pick(question, lang), danger),
        ),
      );
    },
    async choose(stepId, branches) {
      const choice = options.runbook.steps.find((step) => step.id === stepId);
      const parameter = choice?.kind === 'choice' ? choice.param : undefined;
      const ids = branches.map((branch) => branch.id).join(', ');
      const setHint = parameter ? `--set ${parameter}=${branches[0]?.id ?? 'BRANCH'}` : undefined;
      return refuse(
        wordedError('needs-choice', (lang) => cliWords(lang).needsChoice(stepId, ids, setHint)),
      );
    },
  };
}
