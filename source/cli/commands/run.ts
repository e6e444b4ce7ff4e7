import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import type {Engine, RunOutcome} from '../../engine/engine-api.js';
import type {EngineEvent} from '../../engine/events.js';
import type {Prompter} from '../../engine/prompter.js';
import {createJsonReporter} from '../../report/json-reporter.js';
import {createLineReporter} from '../../report/line-reporter.js';
import type {Runbook} from '../../runbook/types.js';
import type {RunLikeCommand} from '../args.js';
import {checkSameRunbook, loadNamedRunbook, profileContext, type CliIo} from '../context.js';
import {exitCodeForOutcome, exitCodes} from '../exit-code.js';
import {createHeadlessPrompter, type HeadlessPrompter} from '../headless-prompter.js';
import {openLabSession, type LabSession} from '../lab-session.js';
import {openProfileEngine} from '../open-engine.js';
import {paramSources} from '../params.js';
import {readProfileState} from '../read-state.js';
import {trapSignals} from '../signals.js';
import {chooseTarget} from '../target.js';
import {usageError} from '../usage-error.js';

/** `run` (the default command): walks the runbook, in the Ink UI on a terminal, else headless. */
export async function runCommand(command: RunLikeCommand, io: CliIo): Promise<number> {
  const context = profileContext(command.common, io);
  const runbook = await loadNamedRunbook(command.runbook, io);
  const recorded = await readProfileState(context.paths);
  checkSameRunbook(runbook, recorded, command.common.profile);
  checkStep(runbook, command.run.from ?? command.run.only);
  const sources = await paramSources(runbook, command.run, io.env);
  const target = await chooseTarget(
    command.run.target,
    io.env,
    (line) => io.stderr.write(`${line}\n`),
    recorded && Object.values(recorded.steps).some((step) => step.status !== 'pending')
      ? {target: recorded.target, profile: command.common.profile}
      : undefined,
  );
  const interactive = io.stdin.isTTY && io.stdout.isTTY && !command.common.json;
  // Headless, a signal is trapped from here on, so one that comes while the lab starts or the
  // engine opens still stops the lab this run started and releases the profile.
  let engineOpen: Engine | undefined;
  const signals = interactive ? undefined : trapSignals(() => engineOpen?.cancel());
  let lab: LabSession | undefined;
  try {
    if (target === 'simulated') {
      lab = await openLabSession({stateDir: context.stateDir, profile: command.common.profile});
      await mkdir(path.join(context.paths.profileDir, 'lab', 'home'), {recursive: true});
    }

    return await runOnEngine();
  } finally {
    signals?.dispose();
    await lab?.release();
  }

  async function runOnEngine(): Promise<number> {
    const early = signals?.caught();
    if (early !== undefined) return early;
    const headless = interactive
      ? undefined
      : createHeadlessPrompter({runbook, assumeYes: command.run.yes, lang: context.lang});
    const uiPrompter = headless
      ? undefined
      : (await import('../../ui/prompter.js')).createUiPrompter();
    const prompter: Prompter | undefined = headless ?? uiPrompter;
    const {engine} = await openProfileEngine({
      runbook,
      common: command.common,
      io,
      target,
      ...(lab ? {lab: lab.runtime} : {}),
      ...(prompter ? {prompter} : {}),
      assumeYes: command.run.yes,
      paramSources: sources,
    });
    engineOpen = engine;
    try {
      if (headless === undefined) {
        const {runInteractive} = await import('../../ui/run-interactive.js');
        const outcome = await runInteractive(engine, {
          lang: context.lang,
          simulated: target === 'simulated',
          stdin: io.stdin,
          stdout: io.stdout,
          ...(uiPrompter ? {prompter: uiPrompter} : {}),
        });
        // Quitting the interface part-way is the person's choice, not a failure.
        return outcome === 'failed' ? exitCodes.failed : exitCodes.done;
      }

      if (signals === undefined) throw new Error('headless runs trap signals');
      return await runHeadless(engine, command, io, headless, signals);
    } finally {
      await engine.close();
    }
  }
}

function checkStep(runbook: Runbook, stepId: string | undefined): void {
  if (stepId === undefined) return;
  const ids = runbook.steps.flatMap((step) =>
    step.kind === 'choice'
      ? [step.id, ...step.branches.flatMap((branch) => branch.steps.map((inner) => inner.id))]
      : [step.id],
  );
  if (!ids.includes(stepId)) {
    throw usageError(
      `runbook \`${runbook.id}\` has no step \`${stepId}\``,
      `its steps: ${ids.join(', ')}`,
    );
  }
}

async function runHeadless(
  engine: Engine,
  command: RunLikeCommand,
  io: CliIo,
  prompter: HeadlessPrompter,
  signals: ReturnType<typeof trapSignals>,
): Promise<number> {
  const context = profileContext(command.common, io);
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
