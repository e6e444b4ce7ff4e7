import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import type {Target} from '../engine/events.js';
import type {Lang} from '../i18n/text.js';
import {bootWords, type BootTask} from './boot-words.js';
import {uiStrings} from './strings.js';
import {truncate} from './text-layout.js';
import {TitleRow} from './header.js';
import {useKeys} from './use-keys.js';
import {useTerminalSize} from './use-terminal-size.js';

export type {BootTask} from './boot-words.js';

/** What the first frame knows before the runbook is loaded. */
export type BootProps = {
  readonly title: string;
  readonly profile: string;
  readonly target: Target;
  readonly lang: Lang;
  /** Tasks still under way, in the order they are shown. */
  readonly pending: readonly BootTask[];
  /** The person asked to quit: shown until the started work is put away. */
  readonly stopping: boolean;
  readonly onQuit: () => void;
};

/** The first frame: the header a person needs (runbook, profile, REAL/SIMULATED) and what is starting. */
export function BootScreen({title, profile, target, lang, pending, stopping, onQuit}: BootProps) {
  const {columns} = useTerminalSize();
  const strings = uiStrings(lang);
  const said = bootWords[lang];
  useKeys((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) onQuit();
  });
  const marker = `[${target === 'real' ? strings.real : strings.simulated}]`;
  const right = ` ${strings.profile}: ${profile}  ${marker} `;
  const lines = stopping ? [said.stopping] : pending.map((task) => said[task]);
  return (
    <Box flexDirection="column" width={columns}>
      <TitleRow
        title={truncate(title, Math.max(4, columns - stringWidth(right) - 1))}
        profile={profile}
        target={target}
        marker={marker}
        strings={strings}
      />
      {lines.map((line) => (
        <Text key={line} dimColor>
          {truncate(line, columns)}
        </Text>
      ))}
      <Text dimColor>{said.quit}</Text>
    </Box>
  );
}
