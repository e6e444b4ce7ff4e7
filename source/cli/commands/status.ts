import {elapsedMs} from '../../report/duration.js';
import {allSteps} from '../../report/step-index.js';
import {statusTable} from '../../report/status-table.js';
import {reportWords} from '../../report/words.js';
import type {CommonOptions} from '../args.js';
import {checkSameRunbook, loadNamedRunbook, profileContext, type CliIo} from '../context.js';
import {readProfileState} from '../read-state.js';

/** `status`: the table of steps, statuses, attempts, durations and logs (or the same as JSON). */
export async function statusCommand(
  options: {readonly runbook: string | undefined; readonly common: CommonOptions},
  io: CliIo,
): Promise<number> {
  const context = profileContext(options.common, io);
  const runbook = await loadNamedRunbook(options.runbook, io, context.stateDir);
  const state = await readProfileState(context.paths);
  checkSameRunbook(runbook, state, options.common.profile);
  if (options.common.json) {
    const steps = allSteps(runbook)
      .filter(({step}) => step.kind === 'action')
      .map(({step, branch}) => {
        const record = state?.steps[step.id];
        const last = record?.attempts.at(-1);
        return {
          id: step.id,
          ...(branch ? {branch: branch.branchId} : {}),
          status: record?.status ?? 'pending',
          attempts: record?.attempts.length ?? 0,
          durationMs: elapsedMs(last?.startedAt, last?.endedAt) ?? null,
          logPath: last?.logPath ?? null,
        };
      });
    io.stdout.write(
      `${JSON.stringify({runbook: runbook.id, profile: options.common.profile, stateFile: context.paths.stateFile, branches: state?.branches ?? {}, steps})}\n`,
    );
    return 0;
  }

  const words = reportWords[context.lang];
  const header = words.statusHeader(runbook.id, options.common.profile, state);
  const lines = [
    header,
    '',
    ...statusTable(runbook, state, context),
    '',
    `${words.stateFile}: ${context.paths.stateFile}`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
