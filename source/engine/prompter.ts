import type {ParamSpec, Branch} from '../runbook/types.js';
import type {I18nText} from '../i18n/text.js';

/**
 * How the engine asks the person something. The Ink UI implements it with screens; headless
 * runs implement it from flags (`--yes`, `--set`) and fail with a clear message where a
 * question would be needed.
 */
export type Prompter = {
  /** A parameter value (masked for secrets). Rejects when it cannot be answered. */
  readonly askParam: (param: ParamSpec, error?: string) => Promise<string>;
  /** Yes/no, with a warning shown when the action is dangerous. */
  readonly confirm: (question: I18nText, options?: {readonly danger?: boolean}) => Promise<boolean>;
  /** A branch of a choice step. */
  readonly choose: (stepId: string, branches: readonly Branch[]) => Promise<string>;
};
