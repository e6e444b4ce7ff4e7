import type {Key} from 'ink';
import type {Question, UiPrompter} from './prompter.js';
import {initialDraft, pressKey, type Draft, type KeyContext} from './question-keys.js';

/** Context for a key: how to word refusals, and which branch a diagnosis suggested. */
export type DeskContext = KeyContext & {readonly suggested?: string};

/**
 * Where keys meet questions, outside React: a key goes to the question the prompter holds at
 * the moment it arrives, even one asked so recently that no frame shows it yet (issue: keys
 * typed right after a screen opened were lost while it subscribed).
 */
export type QuestionDesk = {
  /** The draft of a question, opened the first time it is asked for. */
  readonly draft: (question: Question, suggested?: string) => Draft;
  /** Applies a key to the current question; false when there is none (the key is not ours). */
  readonly press: (input: string, key: Key, context: DeskContext) => boolean;
  /** Called whenever a draft changes; returns the unsubscribe function. */
  readonly subscribe: (listener: () => void) => () => void;
};

/** Makes the desk for a prompter. */
export function createQuestionDesk(prompter: UiPrompter): QuestionDesk {
  const drafts = new WeakMap<Question, Draft>();
  const listeners = new Set<() => void>();
  const draft = (question: Question, suggested?: string): Draft => {
    const found = drafts.get(question);
    if (found) return found;
    const opened = initialDraft(question, suggested);
    drafts.set(question, opened);
    return opened;
  };

  return {
    draft,
    press(input, key, context) {
      const question = prompter.current();
      if (!question) return false;
      const outcome = pressKey(question, draft(question, context.suggested), input, key, context);
      drafts.set(question, outcome.draft);
      for (const listener of listeners) listener();
      if (outcome.cancel) prompter.dismiss('cancelled');
      else if (outcome.answer !== undefined) prompter.answer(outcome.answer);
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
