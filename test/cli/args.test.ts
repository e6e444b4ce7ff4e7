import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseCommandLine} from '../../source/cli/args.js';
import {RunbookError} from '../../source/engine/errors.js';

const common = {profile: 'default', stateDir: undefined, lang: undefined, json: false};
const run = {
  yes: false,
  from: undefined,
  only: undefined,
  target: 'auto',
  set: {},
  paramsFile: undefined,
};

test('reads commands and flags into a typed command', () => {
  const cases: Array<[string[], unknown]> = [
    [[], {kind: 'run', runbook: undefined, common, run}],
    [['--help'], {kind: 'help'}],
    [['status', '-h'], {kind: 'help'}],
    [['--version'], {kind: 'version'}],
    [
      ['run', 'x.yaml', '--yes', '--simulate', '--set', 'a=1', '--set', 'b=x=y', '--from', 'vms'],
      {
        kind: 'run',
        runbook: 'x.yaml',
        common,
        run: {...run, yes: true, target: 'simulated', set: {a: '1', b: 'x=y'}, from: 'vms'},
      },
    ],
    [
      ['runbooks/x.yaml', '--real'],
      {kind: 'run', runbook: 'runbooks/x.yaml', common, run: {...run, target: 'real'}},
    ],
    [
      ['status', '--profile', 'ws-1', '--state-dir', '/s', '--lang', 'ja', '--json'],
      {
        kind: 'status',
        runbook: undefined,
        common: {profile: 'ws-1', stateDir: '/s', lang: 'ja', json: true},
        run,
      },
    ],
    [['reset', '--step', 'vms'], {kind: 'reset', runbook: undefined, step: 'vms', common}],
    [['log', 'vms'], {kind: 'log', step: 'vms', common}],
    [['lab', 'start'], {kind: 'lab', action: 'start', common}],
    [
      ['plan', '--params', 'p.yaml'],
      {kind: 'plan', runbook: undefined, common, run: {...run, paramsFile: 'p.yaml'}},
    ],
  ];
  for (const [argv, expected] of cases)
    assert.deepEqual(parseCommandLine(argv), expected, argv.join(' '));
});

test('refuses bad command lines with a usage error that says what is wrong', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--frob'], /unknown flag `--frob`/],
    [['statsu'], /unknown command `statsu`/],
    [['--profile'], /`--profile` needs a value/],
    [['--lang', 'fr'], /`--lang fr` is not a language/],
    [['--simulate', '--real'], /not both/],
    [['--from', 'a', '--only', 'b'], /not both/],
    [['status', '--yes'], /`--yes` does not apply to `status`/],
    [['--set', 'novalue'], /must look like --set name=value/],
    [['--set', 'Bad=1'], /must look like --set name=value/],
    [['--profile', '../etc'], /profile name `..\/etc` is not allowed/],
    [['log'], /needs the step id/],
    [['lab', 'explode'], /start, stop, status, reset/],
    [['run', 'a.yaml', 'b.yaml'], /unexpected argument `b.yaml`/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(
      () => parseCommandLine(argv),
      (error) =>
        error instanceof RunbookError && error.code === 'usage' && message.test(error.message),
      argv.join(' '),
    );
  }
});

test('guesses the command or flag a typo meant', () => {
  assert.throws(
    () => parseCommandLine(['statsu']),
    (error) => error instanceof RunbookError && /status/.test(error.hint ?? ''),
  );
  assert.throws(
    () => parseCommandLine(['--profil', 'x']),
    (error) => error instanceof RunbookError && /--profile/.test(error.hint ?? ''),
  );
});
