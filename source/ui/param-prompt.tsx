import {useKeys} from './use-keys.js';
import {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import type {ParamSpec} from '../runbook/types.js';
import {pick, type Lang} from '../i18n/text.js';
import type {UiStrings} from './strings.js';
import {validateParam} from './validate-param.js';
import {colors} from './theme.js';
import {wrapText} from './text-layout.js';

type Props = {
  readonly param: ParamSpec;
  /** The engine's reason for asking again, if it refused the last answer. */
  readonly engineError?: string;
  readonly width: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
  readonly onAnswer: (value: string) => void;
  readonly onCancel: () => void;
};

/** A field for one parameter: inline validation, `•` for secrets, the env var it may come from. */
export function ParamPrompt({param, engineError, width, strings, lang, onAnswer, onCancel}: Props) {
  const initial =
    param.type === 'secret' || param.default === undefined ? '' : String(param.default);
  const [value, setValueState] = useState(initial);
  // Keys can arrive faster than renders (a paste, a pty test): the ref is always current.
  const valueRef = useRef(initial);
  const setValue = (change: (v: string) => string) => {
    valueRef.current = change(valueRef.current);
    setValueState(valueRef.current);
  };

  const [error, setError] = useState<string | undefined>(engineError);
  useKeys((input, key) => {
    if (key.escape) {
      onCancel();
      return;
    }

    if (key.return) {
      const typed = valueRef.current;
      const problem = validateParam(param, typed);
      if (!problem) {
        onAnswer(typed);
        return;
      }

      const range = problem.error === 'range' ? ' ' + strings.between(param.min, param.max) : '';
      const choice = problem.error === 'choice' ? ' ' + strings.oneOf(param.choices ?? []) : '';
      const message =
        problem.error === 'pattern' && param.patternMessage
          ? pick(param.patternMessage, lang)
          : strings.invalid[problem.error] + range + choice;
      setError(message);
      return;
    }

    if (key.backspace || key.delete) {
      setValue((v) => Array.from(v).slice(0, -1).join(''));
      setError(undefined);
      return;
    }

    if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow) return;
    if (input !== '') {
      // Pasted text arrives as one input; keep it on one line.
      setValue((v) => v + input.replaceAll(/[\r\n]/g, ''));
      setError(undefined);
    }
  });

  const secret = param.type === 'secret';
  const shown = secret ? '•'.repeat(Array.from(value).length) : value;
  const help = param.help ? wrapText(pick(param.help, lang), width) : [];
  const hint = secret
    ? param.env
      ? strings.secretHint(param.env)
      : strings.secretNoEnv
    : undefined;
  const choices =
    param.type === 'choice' && param.choices ? strings.oneOf(param.choices) : undefined;
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
