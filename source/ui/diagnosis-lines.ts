import stringWidth from 'string-width';
import type {Diagnosis, Speaker} from '../diagnosis/types.js';
import {pick, type Lang} from '../i18n/text.js';
import type {UiStrings} from './strings.js';
import {line, type DocLine} from './doc-lines.js';
import {colors, speakerStyles} from './theme.js';
import {wrapText} from './text-layout.js';

type Cell = {readonly char: string; readonly speaker: Speaker; readonly first: boolean};

// The error line, wrapped, with a row under each row marking who said each character:
// a digit where a speaker's part begins, then that speaker's own mark (=, -, ^) — so the
// picture reads the same without colour.
function picture(
  diagnosis: Diagnosis,
  width: number,
  labels: ReadonlyMap<Speaker, number>,
): DocLine[] {
  const cells: Cell[] = [];
  for (const segment of diagnosis.segments) {
    let first = true;
    for (const char of segment.text) {
      cells.push({char, speaker: segment.speaker, first: first && char !== ' '});
      if (char !== ' ') first = false;
    }
  }

  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let used = 0;
  for (const cell of cells) {
    const w = stringWidth(cell.char);
    if (used + w > width && row.length > 0) {
      const space = row.findLastIndex((c) => c.char === ' ');
      const carry = space > row.length / 2 ? row.splice(space + 1) : [];
      rows.push(row);
      row = carry;
      used = carry.reduce((sum, c) => sum + stringWidth(c.char), 0);
    }

    if (row.length === 0 && cell.char === ' ') continue;
    row.push(cell);
    used += w;
  }

  if (row.length > 0) rows.push(row);
  const out: DocLine[] = [];
  for (const cellsOfRow of rows) {
    const text = spansOf(cellsOfRow, (c) => c.char);
    const marks = spansOf(cellsOfRow, (c) => {
      const cellWidth = stringWidth(c.char);
      if (c.char === ' ') return ' '.repeat(cellWidth);
      const mark = c.first ? String(labels.get(c.speaker) ?? '') : speakerStyles[c.speaker].mark;
      return mark.padEnd(cellWidth, speakerStyles[c.speaker].mark);
    });
    out.push(text, marks);
  }

  return out;
}

function spansOf(cells: readonly Cell[], show: (cell: Cell) => string): DocLine {
  const spans: {text: string; color: string}[] = [];
  for (const cell of cells) {
    const color = speakerStyles[cell.speaker].color;
    const last = spans.at(-1);
    if (last?.color === color) last.text += show(cell);
    else spans.push({text: show(cell), color});
  }

  return {text: spans.map((span) => span.text).join(''), spans};
}

/** The diagnosis picture: the line labelled by speaker, a legend, the fields, the explanation and the next step. */
export function diagnosisLines(
  diagnosis: Diagnosis,
  strings: UiStrings,
  lang: Lang,
  width: number,
): DocLine[] {
  const labels = new Map<Speaker, number>();
  for (const segment of diagnosis.segments) {
    if (!labels.has(segment.speaker) && segment.text.trim() !== '') {
      labels.set(segment.speaker, labels.size + 1);
    }
  }

  const out: DocLine[] = [
    line(`${strings.diagnosis}: ${pick(diagnosis.title, lang)}`, {bold: true}),
    line(''),
  ];
  out.push(...picture(diagnosis, width, labels), line(''));
  for (const [speaker, label] of labels) {
    const style = speakerStyles[speaker];
    out.push({
      text: `${label}${style.mark.repeat(3)} ${strings.speakers[speaker]}`,
      spans: [
        {text: `${label}${style.mark.repeat(3)} `, color: style.color},
        {text: strings.speakers[speaker]},
      ],
    });
  }

  // Only fields with a label, in the labels' order: the parser's own (form,
  // documentedAttributes) feed the explanation, and a raw key name means nothing to a person.
  const shown = Object.entries(strings.fields).filter(([name]) => name in diagnosis.fields);
  if (shown.length > 0) out.push(line(''));
  const nameWidth = Math.max(...shown.map(([, label]) => stringWidth(label)), 0);
  for (const [name, label] of shown) {
    const padded = label + ' '.repeat(nameWidth - stringWidth(label));
    const value = diagnosis.fields[name] || strings.noValue;
    out.push({
      text: `${padded}  ${value}`,
      spans: [{text: `${padded}  `, color: colors.muted}, {text: value}],
    });
  }

  out.push(line(''), ...wrapText(pick(diagnosis.explanation, lang), width).map((row) => line(row)));
  out.push(line(''));
  const next = wrapText(`${strings.next}: ${pick(diagnosis.next.hint, lang)}`, width);
  out.push(...next.map((row) => line(row, {bold: true, color: colors.accent})));
  return out;
}
