import {pick, type Lang} from '../i18n/text.js';
import {RunbookError} from '../engine/errors.js';
import type {Prompter} from '../engine/prompter.js';
import type {Runbook} from '../runbook/types.js';

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
      const label = pick(param.label, options.lang);
      const how =
        param.type === 'secret'
          ? param.env
            ? `set the environment variable ${param.env}`
            : 'run in a terminal to type it (secrets are never taken from --set)'
          : `give --set ${param.id}=VALUE${param.env ? ` or set the environment variable ${param.env}` : ''}`;
      return refuse(
        new RunbookError('missing-param', `parameter \`${param.id}\` (${label}) has no value`, how),
      );
    },
    async confirm(question, confirmOptions) {
      if (options.assumeYes) return true;
      const danger = confirmOptions?.danger ? ' (dangerous)' : '';
      return refuse(
        new RunbookError(
          'needs-answer',
          `a question needs an answer${danger}: ${pick(question, options.lang)}`,
          'add --yes to confirm it, or run in a terminal to answer',
        ),
      );
    },
    async choose(stepId, branches) {
      const choice = options.runbook.steps.find((step) => step.id === stepId);
      const parameter = choice?.kind === 'choice' ? choice.param : undefined;
      const ids = branches.map((branch) => branch.id).join(', ');
      return refuse(
        new RunbookError(
          'needs-choice',
          `step \`${stepId}\` needs a choice between ${ids}`,
          parameter
            ? `give --set ${parameter}=${branches[0]?.id ?? 'BRANCH'}`
            : 'run in a terminal to choose',
        ),
      );
    },
  };
}
