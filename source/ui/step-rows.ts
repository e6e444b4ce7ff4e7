import type {PlannedStep} from '../engine/engine-api.js';
import {pick, type Lang} from '../i18n/text.js';
import type {DisplayStatusName} from './strings.js';
import {displayStatus, isSettled, type UiState} from './ui-state.js';
import {formatDuration} from './text-layout.js';

/** One row of the step list, ready to draw. */
export type StepRow = {
  readonly id: string;
  readonly title: string;
  /** 1 for a step inside the chosen branch. */
  readonly depth: number;
  readonly status: DisplayStatusName;
  /** The branch taken, on a choice step's row. */
  readonly branch?: string;
  /** "12s", "~20m", or "0:12 / ~0:30" while running. */
  readonly timing: string;
};

/** The step list's rows for the steps as they apply now. */
export function stepRows(
  planned: readonly PlannedStep[],
  state: UiState,
  lang: Lang,
  now: number,
): StepRow[] {
  return planned.map((entry) => {
    const {step} = entry;
    const view = state.steps[step.id];
    const status = displayStatus(view);
    const expected = `~${formatDuration(step.expectedMs)}`;
    let timing = expected;
    if (status === 'running' && view?.startedAt !== undefined) {
      timing = `${formatDuration(now - view.startedAt)} / ${expected}`;
    } else if (view?.durationMs !== undefined && status !== 'pending') {
      timing = formatDuration(view.durationMs);
    }

    const chosen = entry.kind === 'choice' ? state.branches[step.id] : undefined;
    const branch =
      entry.kind === 'choice' ? entry.step.branches.find((b) => b.id === chosen) : undefined;
    return {
      id: step.id,
      title: pick(step.title, lang),
      depth: entry.kind === 'action' && entry.branch ? 1 : 0,
      status,
      branch: branch ? pick(branch.title, lang) : undefined,
      timing,
    };
  });
}

/** How many rows are behind us, of how many. */
export function progressOf(rows: readonly StepRow[]): {
  readonly settled: number;
  readonly total: number;
} {
  return {settled: rows.filter((row) => isSettled(row.status)).length, total: rows.length};
}
