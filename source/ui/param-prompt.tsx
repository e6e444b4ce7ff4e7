import {Box, Text} from 'ink';
import type {ParamSpec} from '../runbook/types.js';
import {pick, type Lang} from '../i18n/text.js';
import type {UiStrings} from './strings.js';
import {colors} from './theme.js';
import {wrapText} from './text-layout.js';

type Props = {
  readonly param: ParamSpec;
  /** What has been typed so far (the desk keeps it; see question-desk.ts). */
  readonly value: string;
  /** Why the last answer was refused, by the field's checks or the engine. */
  readonly error?: string;
  readonly width: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
};

/** A field for one parameter: inline validation, `•` for secrets, the env var it may come from. */
export function ParamPrompt({param, value, error, width, strings, lang}: Props) {
  const secret = param.type === 'secret';
  const shown = secret ? '•'.repeat(Array.from(value).length) : value;
  const help = param.help ? wrapText(pick(param.help, lang), width) : [];
  const hint = secret
    ? param.env
      ? strings.secretHint(param.env)
      : strings.secretNoEnv
    : undefined;
  // Say what a yes/no question accepts before the first wrong answer, not after it.
  const choices =
    param.type === 'choice' && param.choices
      ? strings.oneOf(param.choices)
      : param.type === 'boolean'
        ? strings.oneOf(['yes', 'no'])
        : undefined;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={colors.accent}>
        {strings.question}
      </Text>
      <Text bold>{pick(param.label, lang)}</Text>
      {help.map((row) => (
        <Text key={row} dimColor>
          {row}
        </Text>
      ))}
      {choices ? <Text dimColor>{choices}</Text> : null}
      <Box
        borderStyle="round"
        borderColor={error ? colors.error : colors.accent}
        width={Math.min(width, 72)}
      >
        <Text>
          {'› '}
          {shown}
          <Text inverse> </Text>
        </Text>
      </Box>
      {error ? <Text color={colors.error}>✗ {error}</Text> : null}
      {hint
        ? wrapText(hint, width).map((row) => (
            <Text key={row} dimColor>
              {row}
            </Text>
          ))
        : null}
      <Text dimColor>
        {strings.enterToSubmit} · {strings.closeHint}
      </Text>
    </Box>
  );
}
