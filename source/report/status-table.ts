import {pick, type Lang} from '../i18n/text.js';
import type {StepStatus} from '../engine/events.js';
import type {Runbook, Step} from '../runbook/types.js';
import type {ProfileState, StepRecord} from '../state/types.js';
import {elapsedMs, formatDuration} from './duration.js';
import type {Paint} from './paint.js';
import {renderTable} from './table.js';
import {reportWords} from './words.js';

const paintOf: Readonly<Record<StepStatus, keyof Omit<Paint, 'enabled'>>> = {
  done: 'green',
  failed: 'red',
  running: 'cyan',
  skipped: 'yellow',
  interrupted: 'yellow',
  pending: 'dim',
};

/** A status as a mark and a word, so it never depends on colour alone. */
export function statusText(status: StepStatus, paint: Paint, lang: Lang = 'en'): string {
  return paint[paintOf[status]](reportWords[lang].status[status]);
}

type Row = readonly string[];

function actionRow(
  step: Step,
  indent: string,
  record: StepRecord | undefined,
  format: {readonly lang: Lang; readonly paint: Paint; readonly now: number},
): Row {
  const last = record?.attempts.at(-1);
  const status = record?.status ?? 'pending';
  const took =
    last === undefined
      ? '—'
      : status === 'running'
        ? formatDuration(format.now - Date.parse(last.startedAt))
        : formatDuration(elapsedMs(last.startedAt, last.endedAt) ?? Number.NaN);
  return [
    `${indent}${step.id}`,
    pick(step.title, format.lang),
    statusText(status, format.paint, format.lang),
    String(record?.attempts.length ?? 0),
    took,
    last?.logPath ?? '',
  ];
}

/**
 * The `status` table: every step in order with its status, attempts, last duration and log.
 * A choice shows the branch taken and that branch's steps; before a choice is made, every
 * branch's steps are listed under it.
 */
export function statusTable(
  runbook: Runbook,
  state: ProfileState | undefined,
  format: {readonly lang: Lang; readonly paint: Paint; readonly now?: number},
): string[] {
  const full = {...format, now: format.now ?? Date.now()};
  const rows: Row[] = [];
  for (const step of runbook.steps) {
    if (step.kind === 'action') {
      rows.push(actionRow(step, '', state?.steps[step.id], full));
      continue;
    }

    const chosen = state?.branches[step.id]?.branchId;
    rows.push([
      step.id,
      pick(step.title, format.lang),
      chosen === undefined ? format.paint.dim(reportWords[format.lang].notChosen) : `⑂ ${chosen}`,
      '',
      '',
      '',
    ]);
    for (const branch of step.branches) {
      if (chosen !== undefined && branch.id !== chosen) continue;
      for (const inner of branch.steps) {
        rows.push(actionRow(inner, `  ${branch.id}/`, state?.steps[inner.id], full));
      }
    }
  }

  return renderTable(reportWords[format.lang].statusHeads, rows);
}
