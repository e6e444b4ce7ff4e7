import {mkdir} from 'node:fs/promises';
import {defaultRegistry} from '../actions/default-registry.js';
import {createRedactor} from '../secrets/redact.js';
import {acquireLock} from '../state/lock.js';
import {profilePaths} from '../state/paths.js';
import {openStateStore, type StateStore} from '../state/store.js';
import type {Engine, EngineOptions} from './engine-api.js';
import {createEventBus} from './event-bus.js';
import type {EngineEvent} from './events.js';
import type {Internals} from './internals.js';
import {paramInfos, setParam} from './param-info.js';
import {createParamResolver} from './params.js';
import {interruptRunning} from './records.js';
import {createRunner} from './runner.js';
import {fillText} from './step-text.js';

/** Opens the engine on a profile: takes its lock, reads (or creates) its state. */
export async function openEngine(options: EngineOptions): Promise<Engine> {
  const paths = profilePaths(options.stateDir, options.profile);
  await mkdir(paths.workdir, {recursive: true});
  await mkdir(paths.logDir, {recursive: true});
  const lock = await acquireLock(paths.lockFile, options.profile);
  let store: StateStore;
  try {
    store = openStateStore({paths, runbookId: options.runbook.id, target: options.target});
    // We hold the lock, so a step still marked running belongs to a process that is gone.
    store.update((state) => interruptRunning(state, new Date().toISOString()));
  } catch (error) {
    await lock.release();
    throw error;
  }

  const redactor = createRedactor();
  const bus = createEventBus((event) =>
    // Output lines are redacted once where they are produced; everything else here.
    event.type === 'step-output' ? event : redactor.redactDeep<EngineEvent>(event),
  );
  const params = createParamResolver({
    runbook: options.runbook,
    sources: options.paramSources,
    store,
    prompter: options.prompter,
    assumeYes: options.assumeYes,
    bus,
    redactor,
  });
  const internals: Internals = {
    runbook: options.runbook,
    registry: options.registry ?? defaultRegistry(),
    store,
    bus,
    redactor,
    params,
    ports: options.ports,
    prompter: options.prompter,
    lang: options.lang,
    assumeYes: options.assumeYes,
    profile: options.profile,
    paths,
    diagnose: options.diagnose,
    tails: new Map(),
    tailSize: options.tailSize ?? 200,
    sampledOutput: options.sampledOutput ?? false,
    chosen: new Set(),
    now: () => new Date(),
  };
  const runner = createRunner(internals);
  let closed = false;
  return {
    runbook: options.runbook,
    profile: options.profile,
    target: options.target,
    paths: {
      profileDir: paths.profileDir,
      workdir: paths.workdir,
      logDir: paths.logDir,
      stateFile: paths.stateFile,
    },
    state: () => store.get(),
    steps: () => runner.steps(),
    subscribe: bus.subscribe,
    reconcile: runner.reconcile,
    describe: runner.describe,
    runStep: runner.runStep,
    runFrom: runner.runFrom,
    skip: runner.skip,
    undo: runner.undo,
    choose: runner.choose,
    reset: runner.reset,
    cancel: runner.cancel,
    async close() {
      if (closed) {
        return;
      }

      closed = true;
      runner.cancel();
      await runner.idle();
      await lock.release();
    },
    fillText: (text) => fillText(internals, text),
    setLang(lang) {
      internals.lang = lang;
    },
    params: () => paramInfos(internals),
    setParam: (id, value) => setParam(internals, id, value),
    outputTail: (stepId) => internals.tails.get(stepId)?.lines() ?? [],
  };
}
