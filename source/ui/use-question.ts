import {useCallback, useSyncExternalStore} from 'react';
import type {Question, UiPrompter} from './prompter.js';
import type {QuestionDesk} from './question-desk.js';
import type {Draft} from './question-keys.js';

/** The prompter's current question, re-rendered when it changes. */
export function useQuestion(prompter: UiPrompter): Question | undefined {
  return useSyncExternalStore(prompter.subscribe, prompter.current);
}

/** The draft of a question on the desk, re-rendered as keys change it. */
export function useDraft(desk: QuestionDesk, question: Question, suggested?: string): Draft {
  const snapshot = useCallback(() => desk.draft(question, suggested), [desk, question, suggested]);
  return useSyncExternalStore(desk.subscribe, snapshot);
}
