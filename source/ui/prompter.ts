import type {Prompter} from '../engine/prompter.js';
import type {ParamSpec, Branch} from '../runbook/types.js';
import type {I18nText} from '../i18n/text.js';

// The engine asks; the screens answer. Questions wait in a queue until the interface is
// mounted and shows them one at a time. No Ink here: the CLI builds this before the UI loads.

/** A question waiting for the person. */
export type Question =
  | {readonly kind: 'param'; readonly param: ParamSpec; readonly error?: string}
  | {readonly kind: 'confirm'; readonly question: I18nText; readonly danger: boolean}
  | {readonly kind: 'choice'; readonly stepId: string; readonly branches: readonly Branch[]};

/** The answer a screen gives to the current question. */
export type Answer = string | boolean;

/** A Prompter the Ink screens answer. */
export type UiPrompter = Prompter & {
  /** The question on screen now, if any. */
  readonly current: () => Question | undefined;
  /** Answers the current question. */
  readonly answer: (value: Answer) => void;
  /** Refuses the current question (the engine's call rejects). */
  readonly dismiss: (reason: string) => void;
  /** Called whenever the current question changes; returns the unsubscribe function. */
  readonly subscribe: (listener: () => void) => () => void;
};

type Pending = {
  readonly question: Question;
  readonly resolve: (value: Answer) => void;
  readonly reject: (error: Error) => void;
};

/** Makes a prompter whose questions the interface shows. */
export function createUiPrompter(): UiPrompter {
  const queue: Pending[] = [];
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };

  const ask = async (question: Question): Promise<Answer> =>
    new Promise<Answer>((resolve, reject) => {
      queue.push({question, resolve, reject});
      if (queue.length === 1) changed();
    });

  const settle = (action: (pending: Pending) => void) => {
    const pending = queue.shift();
    if (!pending) return;
    action(pending);
    changed();
  };

  return {
    async askParam(param, error) {
      return String(await ask({kind: 'param', param, error}));
    },
    async confirm(question, options) {
      return (await ask({kind: 'confirm', question, danger: options?.danger ?? false})) === true;
    },
    async choose(stepId, branches) {
      return String(await ask({kind: 'choice', stepId, branches}));
    },
    current: () => queue[0]?.question,
    answer(value) {
      settle((pending) => {
        pending.resolve(value);
      });
    },
    dismiss(reason) {
      settle((pending) => {
        pending.reject(new Error(reason));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The prompter shared by the CLI and `runInteractive` when they are not handed one. */
export const uiPrompter: UiPrompter = createUiPrompter();
