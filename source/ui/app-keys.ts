import type {Key} from 'ink';
import type {Dispatch, MutableRefObject, SetStateAction} from 'react';
import type {Diagnosis} from '../diagnosis/types.js';
import type {Engine, PlannedStep, ReconcileReport, RunOutcome} from '../engine/engine-api.js';
import {pick, type Lang} from '../i18n/text.js';
import type {View} from './app-body.js';
import {jumpTarget, passedOver} from './navigation.js';
import type {UiPrompter} from './prompter.js';
import type {QuestionDesk} from './question-desk.js';
import type {UiStrings} from './strings.js';
import {displayStatus, type UiState} from './ui-state.js';
import type {useParamsView} from './use-params-view.js';
import {useKeys} from './use-keys.js';

/** What the app's keys read and change: the render's values, plus refs read at key time. */
export type AppKeyContext = {
  readonly engine: Engine;
  readonly prompter: UiPrompter;
  readonly desk: QuestionDesk;
  readonly paramsView: ReturnType<typeof useParamsView>;
  readonly state: UiState;
  readonly planned: readonly PlannedStep[];
  readonly running: boolean;
  readonly strings: UiStrings;
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
  /** The language as the keys left it (`LL` in one read is back where it was). */
  readonly langNow: MutableRefObject<Lang>;
  readonly view: View;
  readonly setView: Dispatch<SetStateAction<View>>;
  readonly askQuit: boolean;
  readonly setAskQuit: (ask: boolean) => void;
  /** The selection as the keys left it. */
  readonly selectedNow: MutableRefObject<number>;
  readonly setSelected: (update: number | ((index: number) => number)) => void;
  readonly suggestedBranch: string | undefined;
  readonly setSuggestedBranch: (branchId: string | undefined) => void;
  /** The branch a question asked again opens on, set in the same read as the Enter that asked. */
  readonly currentBranch: MutableRefObject<string | undefined>;
  /** The step whose diagnosis is shown, and that diagnosis. */
  readonly diagnosisOf: string | undefined;
  readonly diagnosis: Diagnosis | undefined;
  /** Reconcile's report, for the resume screen's Enter (continue) and Esc. */
  readonly report: ReconcileReport | undefined;
  readonly setNotice: (text: string | undefined) => void;
  /** Runs an engine call unless one is under way; a failure shows as a notice. */
  readonly act: (label: string, call: () => Promise<RunOutcome | void>) => void;
  readonly quit: () => void;
};

/** The app's one key listener: every key, one at a time, routed by {@link routeKey}. */
export function useAppKeys(context: AppKeyContext): void {
  // The one listener for the app's whole life: a screen's own listener would subscribe only
  // after its first frame and lose keys typed in that instant.
  useKeys(
    (input, key) => {
      routeKey(input, key, context);
    },
    // Keys typed faster than the app reads (`kkj`, `2\r`) arrive together: one at a time here.
    {oneByOne: true, rawFromFirstFrame: true},
  );
}

/** Routes one key: an open question first, then quitting, language, help, the view's own keys. */
export function routeKey(input: string, key: Key, c: AppKeyContext): void {
  const {engine, strings, lang, view, running} = c;
  // A question is read from the prompter when the key arrives, not from state that lags a render.
  const suggested = c.suggestedBranch ?? c.currentBranch.current;
  if (c.desk.press(input, key, {strings, lang, suggested})) return;
  // The log viewer answers its own keys.
  if (view === 'log') return;
  if (c.askQuit) {
    if (input === 'y' || input === 'Y') c.quit();
    else c.setAskQuit(false);
    return;
  }

  if (key.ctrl && input === 'c') {
    if (running) engine.cancel();
    else c.quit();
    return;
  }

  if (input === 'L') {
    c.langNow.current = c.langNow.current === 'en' ? 'ja' : 'en';
    c.setLang(c.langNow.current);
    // What the engine and the actions say from now on (checks, resume findings, notes).
    engine.setLang(c.langNow.current);
    return;
  }

  if (input === '?') {
    c.setView((v) => (v === 'help' ? 'main' : 'help'));
    return;
  }

  if (input === 'q') {
    if (running) c.setAskQuit(true);
    else c.quit();
    return;
  }

  if (view === 'resume') {
    resumeKey(key, c);
    return;
  }

  if (view === 'diagnosis' && input === 'n' && c.diagnosis?.next.stepId) {
    jumpToNext(c, c.diagnosis.next);
    return;
  }

  if (view === 'params') {
    c.paramsView.press(input, key, {
      strings,
      lang,
      planned: c.planned,
      close: () => c.setView('main'),
      notify: c.setNotice,
    });
    return;
  }

  if (view !== 'main') {
    if (
      key.escape ||
      (view === 'details' && input === 'd') ||
      (view === 'diagnosis' && input === 'D')
    ) {
      c.setView('main');
    }

    return;
  }

  stepListKey(input, key, c);
}

// `n` on a diagnosis: select the step it points to, suggesting its branch.
function jumpToNext(c: AppKeyContext, next: Diagnosis['next']): void {
  const {planned, engine, strings, lang} = c;
  const target = jumpTarget(planned, next);
  c.setSuggestedBranch(next.branchId);
  if (target >= 0) c.setSelected(target);
  c.setView('main');
  // A step that only explains, jumped over, is recorded skipped, not left behind pending.
  const from = planned.findIndex((p) => p.step.id === c.diagnosisOf);
  const passed = c.running
    ? []
    : passedOver(planned, (id) => displayStatus(c.state.steps[id]), from, target);
  if (passed.length > 0) {
    const titles = passed.map((p) => pick(p.step.title, lang)).join(', ');
    c.act(titles, async () => {
      for (const p of passed) await engine.skip(p.step.id);
      c.setNotice(`${titles}: ${strings.passedOver}`);
    });
  }
}

// The step list's keys: move, run, ask a choice again, retry, skip, undo, cancel, open a view.
function stepListKey(input: string, key: Key, c: AppKeyContext): void {
  const {planned, state, running, engine, lang, setSelected, act} = c;
  // Read here, not from the render: an earlier key of the same read may have moved it.
  const selectedStep = planned[Math.min(c.selectedNow.current, planned.length - 1)];
  if (!selectedStep) return;
  const {step} = selectedStep;
  const stepStatus = displayStatus(state.steps[step.id]);
  if (key.upArrow || input === 'k') setSelected((i) => Math.max(0, i - 1));
  else if (key.downArrow || input === 'j') setSelected((i) => Math.min(planned.length - 1, i + 1));
  else if (input === 'x' && running) engine.cancel();
  else if (key.return && !running && step.kind === 'choice' && state.branches[step.id]) {
    // A choice already made: Enter asks again (running the step would only confirm the
    // recorded one), the way the wrap-up tells a person to move to 2. It opens on the
    // current branch, so an Enter pressed out of habit changes nothing.
    c.setSuggestedBranch(undefined);
    c.currentBranch.current = state.branches[step.id];
    act(pick(step.title, lang), async () => {
      try {
        return await engine.choose(step.id, await c.prompter.choose(step.id, step.branches));
      } finally {
        c.currentBranch.current = undefined;
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
  } else if (input === 'l') c.setView('log');
  else if (input === 'd') c.setView('details');
  else if (input === 'p') {
    c.setNotice(undefined);
    c.setView('params');
  } else if (input === 'D' && c.diagnosis) c.setView('diagnosis');
}

/**
 * The resume screen: Enter continues at the proposed step (once reconcile is done), Esc looks
 * at the list first. Here, in the one router, and not in a listener of the screen's own: that
 * one ran first, and the question its Enter asked at once got the same Enter, empty.
 */
function resumeKey(key: Key, c: AppKeyContext): void {
  const proposed = c.state.reconcile.proposedStepId ?? c.report?.proposedStepId;
  const index = c.planned.findIndex((p) => p.step.id === proposed);
  const reconciled = c.report !== undefined || c.state.reconcile.phase === 'done';
  if (key.return && reconciled) {
    c.setView('main');
    if (index >= 0 && proposed) {
      c.setSelected(index);
      c.act(proposed, async () => c.engine.runStep(proposed));
    }
  } else if (key.escape) {
    if (index >= 0) c.setSelected(index);
    c.setView('main');
  }
}
