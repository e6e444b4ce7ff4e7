import stringWidth from 'string-width';
import type {PlannedStep} from '../engine/engine-api.js';
import type {ParamInfo} from '../engine/param-info.js';
import {pick, type Lang} from '../i18n/text.js';
import {line, type DocLine} from './doc-lines.js';
import type {UiStrings} from './strings.js';
import {colors, statusMarks} from './theme.js';
import {fit, wrapText} from './text-layout.js';

/** What the parameters view shows, laid out for a width and a height. */
export type ParamScreen = {readonly list: DocLine[]; readonly detail: DocLine[]};

/** A parameter's value as shown: a secret never, only whether it is set (the source column says which). */
export function shownValue(info: ParamInfo): string {
  if (!info.isSet) return '-';
  return info.spec.type === 'secret' ? '••••' : String(info.value);
}

/** The steps a done or running step used it for (what stops a change here). */
export function lockingUses(info: ParamInfo): ParamInfo['usedBy'] {
  return info.usedBy.filter((use) => use.locks);
}

/** A step's title in the plan (its id when it is not there). */
export function stepTitle(planned: readonly PlannedStep[], stepId: string, lang: Lang): string {
  const entry = planned.find((p) => p.step.id === stepId);
  return entry ? pick(entry.step.title, lang) : stepId;
}

function undoable(planned: readonly PlannedStep[], stepId: string): boolean {
  const entry = planned.find((p) => p.step.id === stepId);
  return entry?.kind === 'action' && entry.step.undo.length > 0;
}

/** One row per parameter: mark, label, value in use, where it comes from. */
export function paramRows(
  infos: readonly ParamInfo[],
  selected: number,
  strings: UiStrings,
  lang: Lang,
  width: number,
): DocLine[] {
  const originWidth = Math.min(14, Math.max(8, Math.floor(width / 6)));
  const rest = Math.max(10, width - 4 - originWidth - 2);
  // Values take what the longest needs, between a third and a half; labels the rest.
  const longest = Math.max(0, ...infos.map((info) => stringWidth(shownValue(info))));
  const valueWidth = Math.max(Math.floor(rest / 3), Math.min(longest + 1, Math.floor(rest / 2)));
  const labelWidth = rest - valueWidth;
  return infos.map((info, index) => {
    const mark = lockingUses(info).length > 0 ? statusMarks.done : ' ';
    const text =
      (index === selected ? '› ' : '  ') +
      `${mark} ${fit(pick(info.spec.label, lang), labelWidth - 1)} ` +
      `${fit(shownValue(info), rest - labelWidth)} ${strings.params.origins[info.origin]}`;
    return line(text, index === selected ? {inverse: true} : {});
  });
}

/** The selected parameter explained: help, where the value comes from, its steps, a lock. */
export function paramDetail(
  info: ParamInfo,
  planned: readonly PlannedStep[],
  strings: UiStrings,
  lang: Lang,
  width: number,
): DocLine[] {
  const words = strings.params;
  const wrap = (text: string, style: Omit<DocLine, 'text'> = {}) =>
    wrapText(text, width).map((row) => line(row, style));
  const titleOf = (stepId: string) => stepTitle(planned, stepId, lang);
  const env = info.spec.env ?? '';
  const origin =
    info.overrides && info.spec.type !== 'secret'
      ? words.overrides[info.overrides](env)
      : info.origin === 'session'
        ? words.secretSession
        : words.explain[info.origin](env);
  const out: DocLine[] = [
    line(`${pick(info.spec.label, lang)}  (${info.spec.id})`, {bold: true}),
    ...(info.spec.help ? wrap(pick(info.spec.help, lang), {dim: true}) : []),
    ...wrap(origin),
  ];
  if (info.problem) out.push(...wrap(info.problem, {color: colors.error}));
  const used = info.usedBy.map((use) => `${titleOf(use.stepId)} (${strings.status[use.status]})`);
  out.push(...wrap(used.length > 0 ? `${words.usedBy}: ${used.join(', ')}` : words.usedByNone));
  const locking = lockingUses(info);
  if (locking.length > 0) {
    const titles = locking.map((use) => titleOf(use.stepId)).join(', ');
    out.push(...wrap(words.locked(titles), {color: colors.error}));
    if (locking.some((use) => use.kind === 'choice')) out.push(...wrap(words.redoChoice));
    const actions = locking.filter((use) => use.kind === 'action');
    if (actions.length > 0) {
      const undo = actions.every((use) => undoable(planned, use.stepId));
      out.push(
        ...wrap(
          words.redo(
            undo,
            actions.map((use) => use.stepId),
          ),
        ),
      );
    }
  }

  return out;
}

/** The list window (following the selection) above the selected parameter's detail. */
export function paramScreen(
  infos: readonly ParamInfo[],
  selected: number,
  options: {
    readonly planned: readonly PlannedStep[];
    readonly strings: UiStrings;
    readonly lang: Lang;
    readonly width: number;
    readonly height: number;
  },
): ParamScreen {
  const {planned, strings, lang, width, height} = options;
  const info = infos[selected];
  const detail = info ? paramDetail(info, planned, strings, lang, width) : [];
  const anyLocked = infos.some((one) => lockingUses(one).length > 0);
  // Title, legend and separator take their rows; the list keeps at least a third of the rest.
  const room = Math.max(1, height - (anyLocked ? 3 : 2));
  const shownDetail = detail.slice(0, Math.max(2, room - Math.max(3, Math.ceil(room / 3))));
  const listHeight = Math.max(1, room - shownDetail.length);
  const rows = paramRows(infos, selected, strings, lang, width);
  const start = Math.max(
    0,
    Math.min(selected - Math.floor(listHeight / 2), rows.length - listHeight),
  );
  const title = line(`${strings.params.title}  ${selected + 1}/${infos.length}`, {
    bold: true,
    color: colors.accent,
  });
  return {
    list: [title, ...rows.slice(start, start + listHeight)],
    detail: [
      ...(anyLocked ? [line(strings.params.lockedLegend, {dim: true})] : []),
      line('-'.repeat(width), {dim: true}),
      ...shownDetail,
    ],
  };
}
