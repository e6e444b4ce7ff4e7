import {createReadStream} from 'node:fs';
import {pipeline} from 'node:stream/promises';
import {RunbookError} from '../../engine/errors.js';
import {allSteps} from '../../report/step-index.js';
import type {ProfileState} from '../../state/types.js';
import type {CommonOptions} from '../args.js';
import {loadNamedRunbook, profileContext, type CliIo} from '../context.js';
import {readProfileState} from '../read-state.js';
import {closest, usageError} from '../usage-error.js';

/** `log STEP`: copies the full log of the step's last attempt to stdout, streamed (logs can be large). */
export async function logCommand(
  options: {readonly step: string; readonly common: CommonOptions},
  io: CliIo,
): Promise<number> {
  const context = profileContext(options.common, io);
  const state = await readProfileState(context.paths);
  const {profile} = options.common;
  if (state === undefined) {
    throw usageError(
      `no step has a log in profile \`${profile}\`: nothing has run there yet`,
      '`mke-runbook run` starts it; `--profile` or `--state-dir` name another',
    );
  }

  if (!(options.step in state.steps)) await checkStepId(options.step, state, io, context.stateDir);

  const last = state.steps[options.step]?.attempts.at(-1);
  if (last === undefined) {
    throw new RunbookError(
      'usage',
      `step \`${options.step}\` has no log in profile \`${profile}\`: it has not run yet`,
      '`mke-runbook status` lists the steps and their logs',
    );
  }

  try {
    await pipeline(createReadStream(last.logPath), io.stdout, {end: false});
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new RunbookError('usage', `the log file \`${last.logPath}\` is gone`);
    }

    throw error;
  }

  return 0;
}

// The state has records only for the steps reached; the others are in the runbook, read here
// when it is the default one (`log` names no runbook), else the records are all there is to go by.
async function checkStepId(
  stepId: string,
  state: ProfileState,
  io: CliIo,
  stateDir: string,
): Promise<void> {
  const runbook = await loadNamedRunbook(undefined, io, stateDir).catch(() => undefined);
  const known = runbook?.id === state.runbookId;
  const ids = known ? allSteps(runbook).map(({step}) => step.id) : Object.keys(state.steps);
  if (ids.includes(stepId)) return;
  const guess = closest(stepId, ids);
  throw usageError(
    known
      ? `runbook \`${state.runbookId}\` has no step \`${stepId}\``
      : `no step \`${stepId}\` on record for runbook \`${state.runbookId}\``,
    `${guess ? `did you mean \`${guess}\`? ` : ''}${known ? 'its steps' : 'steps on record'}: ${ids.join(', ')}`,
  );
}
