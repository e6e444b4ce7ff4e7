import type {CommonOptions} from '../args.js';
import {loadNamedRunbook, profileContext, type CliIo} from '../context.js';
import {allSteps} from '../../report/step-index.js';
import {usageError, closest} from '../usage-error.js';
import {cliWords} from '../cli-words.js';
import {noticeWords} from '../notice-words.js';
import {openProfileEngine} from '../open-engine.js';

/** `reset [--step ID]`: forgets progress in the state file; nothing in the world changes. */
export async function resetCommand(
  options: {
    readonly runbook: string | undefined;
    readonly step: string | undefined;
    readonly common: CommonOptions;
  },
  io: CliIo,
): Promise<number> {
  const runbook = await loadNamedRunbook(
    options.runbook,
    io,
    profileContext(options.common, io).stateDir,
  );
  const ids = allSteps(runbook).map(({step}) => step.id);
  if (options.step !== undefined && !ids.includes(options.step)) {
    const guess = closest(options.step, ids);
    const stepId = options.step;
    throw usageError((lang) =>
      cliWords(lang).noSuchStep(
        runbook.id,
        stepId,
        guess ? cliWords(lang).didYouMean(guess) : undefined,
      ),
    );
  }

  const {engine} = await openProfileEngine({runbook, common: options.common, io, target: 'real'});
  try {
    await engine.reset(options.step);
  } finally {
    await engine.close();
  }

  const {lang} = profileContext(options.common, io);
  io.stdout.write(`${noticeWords(lang).resetDone(options.step, options.common.profile)}\n`);
  return 0;
}
