import {parseCommandLine} from './args.js';
import type {CliIo} from './context.js';
import {errorLang} from './error-lang.js';
import {errorMessage, exitCodeForError} from './exit-code.js';
import {helpText} from './help.js';
import {packageInfo} from './package-root.js';

/** Runs the command line; returns the exit code. Errors a user can cause print one message and a hint. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    switch (command.kind) {
      case 'help': {
        io.stdout.write(helpText(packageInfo().version));
        return 0;
      }

      case 'version': {
        io.stdout.write(`${packageInfo().version}\n`);
        return 0;
      }

      case 'run': {
        const {runCommand} = await import('./commands/run.js');
        return await runCommand(command, io);
      }

      case 'status': {
        const {statusCommand} = await import('./commands/status.js');
        return await statusCommand(command, io);
      }

      case 'plan': {
        const {planCommand} = await import('./commands/plan.js');
        return await planCommand(command, io);
      }

      case 'export': {
        const {exportCommand} = await import('./commands/export.js');
        return await exportCommand(command, io);
      }

      case 'reset': {
        const {resetCommand} = await import('./commands/reset.js');
        return await resetCommand(command, io);
      }

      case 'log': {
        const {logCommand} = await import('./commands/log.js');
        return await logCommand(command, io);
      }

      case 'lab': {
        const {labCommand} = await import('./commands/lab.js');
        return await labCommand(command, io);
      }
    }
  } catch (error) {
    io.stderr.write(errorMessage(error, errorLang(argv, io.env)));
    if (io.env['MKE_RUNBOOK_DEBUG'] && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return exitCodeForError(error);
  }
}
