import {Box, Text} from 'ink';
import type {KeyName, UiStrings, DisplayStatusName} from './strings.js';
import {statusMarks} from './theme.js';
import {fit} from './text-layout.js';

/** Every key, as the help overlay lists it. */
export const helpKeys: readonly {readonly key: string; readonly name: KeyName}[] = [
  {key: '↑↓ j k', name: 'select'},
  {key: 'Enter', name: 'run'},
  {key: 'r', name: 'retry'},
  {key: 's', name: 'skip'},
  {key: 'u', name: 'undo'},
  {key: 'l', name: 'log'},
  {key: 'd', name: 'details'},
  {key: 'D', name: 'diagnosis'},
  {key: 'p', name: 'params'},
  {key: 'x Ctrl-C', name: 'cancel'},
  {key: 'L', name: 'lang'},
  {key: '?', name: 'help'},
  {key: 'q', name: 'quit'},
  {key: 'Esc', name: 'back'},
  {key: 'PgUp PgDn', name: 'page'},
  {key: 'g G', name: 'ends'},
  {key: '/ n N', name: 'find'},
];

const legendOrder: readonly DisplayStatusName[] = [
  'pending',
  'running',
  'done',
  'verified',
  'drifted',
  'found',
  'unknown',
  'failed',
  'skipped',
  'interrupted',
];

type Props = {readonly width: number; readonly height: number; readonly strings: UiStrings};

/** Lists every key and every status mark; two columns when there is room. */
export function HelpOverlay({width, height, strings}: Props) {
  const keyColumn = helpKeys.map((k) => `${fit(k.key, 10)} ${strings.keys[k.name]}`);
  const legend = legendOrder.map((status) => `${statusMarks[status]}  ${strings.status[status]}`);
  const side = width >= 60;
  const columnWidth = side ? Math.floor((width - 2) / 2) : width;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Box flexDirection={side ? 'row' : 'column'}>
        <Box flexDirection="column" width={columnWidth}>
          <Text bold>{strings.help}</Text>
          {keyColumn.slice(0, side ? undefined : Math.max(0, height - 2)).map((text) => (
            <Text key={text}>{fit(text, columnWidth)}</Text>
          ))}
        </Box>
        {side ? (
          <Box flexDirection="column" width={columnWidth} marginLeft={2}>
            <Text bold>{strings.legend}</Text>
            {legend.map((text) => (
              <Text key={text}>{fit(text, columnWidth)}</Text>
            ))}
          </Box>
        ) : null}
      </Box>
    </Box>
  );
}
