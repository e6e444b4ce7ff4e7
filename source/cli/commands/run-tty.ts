import {mkdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {langFromEnvironment, pick} from '../../i18n/text.js';
import {peekTitle} from '../../runbook/peek.js';
import {colorWanted} from '../../report/paint.js';
import {writeBootFrame} from '../../ui/boot-frame.js';
import type {InteractiveSession} from '../../ui/run-interactive.js';
import type {RunLikeCommand} from '../args.js';
import {bootTarget} from '../boot-target.js';
import type {CliIo} from '../context.js';
import {exitCodes} from '../exit-code.js';
import type {LabSession} from '../lab-session.js';
import {defaultRunbookPath} from '../package-root.js';
import {pathsOf, resolveStateDir} from '../state-dir.js';
import {trapSignals} from '../signals.js';
import type {Engine} from '../../engine/engine-api.js';

// The interactive run draws its first frame before anything heavy is loaded: only the
// command line, the state file's `target` and the runbook's title are read for it. The lab
// starts and the runbook loads (yaml, zod, the action registry) while the frame is up.

/** `run` on a terminal: the boot frame at once, then the Ink interface on the open engine. */
export async function runTty(command: RunLikeCommand, io: CliIo): Promise<number> {
  const {common} = command;
  const stateDir = resolveStateDir(
    common.stateDir === undefined ? undefined : path.resolve(io.cwd, common.stateDir),
    io.env,
  );
  const paths = pathsOf(stateDir, common.profile);
  const lang = common.lang ?? langFromEnvironment(io.env);
  const file =
    command.runbook === undefined ? defaultRunbookPath() : path.resolve(io.cwd, command.runbook);
  const [text, target] = await Promise.all([
    readFile(file, 'utf8').catch(() => undefined),
    bootTarget(command.run, paths, common.profile, io, lang),
  ]);
  // An unreadable runbook is said by the loader, as it always was, with no frame before it.
  if (text === undefined) await (await import('./run-prepare.js')).prepareRun(command, io, target);
  const title = peekTitle(text ?? '');

  const boot = {
    title: title ? pick(title, lang) : path.basename(file),
    profile: common.profile,
    target,
    lang,
    tasks: target === 'simulated' ? (['lab', 'runbook'] as const) : (['runbook'] as const),
  };
  // Written by hand while Ink loads, then Ink draws the same frame over it (boot-frame.ts).
  const styled = colorWanted(io.stdout, io.env);
  const frame = writeBootFrame({...boot, styled, pending: boot.tasks}, io);
  // The lab server starts in a process of its own: set it going before Ink loads here.
  const labStarting = target === 'simulated' ? startLab() : Promise.resolve(undefined);
  // Awaited below, or in `finally` to stop it; never an unhandled rejection meanwhile.
  labStarting.catch(() => undefined);
  let session: InteractiveSession | undefined;
  let running: Engine | undefined;
  // Ctrl-C is a key here; but the terminal can close under the run (SIGHUP) or a supervisor
  // stop it (SIGTERM). Without a handler node dies at once: the step's process group runs on,
  // the lab outlives the session, the lock stays. With one, the run ends as a quit does.
  const ending = trapSignals(
    () => {
      // The terminal is gone: writing to it must not crash the cleanup.
      if (ending.caught() === exitCodes.sighup) io.stdout.on('error', () => undefined);
      running?.cancel();
      void session?.close();
    },
    {names: ['SIGHUP', 'SIGTERM'], say: () => undefined},
  );
  try {
    try {
      // The lab's own modules first (zod among them), so its process is spawned early rather
      // than after Ink's compile; waiting for the lab is most of the wait for the steps screen.
      if (target === 'simulated') await import('../../lab/lifecycle.js');
      const {startInteractive} = await import('../../ui/run-interactive.js');
      frame.erase();
      session = startInteractive(boot, {stdin: io.stdin, stdout: io.stdout});
    } catch (error) {
      frame.erase();
      frame.release();
      throw error;
    }

    const shown = session;
    // Loaded while the lab starts, so that only the engine's own work is left when it answers.
    const engineModules = Promise.all([
      import('../../ui/prompter.js'),
      import('../open-engine.js'),
      import('../../engine/engine.js'),
      import('../../diagnosis/diagnose.js'),
      import('../../ui/app.js'),
    ]);
    engineModules.catch(() => undefined);
    void labStarting.then(
      () => {
        shown.finished('lab');
      },
      () => undefined,
    );
    const [prepared, started] = await Promise.allSettled([
      import('./run-prepare.js').then(async ({prepareRun}) => {
        const ready = await prepareRun(command, io, target);
        shown.finished('runbook');
        return ready;
      }),
      labStarting,
    ]);
    if (prepared.status === 'rejected') throw prepared.reason;
    if (started.status === 'rejected') throw started.reason;
    if (shown.quitRequested() || ending.caught() !== undefined) {
      await shown.close();
      return ending.caught() ?? exitCodes.done;
    }

    const lab = started.value;
    const [{createUiPrompter}, {openProfileEngine}] = await engineModules;
    const prompter = createUiPrompter();
    const {engine} = await openProfileEngine({
      runbook: prepared.value.runbook,
      common,
      io,
      target,
      ...(lab ? {lab: lab.runtime} : {}),
      prompter,
      assumeYes: command.run.yes,
      paramSources: prepared.value.sources,
      sampledOutput: true,
    });
    running = engine;
    try {
      if (ending.caught() !== undefined) {
        await shown.close();
        return ending.caught() ?? exitCodes.done;
      }

      const outcome = await shown.run(engine, prompter);
      // Quitting the interface part-way is the person's choice, not a failure.
      return ending.caught() ?? (outcome === 'failed' ? exitCodes.failed : exitCodes.done);
    } finally {
      running = undefined;
      await engine.close();
    }
  } catch (error) {
    await session?.close();
    throw error;
  } finally {
    // Stops the lab only if this run started it (lab-session.ts).
    await (await labStarting.catch(() => undefined))?.release();
    ending.dispose();
  }

  async function startLab(): Promise<LabSession> {
    const {openLabSession} = await import('../lab-session.js');
    const opened = await openLabSession({stateDir, profile: common.profile});
    try {
      await mkdir(path.join(paths.profileDir, 'lab', 'home'), {recursive: true});
    } catch (error) {
      await opened.release();
      throw error;
    }

    return opened;
  }
}
