import {createReadStream} from 'node:fs';
import {pipeline} from 'node:stream/promises';
import {allSteps} from '../../report/step-index.js';
import type {ProfileState} from '../../state/types.js';
import type {CommonOptions} from '../args.js';
import {loadNamedRunbook, profileContext, type CliIo} from '../context.js';
import {readProfileState} from '../read-state.js';
import {closest, usageError} from '../usage-error.js';
import {cliWords} from '../cli-words.js';

/** `log STEP`: copies the full log of the step's last attempt to stdout, streamed (logs can be large). */
export async function logCommand(
  options: {readonly step: string; readonly common: CommonOptions},
  io: CliIo,
): Promise<number> {
  const context = profileContext(options.common, io);
  const state = await readProfileState(context.paths);
  const {profile} = options.common;
  if (state === undefined) {
    throw usageError((lang) => cliWords(lang).noLogs(profile));
  }

  if (!(options.step in state.steps)) await checkStepId(options.step, state, io, context.stateDir);

  const last = state.steps[options.step]?.attempts.at(-1);
  if (last === undefined) {
    const stepId = options.step;
    throw usageError((lang) => cliWords(lang).stepNoLog(stepId, profile));
  }

  try {
    await pipeline(createReadStream(last.logPath), io.stdout, {end: false});
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      const file = last.logPath;
      throw usageError((lang) => cliWords(lang).logGone(file));
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
  throw usageError((lang) =>
    known
      ? cliWords(lang).noSuchStep(state.runbookId, stepId, cliWords(lang).itsSteps(ids, guess))
      : cliWords(lang).noStepOnRecord(state.runbookId, stepId, ids, guess),
  );
}
