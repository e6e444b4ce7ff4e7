import type {RunLikeCommand} from '../args.js';
import type {CliIo} from '../context.js';

/** `run` (the default command): walks the runbook, in the Ink UI on a terminal, else headless. */
export async function runCommand(command: RunLikeCommand, io: CliIo): Promise<number> {
  // Each path loads only what it needs: on a terminal the first frame comes before the
  // runbook's parser and validator are even loaded (run-tty.ts).
  if (io.stdin.isTTY && io.stdout.isTTY && !command.common.json) {
    const {runTty} = await import('./run-tty.js');
    return runTty(command, io);
  }

  const {runHeadlessCommand} = await import('./run-headless.js');
  return runHeadlessCommand(command, io);
}
