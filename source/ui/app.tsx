import {useKeys} from './use-keys.js';
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
import {labNodes} from './topology.js';
import {Header} from './header.js';
import {StepList} from './step-list.js';
import {TopologyView} from './topology-view.js';
import {MainPane} from './main-pane.js';
import {Footer} from './footer.js';
import {footerKeys} from './footer-keys.js';
import {HelpOverlay} from './help-overlay.js';
import {DetailsView} from './details-view.js';
import {LogViewer} from './log-viewer.js';
import {DiagnosisView} from './diagnosis-view.js';
import {ResumeScreen} from './resume-screen.js';
import {ParamsView} from './params-view.js';
import {useParamsView} from './use-params-view.js';
import {QuestionScreen} from './question-screen.js';
import {jumpTarget, passedOver, outcomeOf} from './navigation.js';
import {colors} from './theme.js';
import {truncate} from './text-layout.js';

/** Screens the body can show. */
export type View = 'main' | 'details' | 'log' | 'diagnosis' | 'help' | 'resume' | 'params';

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

// Wide screens put the list and the pane side by side, with the lab beside the list.
const wideColumns = 120;

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

  // The one listener for the app's whole life: a screen's own listener would subscribe only
  // after its first frame and lose keys typed in that instant. A question is read from the
  // prompter when the key arrives, not from state that lags a render.
  useKeys(
    (input, key) => {
      const suggested = suggestedBranch ?? currentBranch.current;
      // On the resume screen no question is open: the Enter that continues there (its own
      // listener, called first) may ask one at once — a parameter the step needs — and that
      // same Enter must not answer it empty.
      if (view !== 'resume' && desk.press(input, key, {strings, lang, suggested})) return;
      // The log viewer answers its own keys.
      if (view === 'log') return;
      if (askQuit) {
        if (input === 'y' || input === 'Y') quit();
        else setAskQuit(false);
        return;
      }

      if (key.ctrl && input === 'c') {
        if (running) engine.cancel();
        else quit();
        return;
      }

      if (input === 'L') {
        langNow.current = langNow.current === 'en' ? 'ja' : 'en';
        setLang(langNow.current);
        // What the engine and the actions say from now on (checks, resume findings, notes).
        engine.setLang(langNow.current);
        return;
      }

      if (input === '?') {
        setView((v) => (v === 'help' ? 'main' : 'help'));
        return;
      }

      if (input === 'q') {
        if (running) setAskQuit(true);
        else quit();
        return;
      }

      // The resume screen answers Enter and Esc itself.
      if (view === 'resume') return;
      if (view === 'diagnosis' && input === 'n' && diagnosis?.next.stepId) {
        const target = jumpTarget(planned, diagnosis.next);
        setSuggestedBranch(diagnosis.next.branchId);
        if (target >= 0) setSelected(target);
        setView('main');
        // A step that only explains, jumped over, is recorded skipped, not left behind pending.
        const from = planned.findIndex((p) => p.step.id === diagnosisOf);
        const passed = running
          ? []
          : passedOver(planned, (id) => displayStatus(state.steps[id]), from, target);
        if (passed.length > 0) {
          const titles = passed.map((p) => pick(p.step.title, lang)).join(', ');
          act(titles, async () => {
            for (const p of passed) await engine.skip(p.step.id);
            setNotice(`${titles}: ${strings.passedOver}`);
          });
        }

        return;
      }

      if (view === 'params') {
        paramsView.press(input, key, {
          strings,
          lang,
          planned,
          close: () => setView('main'),
          notify: setNotice,
        });
        return;
      }

      if (view !== 'main') {
        if (
          key.escape ||
          (view === 'details' && input === 'd') ||
          (view === 'diagnosis' && input === 'D')
        ) {
          setView('main');
        }

        return;
      }

      // Read here, not from the render: an earlier key of the same read may have moved it.
      const selectedStep = planned[Math.min(selectedNow.current, planned.length - 1)];
      if (!selectedStep) return;
      const {step} = selectedStep;
      const stepStatus = displayStatus(state.steps[step.id]);
      if (key.upArrow || input === 'k') setSelected((i) => Math.max(0, i - 1));
      else if (key.downArrow || input === 'j')
        setSelected((i) => Math.min(planned.length - 1, i + 1));
      else if (input === 'x' && running) engine.cancel();
      else if (key.return && !running && step.kind === 'choice' && state.branches[step.id]) {
        // A choice already made: Enter asks again (running the step would only confirm the
        // recorded one), the way the wrap-up tells a person to move to 2. It opens on the
        // current branch, so an Enter pressed out of habit changes nothing.
        setSuggestedBranch(undefined);
        currentBranch.current = state.branches[step.id];
        act(pick(step.title, lang), async () => {
          try {
            return await engine.choose(step.id, await prompter.choose(step.id, step.branches));
          } finally {
            currentBranch.current = undefined;
          }
        });
      } else if (key.return && !running)
        act(pick(step.title, lang), async () => engine.runStep(step.id));
      else if (
        input === 'r' &&
        !running &&
        ['failed', 'interrupted', 'drifted', 'unknown'].includes(stepStatus)
      ) {
        act(pick(step.title, lang), async () => engine.runStep(step.id));
      } else if (input === 's' && !running && step.kind === 'action' && step.skippable) {
        act(pick(step.title, lang), async () => engine.skip(step.id));
      } else if (input === 'u' && !running && step.kind === 'action' && step.undo.length > 0) {
        act(pick(step.title, lang), async () => engine.undo(step.id));
      } else if (input === 'l') setView('log');
      else if (input === 'd') setView('details');
      else if (input === 'p') {
        setNotice(undefined);
        setView('params');
      } else if (input === 'D' && diagnosis) setView('diagnosis');
    },
    // Keys typed faster than the app reads (`kkj`, `2\r`) arrive together: one at a time here.
    {oneByOne: true, rawFromFirstFrame: true},
  );

  const bodyHeight = Math.max(4, rows - 4);
  const wide = columns >= wideColumns;
  const leftWidth = wide ? Math.min(64, Math.floor(columns * 0.45)) : columns;
  const nodes = labNodes(engine.state().params, (id) => displayStatus(state.steps[id]));
  const progress = progressOf(stepRowsNow);

  let body;
  if (question) {
    body = (
      <QuestionScreen
        question={question}
        desk={desk}
        runbook={engine.runbook}
        suggestedBranch={suggestedBranch}
        currentBranch={currentBranch.current}
        width={columns}
        height={bodyHeight}
        strings={strings}
        lang={lang}
      />
    );
  } else if (view === 'params') {
    body = (
      <ParamsView
        infos={engine.params()}
        selected={paramsView.selected}
        planned={planned}
        width={columns}
        height={bodyHeight}
        strings={strings}
        lang={lang}
      />
    );
  } else if (view === 'help') {
    body = <HelpOverlay width={columns} height={bodyHeight} strings={strings} />;
  } else if (view === 'resume') {
    const resumeRows = planned.map((p) => {
      const found = report?.steps.find((s) => s.stepId === p.step.id);
      const stepView = state.steps[p.step.id];
      return {
        id: p.step.id,
        title: pick(p.step.title, lang),
        verdict: stepView?.verdict ?? found?.verdict,
        detail: stepView?.verdictDetail ?? found?.detail ?? '',
      };
    });
    const proposed = state.reconcile.proposedStepId ?? report?.proposedStepId;
    body = (
      <ResumeScreen
        rows={resumeRows}
        phase={report ? 'done' : state.reconcile.phase}
        proposedStepId={proposed}
        width={columns}
        height={bodyHeight}
        strings={strings}
        onContinue={(stepId) => {
          const index = planned.findIndex((p) => p.step.id === stepId);
          setView('main');
          if (index >= 0 && stepId) {
            setSelected(index);
            act(stepId, async () => engine.runStep(stepId));
          }
        }}
        onClose={() => {
          const index = planned.findIndex((p) => p.step.id === proposed);
          if (index >= 0) setSelected(index);
          setView('main');
        }}
      />
    );
  } else if (view === 'details' && current) {
    body = (
      <DetailsView
        engine={engine}
        step={current.step}
        width={columns}
        height={bodyHeight}
        strings={strings}
        lang={lang}
        isActive={!question}
      />
    );
  } else if (view === 'log') {
    body = (
      <LogViewer
        path={currentView?.logPath}
        width={columns}
        height={bodyHeight}
        strings={strings}
        isActive={!question}
        onClose={() => {
          setView('main');
        }}
      />
    );
  } else if (view === 'diagnosis' && diagnosis) {
    body = (
      <DiagnosisView
        diagnosis={diagnosis}
        width={columns}
        height={bodyHeight}
        strings={strings}
        lang={lang}
        isActive={!question}
      />
    );
  } else {
    const listHeight = wide
      ? Math.min(stepRowsNow.length, bodyHeight - 5)
      : Math.min(stepRowsNow.length, Math.max(3, bodyHeight - 6));
    const pane = (
      <MainPane
        step={current?.step}
        view={currentView}
        tail={tail}
        running={running && current?.step.id === state.runningStepId}
        now={now}
        width={wide ? columns - leftWidth - 2 : columns}
        height={wide ? bodyHeight : bodyHeight - listHeight - 1}
        strings={strings}
        lang={lang}
        fill={engine.fillText}
      />
    );
    const list = (
      <StepList
        rows={stepRowsNow}
        selected={Math.min(selected, stepRowsNow.length - 1)}
        width={leftWidth}
        height={listHeight}
        spinnerFrame={Math.floor(now / 100)}
      />
    );
    body = wide ? (
      <Box height={bodyHeight}>
        <Box flexDirection="column" width={leftWidth}>
          {list}
          <Box marginTop={1}>
            <TopologyView nodes={nodes} width={leftWidth} strings={strings} />
          </Box>
        </Box>
        <Box marginLeft={2}>{pane}</Box>
      </Box>
    ) : (
      <Box flexDirection="column" height={bodyHeight}>
        {list}
        <Text dimColor>{'-'.repeat(columns)}</Text>
        {pane}
      </Box>
    );
  }

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
        {body}
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
