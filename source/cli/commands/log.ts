import {createReadStream} from 'node:fs';
import {pipeline} from 'node:stream/promises';
import {RunbookError} from '../../engine/errors.js';
import type {CommonOptions} from '../args.js';
import {profileContext, type CliIo} from '../context.js';
import {readProfileState} from '../read-state.js';

/** `log STEP`: copies the full log of the step's last attempt to stdout, streamed (logs can be large). */
export async function logCommand(
  options: {readonly step: string; readonly common: CommonOptions},
  io: CliIo,
): Promise<number> {
  const context = profileContext(options.common, io);
  const state = await readProfileState(context.paths);
  const last = state?.steps[options.step]?.attempts.at(-1);
  if (last === undefined) {
    throw new RunbookError(
      'usage',
      `step \`${options.step}\` has no log in profile \`${options.common.profile}\``,
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
