import type {Engine, ParamSources} from '../engine/engine-api.js';
import type {Target} from '../engine/events.js';
import type {Prompter} from '../engine/prompter.js';
import type {LabRuntime} from '../lab/contract.js';
import type {Runbook} from '../runbook/types.js';
import type {CommonOptions} from './args.js';
import {profileContext, type CliIo, type ProfileContext} from './context.js';
import {createHeadlessPrompter} from './headless-prompter.js';
import {createPorts} from './ports.js';
import {readProfileState} from './read-state.js';

/**
 * Opens the engine on the profile (taking its lock). Without a target it keeps the one the
 * profile recorded; without a prompter it answers nothing (headless, no --yes).
 */
export async function openProfileEngine(options: {
  readonly runbook: Runbook;
  readonly common: CommonOptions;
  readonly io: CliIo;
  readonly target?: Target;
  readonly lab?: LabRuntime;
  readonly prompter?: Prompter;
  readonly assumeYes?: boolean;
  readonly paramSources?: ParamSources;
  /** An interface shows only the latest lines: output is read off its thread, sampled. */
  readonly sampledOutput?: boolean;
}): Promise<{readonly engine: Engine; readonly context: ProfileContext}> {
  const context = profileContext(options.common, options.io);
  const target = options.target ?? (await readProfileState(context.paths))?.target ?? 'real';
  // A lab profile looked at (plan, export, reset) reads from its lab if it runs, and never
  // from the real addresses its runbook names.
  const lab =
    options.lab ??
    (target === 'simulated'
      ? await import('../lab/lifecycle.js').then(async ({labStatus}) =>
          labStatus({stateDir: context.stateDir, profile: options.common.profile}),
        )
      : undefined);
  const assumeYes = options.assumeYes ?? false;
  const [{openEngine}, {diagnose}] = await Promise.all([
    import('../engine/engine.js'),
    import('../diagnosis/diagnose.js'),
  ]);
  const ports = createPorts({
    lab,
    offline: target === 'simulated' && lab === undefined,
    profileDir: context.paths.profileDir,
    env: options.io.env,
    offThreadOutput: options.sampledOutput ?? false,
  });
  const engine = await openEngine({
    runbook: options.runbook,
    stateDir: context.stateDir,
    profile: options.common.profile,
    ports,
    prompter:
      options.prompter ??
      createHeadlessPrompter({runbook: options.runbook, assumeYes, lang: context.lang}),
    lang: context.lang,
    assumeYes,
    target,
    paramSources: options.paramSources ?? {set: {}, env: options.io.env},
    // A failed step's own words are read for known failures (UCPAuthorization, PSP, tokens…).
    diagnose,
    sampledOutput: options.sampledOutput ?? false,
  });
  // The output worker starts on the other core while the person reads the first screen.
  if (options.sampledOutput) ports.process.warm?.();
  return {engine, context};
}
