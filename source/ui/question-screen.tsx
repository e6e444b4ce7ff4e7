import type {Runbook} from '../runbook/types.js';
import {pick, type Lang} from '../i18n/text.js';
import type {Question, UiPrompter} from './prompter.js';
import type {UiStrings} from './strings.js';
import {ParamPrompt} from './param-prompt.js';
import {ConfirmScreen} from './confirm-screen.js';
import {ChoiceScreen} from './choice-screen.js';

type Props = {
  readonly question: Question;
  readonly prompter: UiPrompter;
  readonly runbook: Runbook;
  readonly suggestedBranch: string | undefined;
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
};

/** Whichever question the engine is asking, answered back through the prompter. */
export function QuestionScreen({
  question,
  prompter,
  runbook,
  suggestedBranch,
  width,
  height,
  strings,
  lang,
}: Props) {
  const cancel = () => {
    prompter.dismiss('cancelled');
  };

  switch (question.kind) {
    case 'param': {
      return (
        <ParamPrompt
          key={question.param.id + (question.error ?? '')}
          param={question.param}
          engineError={question.error}
          width={width}
          strings={strings}
          lang={lang}
          onAnswer={prompter.answer}
          onCancel={cancel}
        />
      );
    }

    case 'confirm': {
      return (
        <ConfirmScreen
          question={question.question}
          danger={question.danger}
          width={width}
          strings={strings}
          lang={lang}
          onAnswer={prompter.answer}
        />
      );
    }

    case 'choice': {
      const step = runbook.steps.find((s) => s.id === question.stepId);
      return (
        <ChoiceScreen
          key={question.stepId}
          title={step ? pick(step.title, lang) : question.stepId}
          branches={question.branches}
          suggested={suggestedBranch}
          width={width}
          height={height}
          strings={strings}
          lang={lang}
          onChoose={prompter.answer}
          onCancel={cancel}
        />
      );
    }
  }
}
