import {planTable} from '../../report/plan-table.js';
import {reportWords} from '../../report/words.js';
import type {RunLikeCommand} from '../args.js';
import {loadNamedRunbook, profileContext, type CliIo} from '../context.js';
import {collectPlan} from '../collect-plan.js';
import {openProfileEngine} from '../open-engine.js';
import {paramSources} from '../params.js';

/** `plan`: every command, file and manifest of every step and branch, with nothing executed. */
export async function planCommand(command: RunLikeCommand, io: CliIo): Promise<number> {
  const runbook = await loadNamedRunbook(
    command.runbook,
    io,
    profileContext(command.common, io).stateDir,
  );
  const sources = await paramSources(runbook, command.run, io.env);
  const {engine} = await openProfileEngine({
    runbook,
    common: command.common,
    io,
    ...(command.run.target === 'auto' ? {} : {target: command.run.target}),
    paramSources: sources,
  });
  let entries;
  try {
    entries = await collectPlan(runbook, engine, profileContext(command.common, io).lang);
  } finally {
    await engine.close();
  }

  if (command.common.json) {
    io.stdout.write(`${JSON.stringify({runbook: runbook.id, steps: entries})}\n`);
    return 0;
  }

  const {paint, lang} = profileContext(command.common, io);
  io.stdout.write(
    `${[reportWords[lang].planTitle(runbook.id), '', ...planTable(entries, paint, lang)].join('\n')}\n`,
  );
  return 0;
}
