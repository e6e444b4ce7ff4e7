import {useEffect, useState} from 'react';
import type {Question, UiPrompter} from './prompter.js';

/** The prompter's current question, re-rendered when it changes. */
export function useQuestion(prompter: UiPrompter): Question | undefined {
  const [question, setQuestion] = useState(prompter.current);
  useEffect(() => {
    const update = () => {
      setQuestion(prompter.current());
    };

    update();
    return prompter.subscribe(update);
  }, [prompter]);
  return question;
}
