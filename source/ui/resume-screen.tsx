import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import type {ReconcileVerdict} from '../engine/events.js';
import type {UiStrings} from './strings.js';
import {colors, statusColors, statusMarks} from './theme.js';
import {fit, truncate} from './text-layout.js';

/** A step as the resume screen lists it. */
export type ResumeRow = {
  readonly id: string;
  readonly title: string;
  readonly verdict: ReconcileVerdict | undefined;
  readonly detail: string;
};

type Props = {
  readonly rows: readonly ResumeRow[];
  readonly phase: 'idle' | 'running' | 'done';
  readonly proposedStepId: string | undefined;
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
};

const verdictStatus = {
  verified: 'verified',
  drifted: 'drifted',
  'found-in-place': 'found',
  pending: 'pending',
  unknown: 'unknown',
} as const;

/** On start with history: what reconcile found per step, and where it proposes to continue. */
export function ResumeScreen(props: Props) {
  const {rows, phase, proposedStepId, width, height, strings} = props;
  const verdictWidth = Math.max(...Object.values(strings.verdicts).map((v) => stringWidth(v)));
  // On a narrow terminal the titles give way, so what reconcile found keeps ~20 columns.
  const titleWidth = Math.min(
    34,
    Math.max(8, width - verdictWidth - 8 - 20),
    Math.max(...rows.map((row) => stringWidth(row.title)), 8),
  );
  const detailWidth = Math.max(0, width - titleWidth - verdictWidth - 8);
  const proposed = rows.find((row) => row.id === proposedStepId);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={colors.accent}>
        {strings.resumeTitle}
      </Text>
      {phase === 'done' ? null : <Text dimColor>{strings.reconciling}</Text>}
      {rows.slice(0, Math.max(0, height - 4)).map((row) => {
        const status = row.verdict ? verdictStatus[row.verdict] : 'pending';
        const here = row.id === proposedStepId;
        return (
          <Text key={row.id} bold={here}>
            {here ? '› ' : '  '}
            <Text color={statusColors[status]}>{row.verdict ? statusMarks[status] : ' '}</Text>{' '}
            {fit(row.title, titleWidth)}{' '}
            {fit(row.verdict ? strings.verdicts[row.verdict] : '', verdictWidth)}{' '}
            <Text dimColor>{truncate(row.detail, detailWidth)}</Text>
          </Text>
        );
      })}
      {phase === 'done' ? (
        <>
          <Text bold>
            {strings.proposed}: {proposed ? proposed.title : '-'}
          </Text>
          <Text dimColor>{strings.resumeKeys}</Text>
        </>
      ) : null}
    </Box>
  );
}
