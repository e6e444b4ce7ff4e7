import {Box, Text} from 'ink';
import type {Engine, PlannedStep, ReconcileReport} from '../engine/engine-api.js';
import {pick, type Lang} from '../i18n/text.js';
import type {Question} from './prompter.js';
import type {QuestionDesk} from './question-desk.js';
import type {UiStrings} from './strings.js';
import type {LiveTail} from './use-engine-state.js';
import type {StepRow} from './step-rows.js';
import {displayStatus, type UiState} from './ui-state.js';
import type {Diagnosis} from '../diagnosis/types.js';
import {labNodes} from './topology.js';
import {StepList} from './step-list.js';
import {TopologyView} from './topology-view.js';
import {MainPane} from './main-pane.js';
import {HelpOverlay} from './help-overlay.js';
import {DetailsView} from './details-view.js';
import {LogViewer} from './log-viewer.js';
import {DiagnosisView} from './diagnosis-view.js';
import {ResumeScreen} from './resume-screen.js';
import {ParamsView} from './params-view.js';
import {QuestionScreen} from './question-screen.js';

/** Screens the body can show. */
export type View = 'main' | 'details' | 'log' | 'diagnosis' | 'help' | 'resume' | 'params';

type Props = {
  readonly engine: Engine;
  readonly view: View;
  /** The question the engine is asking, if any: it takes the body whatever the view. */
  readonly question: Question | undefined;
  readonly desk: QuestionDesk;
  readonly suggestedBranch: string | undefined;
  readonly currentBranch: string | undefined;
  readonly state: UiState;
  readonly planned: readonly PlannedStep[];
  readonly rows: readonly StepRow[];
  readonly tail: LiveTail;
  readonly report: ReconcileReport | undefined;
  readonly selected: number;
  readonly paramSelected: number;
  readonly diagnosis: Diagnosis | undefined;
  readonly running: boolean;
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
  readonly setView: (view: View) => void;
};

// Wide screens put the list and the pane side by side, with the lab beside the list.
const wideColumns = 120;

/** The body between header and footer: the open question, else the view's screen. */
export function AppBody(props: Props) {
  const {engine, view, question, state, planned, width, height, strings, lang} = props;
  const current = planned[Math.min(props.selected, planned.length - 1)];
  const currentView = current ? state.steps[current.step.id] : undefined;

  if (question) {
    return (
      <QuestionScreen
        question={question}
        desk={props.desk}
        runbook={engine.runbook}
        suggestedBranch={props.suggestedBranch}
        currentBranch={props.currentBranch}
        width={width}
        height={height}
        strings={strings}
        lang={lang}
      />
    );
  }

  if (view === 'params') {
    return (
      <ParamsView
        infos={engine.params()}
        selected={props.paramSelected}
        planned={planned}
        width={width}
        height={height}
        strings={strings}
        lang={lang}
      />
    );
  }

  if (view === 'help') {
    return <HelpOverlay width={width} height={height} strings={strings} />;
  }

  if (view === 'resume') {
    const {report} = props;
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
    return (
      <ResumeScreen
        rows={resumeRows}
        phase={report ? 'done' : state.reconcile.phase}
        proposedStepId={proposed}
        width={width}
        height={height}
        strings={strings}
      />
    );
  }

  if (view === 'details' && current) {
    return (
      <DetailsView
        engine={engine}
        step={current.step}
        width={width}
        height={height}
        strings={strings}
        lang={lang}
        isActive={!question}
      />
    );
  }

  if (view === 'log') {
    return (
      <LogViewer
        path={currentView?.logPath}
        width={width}
        height={height}
        strings={strings}
        isActive={!question}
        onClose={() => {
          props.setView('main');
        }}
      />
    );
  }

  if (view === 'diagnosis' && props.diagnosis) {
    return (
      <DiagnosisView
        diagnosis={props.diagnosis}
        width={width}
        height={height}
        strings={strings}
        lang={lang}
        isActive={!question}
      />
    );
  }

  const {rows, now} = props;
  const wide = width >= wideColumns;
  const leftWidth = wide ? Math.min(64, Math.floor(width * 0.45)) : width;
  const listHeight = wide
    ? Math.min(rows.length, height - 5)
    : Math.min(rows.length, Math.max(3, height - 6));
  const pane = (
    <MainPane
      step={current?.step}
      view={currentView}
      tail={props.tail}
      running={props.running && current?.step.id === state.runningStepId}
      now={now}
      width={wide ? width - leftWidth - 2 : width}
      height={wide ? height : height - listHeight - 1}
      strings={strings}
      lang={lang}
      fill={engine.fillText}
    />
  );
  const list = (
    <StepList
      rows={rows}
      selected={Math.min(props.selected, rows.length - 1)}
      width={leftWidth}
      height={listHeight}
      spinnerFrame={Math.floor(now / 100)}
    />
  );
  if (!wide) {
    return (
      <Box flexDirection="column" height={height}>
        {list}
        <Text dimColor>{'-'.repeat(width)}</Text>
        {pane}
      </Box>
    );
  }

  const nodes = labNodes(engine.state().params, (id) => displayStatus(state.steps[id]));
  return (
    <Box height={height}>
      <Box flexDirection="column" width={leftWidth}>
        {list}
        <Box marginTop={1}>
          <TopologyView nodes={nodes} width={leftWidth} strings={strings} />
        </Box>
      </Box>
      <Box marginLeft={2}>{pane}</Box>
    </Box>
  );
}
