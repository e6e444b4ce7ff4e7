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
      <TitleRow
        title={titleText}
        profile={profile}
        target={target}
        marker={marker}
        strings={strings}
        clock={clock}
      />
      <Text>
        [<Text color={colors.accent}>{'#'.repeat(filled)}</Text>
        <Text dimColor>{'.'.repeat(barWidth - filled)}</Text>]{count}
      </Text>
    </Box>
  );
}

/** The header's first row: the (already fitted) title, then profile, REAL/SIMULATED and, once running, the clock. */
export function TitleRow(props: {
  readonly title: string;
  readonly profile: string;
  readonly target: Target;
  readonly marker: string;
  readonly strings: UiStrings;
  readonly clock?: string;
}) {
  return (
    <Box>
      <Text bold>{props.title}</Text>
      <Box flexGrow={1} />
      <Text dimColor>
        {' '}
        {props.strings.profile}: {props.profile}{' '}
      </Text>
      <Text bold inverse color={props.target === 'real' ? colors.real : colors.simulated}>
        {' ' + props.marker + ' '}
      </Text>
      {props.clock === undefined ? null : <Text> {props.clock}</Text>}
    </Box>
  );
}
