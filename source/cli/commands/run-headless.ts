import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import type {Engine, RunOutcome} from '../../engine/engine-api.js';
import type {EngineEvent} from '../../engine/events.js';
import {createJsonReporter} from '../../report/json-reporter.js';
import {createLineReporter} from '../../report/line-reporter.js';
import type {RunLikeCommand} from '../args.js';
import type {CliIo} from '../context.js';
import {exitCodeForOutcome} from '../exit-code.js';
import {createHeadlessPrompter, type HeadlessPrompter} from '../headless-prompter.js';
import {openLabSession, type LabSession} from '../lab-session.js';
import {openProfileEngine} from '../open-engine.js';
import {trapSignals} from '../signals.js';
import {prepareRun, type PreparedRun} from './run-prepare.js';

/** `run` without a terminal (or with --json): events as lines or JSON, answers from flags. */
export async function runHeadlessCommand(command: RunLikeCommand, io: CliIo): Promise<number> {
  const prepared = await prepareRun(command, io);
  const {context, target} = prepared;
  // A signal is trapped from here on, so one that comes while the lab starts or the engine
  // opens still stops the lab this run started and releases the profile.
  let engineOpen: Engine | undefined;
  const signals = trapSignals(() => engineOpen?.cancel());
  let lab: LabSession | undefined;
  try {
    if (target === 'simulated') {
      lab = await openLabSession({stateDir: context.stateDir, profile: command.common.profile});
      await mkdir(path.join(context.paths.profileDir, 'lab', 'home'), {recursive: true});
    }

    const early = signals.caught();
    if (early !== undefined) return early;
    const prompter = createHeadlessPrompter({
      runbook: prepared.runbook,
      assumeYes: command.run.yes,
      lang: context.lang,
    });
    const {engine} = await openProfileEngine({
      runbook: prepared.runbook,
      common: command.common,
      io,
      target,
      ...(lab ? {lab: lab.runtime} : {}),
      prompter,
      assumeYes: command.run.yes,
      paramSources: prepared.sources,
    });
    engineOpen = engine;
    try {
      return await walk(engine, command, io, prepared, prompter, signals);
    } finally {
      await engine.close();
    }
  } finally {
    signals.dispose();
    await lab?.release();
  }
}

async function walk(
  engine: Engine,
  command: RunLikeCommand,
  io: CliIo,
  {context}: PreparedRun,
  prompter: HeadlessPrompter,
  signals: ReturnType<typeof trapSignals>,
): Promise<number> {
  const write = (text: string): void => {
    io.stdout.write(text);
  };

  const report: (event: EngineEvent) => void = command.common.json
    ? createJsonReporter(write)
    : createLineReporter(write, {
        paint: context.paint,
        lang: context.lang,
        runbook: engine.runbook,
      });
  const stopping = (): boolean => signals.caught() !== undefined;
  const unsubscribe = engine.subscribe((event) => {
    report(event);
    // If a step starts after a signal (the engine moved on), cancel that one too.
    if (stopping() && event.type === 'step-started') engine.cancel();
  });
  try {
    // Always reconcile first: it turns a step left `running` by a killed run into
    // `interrupted` and finds what changed in the world, even when a step is named.
    const found = await engine.reconcile();
    const {from, only} = command.run;
    const start = only ?? from ?? found.proposedStepId;
    const outcome: RunOutcome =
      start === undefined || stopping()
        ? 'done'
        : await engine.runFrom(start, {only: only !== undefined});

    const caught = signals.caught();
    if (caught !== undefined) return caught;
    const refused = prompter.refused();
    if (refused) throw refused;
    return exitCodeForOutcome(outcome);
  } catch (error) {
    const caught = signals.caught();
    if (caught !== undefined) return caught;
    throw prompter.refused() ?? error;
  } finally {
    unsubscribe();
  }
}
