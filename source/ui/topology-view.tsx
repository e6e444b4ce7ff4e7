import {Box, Text} from 'ink';
import type {UiStrings} from './strings.js';
import type {LabNode} from './topology.js';
import {fit} from './text-layout.js';

type Props = {
  readonly nodes: readonly LabNode[];
  readonly width: number;
  readonly strings: UiStrings;
};

const stateMarks: Readonly<Record<LabNode['state'], string>> = {
  absent: '-',
  up: '+',
  mke: '#',
  runner: '#',
};

/** The lab's three machines: name, address, role and live state. */
export function TopologyView({nodes, width, strings}: Props) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{strings.topology}</Text>
      {nodes.map((node) => (
        <Text key={node.name} dimColor={node.state === 'absent'}>
          {fit(
            `${stateMarks[node.state]} ${node.name} ${node.address}  ${strings.nodeRoles[node.role]}  ${strings.nodeStates[node.state]}`,
            width,
          )}
        </Text>
      ))}
    </Box>
  );
}
