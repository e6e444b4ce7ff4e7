import {Box, Text} from 'ink';
import {pick, type I18nText, type Lang} from '../i18n/text.js';
import type {UiStrings} from './strings.js';
import {colors} from './theme.js';
import {wrapText} from './text-layout.js';

type Props = {
  readonly question: I18nText;
  readonly danger: boolean;
  readonly width: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
};

/** A yes/no question; a dangerous one is framed as a warning and never defaults to yes. */
export function ConfirmScreen({question, danger, width, strings, lang}: Props) {
  const rows = wrapText(pick(question, lang), Math.max(10, width - 4));
  return (
    <Box
      flexDirection="column"
      width={width}
      borderStyle={danger ? 'double' : 'round'}
      borderColor={danger ? colors.danger : colors.accent}
      paddingX={1}
    >
      {danger ? (
        <Text bold inverse color={colors.danger}>
          {` ! ${strings.warning} ! `}
        </Text>
      ) : null}
      {rows.map((row) => (
        <Text key={row} bold={danger}>
          {row}
        </Text>
      ))}
      <Text dimColor>{strings.confirmYesNo}</Text>
    </Box>
  );
}
