import type {StandinTool} from '../../control/faults.js';
import {StandinExit} from './exit.js';
import {labClient, ordersFor, speedFrom, type LabClient} from './lab-client.js';
import {play, writeLine, type ScriptItem} from './script.js';

/** What a stand-in command gets. */
export type StandinContext = {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly lab: LabClient;
  /** Plays a script with the lab's speed and this run's fault orders for `command`. */
  readonly play: (command: string, items: readonly ScriptItem[]) => Promise<void>;
};

/** A stand-in: returns its exit status, or throws StandinExit. */
export type Standin = (context: StandinContext) => Promise<number>;

/** Runs a stand-in as the process's main program and exits with its status. */
export async function runStandin(tool: StandinTool, standin: Standin): Promise<void> {
  // A reader that went away (`| head`) ends the tool as it ends the real ones.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => process.exit(141));
  }

  let code: number;
  try {
    const lab = labClient(tool, process.env);
    // The lab keeps every argv it was given (GET /_lab/invocations); a lab that cannot be told is no reason to fail.
    await lab
      .call('POST', '/_lab/invocations', {tool, args: process.argv.slice(2)})
      .catch(() => undefined);
    let speed: number | undefined;
    const context: StandinContext = {
      args: process.argv.slice(2),
      env: process.env,
      cwd: process.cwd(),
      lab,
      async play(command, items) {
        if (speed === undefined) {
          const settings = await lab.call('GET', '/_lab/settings');
          speed = speedFrom(
            process.env,
            typeof settings === 'object' && settings !== null && 'speed' in settings
              ? settings.speed
              : undefined,
          );
        }

        const orders = await ordersFor(lab, tool, command);
        await play(items, {speed: speed * orders.slowFactor, die: orders.die});
      },
    };
    code = await standin(context);
  } catch (error) {
    if (error instanceof StandinExit) {
      for (const line of error.lines) await writeLine(line, error.stream);
      code = error.code;
    } else {
      await writeLine(error instanceof Error ? error.message : String(error), 'stderr');
      code = 1;
    }
  }

  // Exit now: the lab's keep-alive connection would otherwise hold the process for seconds.
  // But only once stdout and stderr are written out: to a pipe or socket whose reader is slow,
  // writes queue in the process, and process.exit() drops them (a truncated `helm show values`).
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Resolves when every write queued on `stream` so far has reached the OS. */
async function flushed(stream: NodeJS.WriteStream): Promise<void> {
  // Writes complete in order, so an empty write's callback runs after all earlier ones.
  await new Promise<void>((resolve) => {
    stream.write('', () => {
      resolve();
    });
  });
}
