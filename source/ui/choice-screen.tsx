import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import type {Branch} from '../runbook/types.js';
import {pick, type Lang} from '../i18n/text.js';
import type {UiStrings} from './strings.js';
import {DocLines, line, type DocLine} from './doc-lines.js';
import {colors} from './theme.js';
import {truncate, wrapText} from './text-layout.js';

type Props = {
  readonly title: string;
  readonly branches: readonly Branch[];
  /** The selected branch (the desk keeps it; see question-desk.ts). */
  readonly index: number;
  /** The branch a diagnosis suggested, selected first and tagged. */
  readonly suggested?: string;
  /** The branch already chosen, when the choice is made again: tagged. */
  readonly current?: string;
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
};

/** What each branch grants, risks and what the article says, as columns whose sections line up. */
export function branchColumns(
  branches: readonly Branch[],
  strings: UiStrings,
  lang: Lang,
  width: number,
): DocLine[][] {
  const sections = [
    {label: strings.grants, text: (b: Branch) => b.grants && pick(b.grants, lang)},
    {label: strings.risk, text: (b: Branch) => b.risk && pick(b.risk, lang), color: colors.danger},
    {label: strings.article, text: (b: Branch) => pick(b.text, lang)},
  ];
  const columns: DocLine[][] = branches.map(() => []);
  for (const section of sections) {
    const bodies = branches.map((b) => {
      const text = section.text(b);
      return text ? wrapText(text, width) : [];
    });
    const rows = Math.max(...bodies.map((body) => body.length));
    if (rows === 0) continue;
    for (const [index, body] of bodies.entries()) {
      columns[index]?.push(
        line(section.label, {bold: true, color: section.color}),
        ...Array.from({length: rows}, (_, row) => line(body[row] ?? '')),
        line(''),
      );
    }
  }

  return columns;
}

/** The remediation choice: the branches side by side (stacked when narrow), Enter picks. */
export function ChoiceScreen(props: Props) {
  const {branches, index, suggested, current, width, height, strings, lang} = props;
  const side = width >= 60 && branches.length <= 3;
  const gap = 2;
  const columnWidth = side
    ? Math.floor((width - gap * (branches.length - 1)) / Math.max(1, branches.length))
    : width;
  const bodyHeight = side
    ? height - 3
    : Math.max(2, Math.floor((height - 2) / Math.max(1, branches.length)) - 1);
  const columns = branchColumns(branches, strings, lang, columnWidth);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={colors.accent}>
        {strings.choose}: {props.title}
      </Text>
      <Box flexDirection={side ? 'row' : 'column'}>
        {branches.map((branch, i) => {
          const selected = i === index;
          const tag =
            branch.id === current
              ? `  (${strings.current})`
              : branch.id === suggested
                ? `  (${strings.suggested})`
                : '';
          return (
            <Box
              key={branch.id}
              flexDirection="column"
              width={columnWidth}
              marginRight={side && i < branches.length - 1 ? gap : 0}
            >
              {/* One line, so the columns' bodies start on the same row; the screen numbers the
                  branches itself, so a runbook title's own "1. " is not repeated. */}
              {/* Cut here, not by Ink: its truncation left a Japanese title one cell too wide,
                  so the … wrapped onto a row of its own. */}
              {/* The tag is what tells a made choice from a new one: the title gives way to it. */}
              <Text bold inverse={selected} wrap="truncate-end">
                {truncate(
                  `${selected ? '›' : ' '} ${i + 1}. ${pick(branch.title, lang).replace(/^\d+\.\s*/, '')}`,
                  Math.max(1, columnWidth - stringWidth(tag)),
                )}
                {tag}
              </Text>
              <DocLines
                lines={
                  side
                    ? (columns[i] ?? [])
                    : (branchColumns([branch], strings, lang, columnWidth)[0] ?? [])
                }
                width={columnWidth}
                height={bodyHeight}
              />
            </Box>
          );
        })}
      </Box>
      <Text dimColor>
        {branches.map((_, i) => i + 1).join('/')} · Enter · {strings.closeHint}
      </Text>
    </Box>
  );
}
