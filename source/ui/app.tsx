import {useEffect, useRef, useState} from 'react';
import {Box, Text, useApp} from 'ink';
import type {Engine, ReconcileReport, RunOutcome} from '../engine/engine-api.js';
import {pick, type Lang} from '../i18n/text.js';
import type {RingBuffer} from './ring-buffer.js';
import type {UiPrompter} from './prompter.js';
import {uiStrings} from './strings.js';
import {redrawEveryMs, useEngineState, useNow} from './use-engine-state.js';
import {useQuestion} from './use-question.js';
import {createQuestionDesk} from './question-desk.js';
import {useTerminalSize} from './use-terminal-size.js';
import {progressOf, stepRows} from './step-rows.js';
import {displayStatus} from './ui-state.js';
import {Header} from './header.js';
import {Footer} from './footer.js';
import {footerKeys} from './footer-keys.js';
import {useParamsView} from './use-params-view.js';
import {outcomeOf} from './navigation.js';
import {colors} from './theme.js';
import {truncate} from './text-layout.js';
import {AppBody, type View} from './app-body.js';
import {useAppKeys} from './app-keys.js';

/** What the app needs: the engine, the prompter it asks through, and where to report the end. */
export type AppProps = {
  readonly engine: Engine;
  readonly prompter: UiPrompter;
  readonly lang: Lang;
  readonly simulated: boolean;
  /** The only place output lines are kept (bounded); injectable so its bound can be checked. */
  readonly ring?: RingBuffer;
  readonly onExit?: (outcome: RunOutcome) => void;
};

/** The whole interface: header, steps, pane or screen, footer. */
export function App({engine, prompter, lang: initialLang, simulated, ring, onExit}: AppProps) {
  const {exit} = useApp();
  const {columns, rows} = useTerminalSize();
  const {state, planned, tail} = useEngineState(engine, ring);
  const question = useQuestion(prompter);
  const [desk] = useState(() => createQuestionDesk(prompter));
  const [lang, setLang] = useState(initialLang);
  // As the keys left it (`LL` in one read is back where it was), for the engine's words too.
  const langNow = useRef(initialLang);
  const [view, setView] = useState<View>(() =>
    Object.values(engine.state().steps).some((s) => s.attempts.length > 0) ? 'resume' : 'main',
  );
  const [selected, setSelectedState] = useState(0);
  // The selection as the keys left it: `j` then Enter in one read must run the step `j`
  // selected, not the one the last render saw (a stale closure ran the step above it).
  const selectedNow = useRef(0);
  const setSelected = (update: number | ((index: number) => number)): void => {
    selectedNow.current = typeof update === 'number' ? update : update(selectedNow.current);
    setSelectedState(selectedNow.current);
  };
  const paramsView = useParamsView(engine, prompter);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [askQuit, setAskQuit] = useState(false);
  const [suggestedBranch, setSuggestedBranch] = useState<string | undefined>(undefined);
  // A ref, not state: a key typed in the same read as the Enter that asked must see it.
  const currentBranch = useRef<string | undefined>(undefined);
  const [diagnosisStep, setDiagnosisStep] = useState<string | undefined>(undefined);
  const [report, setReport] = useState<ReconcileReport | undefined>(undefined);
  const [startedAt] = useState(Date.now);
  const busy = useRef(false);
  const now = useNow(redrawEveryMs(state.runningStepId !== undefined, tail.lastOutputAt));
  const strings = uiStrings(lang);

  const stepRowsNow = stepRows(planned, state, lang, now);
  const current = planned[Math.min(selected, planned.length - 1)];
  const currentView = current ? state.steps[current.step.id] : undefined;
  const currentStatus = displayStatus(currentView);
  const running = state.runningStepId !== undefined;
  const diagnosisOf = diagnosisStep ?? state.lastDiagnosisStepId;
  const diagnosis = diagnosisOf ? state.steps[diagnosisOf]?.diagnosis : undefined;

  useEffect(() => {
    if (view !== 'resume') return;
    engine.reconcile().then(setReport, (error: unknown) => {
      setNotice(error instanceof Error ? error.message : String(error));
    });
    // Reconcile once, on start.
  }, [engine]);

  // The selection follows the running step; a new diagnosis opens its picture. Done in the
  // listener, not in effects on state: a late effect would undo a key pressed since.
  useEffect(
    () =>
      engine.subscribe((event) => {
        if (event.type === 'step-started') {
          const index = engine.steps().findIndex((p) => p.step.id === event.stepId);
          if (index >= 0) setSelected(index);
        } else if (event.type === 'diagnosis') {
          setDiagnosisStep(event.stepId);
          setView('diagnosis');
        }
      }),
    [engine],
  );

  const act = (label: string, call: () => Promise<RunOutcome | void>) => {
    if (busy.current) return;
    busy.current = true;
    setNotice(undefined);
    call().then(
      (outcome) => {
        busy.current = false;
        if (outcome === 'done') setSelected((index) => Math.min(index + 1, planned.length - 1));
      },
      (error: unknown) => {
        busy.current = false;
        setNotice(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };

  const quit = () => {
    if (running) engine.cancel();
    onExit?.(outcomeOf(stepRowsNow));
    exit();
  };

  useAppKeys({
    engine,
    prompter,
    desk,
    paramsView,
    state,
    planned,
    running,
    strings,
    lang,
    setLang,
    langNow,
    view,
    setView,
    askQuit,
    setAskQuit,
    selectedNow,
    setSelected,
    suggestedBranch,
    setSuggestedBranch,
    currentBranch,
    diagnosisOf,
    diagnosis,
    report,
    setNotice,
    act,
    quit,
  });

  const bodyHeight = Math.max(4, rows - 4);
  const progress = progressOf(stepRowsNow);

  return (
    <Box flexDirection="column" width={columns}>
      <Header
        title={pick(engine.runbook.title, lang)}
        profile={engine.profile}
        target={simulated ? 'simulated' : engine.target}
        elapsedMs={now - startedAt}
        settled={progress.settled}
        total={progress.total}
        width={columns}
        strings={strings}
      />
      {/* Rows only: lines are cut to the width already, and a horizontal clip re-slices every line of every frame. */}
      <Box height={bodyHeight} flexDirection="column" overflowY="hidden">
        <AppBody
          engine={engine}
          view={view}
          question={question}
          desk={desk}
          suggestedBranch={suggestedBranch}
          currentBranch={currentBranch.current}
          state={state}
          planned={planned}
          rows={stepRowsNow}
          tail={tail}
          report={report}
          selected={selected}
          paramSelected={paramsView.selected}
          diagnosis={diagnosis}
          running={running}
          now={now}
          width={columns}
          height={bodyHeight}
          strings={strings}
          lang={lang}
          setView={setView}
        />
      </Box>
      {askQuit || notice ? (
        <Text color={askQuit ? colors.danger : colors.error} bold>
          {truncate(askQuit ? strings.quitRunning : (notice ?? ''), columns)}
        </Text>
      ) : (
        <Footer
          keys={footerKeys({
            view,
            running,
            question: question !== undefined,
            status: currentStatus,
            step: current?.step,
            hasDiagnosis: diagnosis !== undefined,
          })}
          width={columns}
          strings={strings}
        />
      )}
    </Box>
  );
}
