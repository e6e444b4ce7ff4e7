import {test} from 'node:test';
import assert from 'node:assert/strict';
import {peekRecorded} from '../../source/cli/boot-target.js';

const state = (target: unknown, statuses: readonly unknown[], schemaVersion: unknown = 1) =>
  JSON.stringify({
    schemaVersion,
    runbookId: 'x',
    target,
    steps: Object.fromEntries(statuses.map((status, index) => [`s${index}`, {status}])),
  });

const cases: ReadonlyArray<{
  readonly name: string;
  readonly text: string;
  readonly recorded: ReturnType<typeof peekRecorded>;
}> = [
  {
    name: 'a profile with a step done is bound to its target',
    text: state('real', ['done', 'pending']),
    recorded: {target: 'real', bound: true},
  },
  {
    name: 'a profile with every step pending is not bound yet',
    text: state('simulated', ['pending', 'pending']),
    recorded: {target: 'simulated', bound: false},
  },
  {name: 'text that is not JSON is left to the parser', text: '{"schema', recorded: undefined},
  {
    name: 'another schema version is left to the parser',
    text: state('real', [], 2),
    recorded: undefined,
  },
  {
    name: 'an unknown target is left to the parser',
    text: state('lab', ['done']),
    recorded: undefined,
  },
  {
    name: 'a step without a status is left to the parser',
    text: state('real', [7]),
    recorded: undefined,
  },
  {name: 'a JSON array is left to the parser', text: '[]', recorded: undefined},
];

for (const {name, text, recorded} of cases) {
  test(`peeks at a state file: ${name}`, () => {
    assert.deepEqual(peekRecorded(text), recorded);
  });
}
