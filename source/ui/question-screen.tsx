import type {Runbook} from '../runbook/types.js';
import {pick, type Lang} from '../i18n/text.js';
import type {Question} from './prompter.js';
import type {QuestionDesk} from './question-desk.js';
import type {UiStrings} from './strings.js';
import {useDraft} from './use-question.js';
import {ParamPrompt} from './param-prompt.js';
import {ConfirmScreen} from './confirm-screen.js';
import {ChoiceScreen} from './choice-screen.js';

type Props = {
  readonly question: Question;
  /** Holds what has been typed; the app routes every key there (no listener here). */
  readonly desk: QuestionDesk;
  readonly runbook: Runbook;
  readonly suggestedBranch: string | undefined;
  /** The branch already chosen, when a choice is asked again: the draft opens on it. */
  readonly currentBranch?: string;
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
};

/** Whichever question the engine is asking, as its draft stands on the desk. */
export function QuestionScreen({
  question,
  desk,
  runbook,
  suggestedBranch,
  currentBranch,
  width,
  height,
  strings,
  lang,
}: Props) {
  const draft = useDraft(desk, question, suggestedBranch ?? currentBranch);
  if (question.kind === 'param') {
    return (
      <ParamPrompt
        param={question.param}
        value={draft.kind === 'param' ? draft.value : ''}
        error={draft.kind === 'param' ? draft.error : undefined}
        width={width}
        strings={strings}
        lang={lang}
      />
    );
  }

  if (question.kind === 'confirm') {
    return (
      <ConfirmScreen
        question={question.question}
        danger={question.danger}
        width={width}
        strings={strings}
        lang={lang}
      />
    );
  }

  const step = runbook.steps.find((s) => s.id === question.stepId);
  return (
    <ChoiceScreen
      title={step ? pick(step.title, lang) : question.stepId}
      branches={question.branches}
      index={draft.kind === 'choice' ? draft.index : 0}
      suggested={suggestedBranch}
      current={currentBranch}
      width={width}
      height={height}
      strings={strings}
      lang={lang}
    />
  );
}
