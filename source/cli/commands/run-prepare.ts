import type {ParamSources} from '../../engine/engine-api.js';
import type {Target} from '../../engine/events.js';
import type {Runbook} from '../../runbook/types.js';
import type {ProfileState} from '../../state/types.js';
import type {RunLikeCommand} from '../args.js';
import {
  checkSameRunbook,
  loadNamedRunbook,
  profileContext,
  type CliIo,
  type ProfileContext,
} from '../context.js';
import {paramSources} from '../params.js';
import {readProfileState} from '../read-state.js';
import {chooseTarget} from '../target.js';
import {usageError} from '../usage-error.js';
import {cliWords} from '../cli-words.js';

/** Everything a run checks before it touches the engine. */
export type PreparedRun = {
  readonly context: ProfileContext;
  readonly runbook: Runbook;
  readonly recorded: ProfileState | undefined;
  readonly sources: ParamSources;
  readonly target: Target;
};

/**
 * Loads the runbook and the profile's state and checks the command against them. `decided`
 * is a target the caller already chose (and showed): the profile's record must agree with it.
 */
export async function prepareRun(
  command: RunLikeCommand,
  io: CliIo,
  decided?: Target,
): Promise<PreparedRun> {
  const context = profileContext(command.common, io);
  const runbook = await loadNamedRunbook(command.runbook, io, context.stateDir);
  const recorded = await readProfileState(context.paths);
  checkSameRunbook(runbook, recorded, command.common.profile);
  checkStep(runbook, command.run.from ?? command.run.only);
  const sources = await paramSources(runbook, command.run, io.env);
  const target = await chooseTarget(
    decided ?? command.run.target,
    io.env,
    (line) => io.stderr.write(`${line}\n`),
    recordedTarget(recorded, command.common.profile),
    context.lang,
  );
  return {context, runbook, recorded, sources, target};
}

/** The target a profile's progress binds it to: set once any step has left `pending`. */
export function recordedTarget(
  recorded: ProfileState | undefined,
  profile: string,
): {readonly target: Target; readonly profile: string} | undefined {
  return recorded && Object.values(recorded.steps).some((step) => step.status !== 'pending')
    ? {target: recorded.target, profile}
    : undefined;
}

function checkStep(runbook: Runbook, stepId: string | undefined): void {
  if (stepId === undefined) return;
  const ids = runbook.steps.flatMap((step) =>
    step.kind === 'choice'
      ? [step.id, ...step.branches.flatMap((branch) => branch.steps.map((inner) => inner.id))]
      : [step.id],
  );
  if (!ids.includes(stepId)) {
    throw usageError((lang) =>
      cliWords(lang).noSuchStep(runbook.id, stepId, cliWords(lang).itsSteps(ids, undefined)),
    );
  }
}
