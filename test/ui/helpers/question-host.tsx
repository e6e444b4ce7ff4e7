import {render} from 'ink-testing-library';
import type {Lang} from '../../../source/i18n/text.js';
import type {Runbook} from '../../../source/runbook/types.js';
import {createUiPrompter, type Answer, type UiPrompter} from '../../../source/ui/prompter.js';
import {createQuestionDesk, type QuestionDesk} from '../../../source/ui/question-desk.js';
import {QuestionScreen} from '../../../source/ui/question-screen.js';
import {uiStrings} from '../../../source/ui/strings.js';
import {useKeys} from '../../../source/ui/use-keys.js';
import {useQuestion} from '../../../source/ui/use-question.js';
import {uiRunbook} from '../../fixtures/ui/runbook.js';

type HostProps = {
  readonly prompter: UiPrompter;
  readonly desk: QuestionDesk;
  readonly runbook: Runbook;
  readonly lang: Lang;
  readonly suggested: string | undefined;
  readonly width: number;
  readonly height: number;
};

// What the app does for a question, without the rest of the app: one listener into the desk.
function Host({prompter, desk, runbook, lang, suggested, width, height}: HostProps) {
  const question = useQuestion(prompter);
  const strings = uiStrings(lang);
  useKeys((input, key) => {
    desk.press(input, key, {strings, lang, suggested});
  });
  return question ? (
    <QuestionScreen
      question={question}
      desk={desk}
      runbook={runbook}
      suggestedBranch={suggested}
      width={width}
      height={height}
      strings={strings}
      lang={lang}
    />
  ) : null;
}

/** Asks one question through a prompter and shows it the way the app does; collects answers. */
export function renderQuestion(
  ask: (prompter: UiPrompter) => Promise<Answer>,
  options: {
    readonly lang?: Lang;
    readonly suggested?: string;
    readonly width?: number;
    readonly height?: number;
  } = {},
) {
  const prompter = createUiPrompter();
  const desk = createQuestionDesk(prompter);
  const answers: Answer[] = [];
  const refusals: string[] = [];
  ask(prompter).then(
    (answer) => answers.push(answer),
    (error: unknown) => refusals.push(String(error)),
  );
  const rendered = render(
    <Host
      prompter={prompter}
      desk={desk}
      runbook={uiRunbook}
      lang={options.lang ?? 'en'}
      suggested={options.suggested}
      width={options.width ?? 80}
      height={options.height ?? 16}
    />,
  );
  return {...rendered, answers, refusals, prompter};
}
