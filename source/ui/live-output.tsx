import {Box, Text} from 'ink';
import type {UiStrings} from './strings.js';
import {colors, spinnerFrames} from './theme.js';
import {formatDuration, truncate} from './text-layout.js';
import {displayLine} from './display-line.js';

type Props = {
  readonly title: string;
  readonly lines: readonly string[];
  readonly running: boolean;
  readonly startedAt: number | undefined;
  readonly lastOutputAt: number | undefined;
  readonly expectedMs: number;
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
};

// Silence longer than this earns a "quiet for" note beside the spinner.
const quietAfterMs = 3000;

/** The tail of the running step's output under a status line: spinner, elapsed vs expected. */
export function LiveOutput(props: Props) {
  const {lines, running, startedAt, lastOutputAt, now, width, height, strings} = props;
  const shown = lines.slice(-Math.max(0, height - 1));
  const elapsed = startedAt === undefined ? 0 : now - startedAt;
  const quietSince = lastOutputAt ?? startedAt;
  const quiet = running && quietSince !== undefined && now - quietSince > quietAfterMs;
  const spinner = spinnerFrames[Math.floor(now / 100) % spinnerFrames.length] ?? '';
  const status = running
    ? `${spinner} ${props.title}  ${formatDuration(elapsed)} / ~${formatDuration(props.expectedMs)}${
        quiet ? `  · ${strings.quietFor} ${formatDuration(now - (quietSince ?? now))}` : ''
      }`
    : `${strings.output}: ${props.title}`;
  return (
    <Box flexDirection="column" height={height}>
      <Text color={running ? colors.accent : undefined} bold>
        {truncate(status, width)}
      </Text>
      {/* One text block, not a node per line: a flood redraws this ten times a second. */}
      {shown.length === 0 ? (
        <Text dimColor>{strings.noOutput}</Text>
      ) : (
        <Text>{shown.map((text) => displayLine(text, width) || ' ').join('\n')}</Text>
      )}
    </Box>
  );
}
