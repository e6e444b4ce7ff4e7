import {Box, Text} from 'ink';
import {statusColors, statusMarks, spinnerFrames} from './theme.js';
import type {StepRow} from './step-rows.js';
import {fit, padStart, truncate} from './text-layout.js';
import stringWidth from 'string-width';

type Props = {
  readonly rows: readonly StepRow[];
  readonly selected: number;
  readonly width: number;
  readonly height: number;
  readonly spinnerFrame: number;
};

/** The steps, one row each: selection, status mark, title (+ branch taken), timing. */
export function StepList({rows, selected, width, height, spinnerFrame}: Props) {
  // Keep the selection in view when the list is taller than its space.
  const start = Math.min(
    Math.max(0, selected - Math.floor(height / 2)),
    Math.max(0, rows.length - height),
  );
  const timingWidth = Math.min(16, Math.max(...rows.map((row) => stringWidth(row.timing)), 0));
  return (
    <Box flexDirection="column" width={width}>
      {rows.slice(start, start + height).map((row, index) => {
        const isSelected = start + index === selected;
        const mark =
          row.status === 'running'
            ? (spinnerFrames[spinnerFrame % spinnerFrames.length] ?? statusMarks.running)
            : statusMarks[row.status];
        const indent = row.depth > 0 ? '  ' : '';
        const titleWidth = Math.max(4, width - 5 - indent.length - timingWidth);
        const title = row.branch ? `${row.title} -> ${row.branch}` : row.title;
        return (
          <Box key={row.id}>
            <Text bold={isSelected}>{isSelected ? '› ' : '  '}</Text>
            <Text color={statusColors[row.status]}>{mark}</Text>
            <Text bold={isSelected} inverse={isSelected}>
              {' ' + indent + fit(title, titleWidth)}
            </Text>
            <Text dimColor> {padStart(truncate(row.timing, timingWidth), timingWidth)}</Text>
          </Box>
        );
      })}
    </Box>
  );
}
