import {Box, Text} from 'ink';
import type {Target} from '../engine/events.js';
import type {UiStrings} from './strings.js';
import {colors} from './theme.js';
import {formatClock, truncate} from './text-layout.js';
import stringWidth from 'string-width';

type Props = {
  readonly title: string;
  readonly profile: string;
  readonly target: Target;
  readonly elapsedMs: number;
  readonly settled: number;
  readonly total: number;
  readonly width: number;
  readonly strings: UiStrings;
};

/** Two lines: runbook, profile, REAL/SIMULATED and the clock; then the progress bar. */
export function Header({title, profile, target, elapsedMs, settled, total, width, strings}: Props) {
  const marker = `[${target === 'real' ? strings.real : strings.simulated}]`;
  const clock = formatClock(elapsedMs);
  const right = ` ${strings.profile}: ${profile}  ${marker}  ${clock}`;
  const titleText = truncate(title, Math.max(4, width - stringWidth(right)));
  const count = ` ${settled}/${total}`;
  const barWidth = Math.max(4, width - count.length - 2);
  const filled = total === 0 ? 0 : Math.round((barWidth * settled) / total);
  return (
    <Box flexDirection="column" width={width}>
      <Box>
        <Text bold>{titleText}</Text>
        <Box flexGrow={1} />
        <Text dimColor>
          {' '}
          {strings.profile}: {profile}{' '}
        </Text>
        <Text bold inverse color={target === 'real' ? colors.real : colors.simulated}>
          {' ' + marker + ' '}
        </Text>
        <Text> {clock}</Text>
      </Box>
      <Text>
        [<Text color={colors.accent}>{'#'.repeat(filled)}</Text>
        <Text dimColor>{'.'.repeat(barWidth - filled)}</Text>]{count}
      </Text>
    </Box>
  );
}
