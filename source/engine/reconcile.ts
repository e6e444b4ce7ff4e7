import type {ProbeResult} from '../actions/types.js';
import type {ActionStep} from '../runbook/types.js';
import type {ReconcileReport} from './engine-api.js';
import type {ReconcileVerdict} from './events.js';
import type {Internals} from './internals.js';
import {findStep, plannedSteps} from './plan.js';
import {interruptRunning, recordOf, withStatus} from './records.js';
import {renderArgs} from './scope.js';
import {stepWithMissingOutput} from './missing-output.js';
import {reconcileWords} from './reconcile-words.js';
import {pick} from '../i18n/text.js';

const concurrency = 8;
const probeTimeoutMs = 5000;

/**
 * Finds out where things really stand: `running` records become `interrupted`, every
 * done-probe runs (read-only, in parallel, each bounded in time), and the state is brought in
 * line with the world — a drifted step goes back to pending (its history kept), a step found in
 * place is recorded done. Proposes the first step that is neither verified nor found in place.
 */
export async function reconcile(internals: Internals): Promise<ReconcileReport> {
  const started = Date.now();
  const {store, bus} = internals;
  store.update((state) => interruptRunning(state, internals.now().toISOString()));
  bus.emit({type: 'reconcile-started', at: started});
  const planned = plannedSteps(internals.runbook, store.get());
  const words = reconcileWords(internals.lang);
  const results = await mapBounded(planned, concurrency, async (entry) => {
    if (entry.kind === 'choice') {
      const branch = store.get().branches[entry.step.id];
      return branch
        ? {verdict: 'verified' as const, detail: words.branchChosen(branch.branchId)}
        : {verdict: 'pending' as const, detail: words.noBranch};
    }

    return judge(internals, entry.step);
  });

  const steps = planned.map((entry, index) => {
    const result = results[index] ?? {verdict: 'unknown' as const, detail: ''};
    const stepId = entry.step.id;
    if (result.verdict === 'drifted') {
      store.update((state) => withStatus(state, stepId, 'pending'));
    } else if (result.verdict === 'found-in-place') {
      store.update((state) => withStatus(state, stepId, 'done', result.outputs));
    }

    const detail = internals.redactor.redact(result.detail);
    bus.emit({type: 'reconcile-step', stepId, verdict: result.verdict, detail});
    return {stepId, verdict: result.verdict, detail};
  });
  // A step that runs every time (preflight) and already ran is not where a person left off:
  // proposing it would send someone back to the start of a half-done install. Nor is a step
  // recorded done that could not be checked (its probe needs a secret this run was not
  // given): the screen says it is unknown and why, but proposing it would re-run MKE's
  // 25-minute install for want of a password.
  const proposed = steps.find((step, index) => {
    if (step.verdict === 'verified' || step.verdict === 'found-in-place') return false;
    const entry = planned[index];
    const ranBefore = recordOf(store.get(), step.stepId).status === 'done';
    if (step.verdict === 'unknown' && ranBefore) return false;
    return !(entry?.kind === 'action' && entry.step.always && ranBefore);
  })?.stepId;
  const unknownStepIds = Object.keys(store.get().steps).filter((stepId) => {
    try {
      findStep(internals.runbook, stepId);
      return false;
    } catch {
      return true;
    }
  });
  bus.emit({
    type: 'reconcile-finished',
    proposedStepId: proposed,
    at: Date.now(),
    ...(unknownStepIds.length > 0 ? {unknownStepIds} : {}),
  });
  return {steps, proposedStepId: proposed, durationMs: Date.now() - started};
}

type Judgement = {
  readonly verdict: ReconcileVerdict;
  readonly detail: string;
  readonly outputs?: ProbeResult['outputs'];
};

async function judge(internals: Internals, step: ActionStep): Promise<Judgement> {
  const words = reconcileWords(internals.lang);
  const status = recordOf(internals.store.get(), step.id).status;
  if (step.always) {
    return {verdict: 'pending', detail: words.runsEveryTime};
  }

  if (status === 'skipped') {
    return {verdict: 'verified', detail: words.skipped};
  }

  const recordedDone = status === 'done';
  if (!step.done) {
    return recordedDone
      ? {verdict: 'verified', detail: words.recordedNoProbe}
      : {verdict: 'pending', detail: words.recorded(status)};
  }

  // A probe that reads an earlier step's output cannot run before that step has: the step is
  // pending for a reason a person can act on, not unknown with a template error.
  const needed = stepWithMissingOutput(internals, step.done.with);
  if (needed !== undefined) {
    // A probe reading the step's own output has nothing to check until the step has run.
    const detail =
      needed === step.id ? words.recorded(status) : words.needsStep(stepTitle(internals, needed));
    return {verdict: 'pending', detail};
  }

  const result = await probe(internals, step);
  if (result.holds === undefined) {
    return {verdict: 'unknown', detail: result.detail};
  }

  if (recordedDone) {
    return result.holds
      ? {
          verdict: 'verified',
          detail: result.detail,
          ...(result.outputs ? {outputs: result.outputs} : {}),
        }
      : {verdict: 'drifted', detail: result.detail};
  }

  return result.holds
    ? {
        verdict: 'found-in-place',
        detail: result.detail,
        ...(result.outputs ? {outputs: result.outputs} : {}),
      }
    : {verdict: 'pending', detail: result.detail};
}

async function probe(
  internals: Internals,
  step: ActionStep,
): Promise<{holds: boolean | undefined; detail: string; outputs?: ProbeResult['outputs']}> {
  const words = reconcileWords(internals.lang);
  const invocation = step.done;
  const definition = invocation ? internals.registry.probes.get(invocation.action) : undefined;
  if (!invocation || !definition) {
    return {holds: undefined, detail: words.noSuchProbe};
  }

  const missing = step.params.filter(
    (id) => internals.params.peek(id) === undefined && !isOptional(internals, id),
  );
  if (missing.length > 0) {
    return {holds: undefined, detail: words.needsParams(missing)};
  }

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{holds: undefined; detail: string}>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({
        holds: undefined,
        detail: words.probeTimeout(probeTimeoutMs / 1000),
      });
    }, probeTimeoutMs);
  });
  try {
    const args = renderArgs(internals, invocation.with);
    const verdict = definition.check(args);
    if (!verdict.ok) {
      return {holds: undefined, detail: verdict.message};
    }

    const run = definition.run(args, {
      signal: controller.signal,
      output: () => undefined,
      ports: internals.ports,
      workdir: internals.paths.workdir,
      lang: internals.lang,
      assumeYes: internals.assumeYes,
      secrets: internals.params.secrets(),
    });
    return await Promise.race([run, timeout]);
  } catch (error) {
    return {holds: undefined, detail: error instanceof Error ? error.message : String(error)};
  } finally {
    clearTimeout(timer);
  }
}

function stepTitle(internals: Internals, stepId: string): string {
  try {
    return pick(findStep(internals.runbook, stepId).title, internals.lang);
  } catch {
    // A step the runbook does not have (a hand-edited template): its id is all there is.
    return stepId;
  }
}

function isOptional(internals: Internals, id: string): boolean {
  return internals.runbook.params.find((spec) => spec.id === id)?.optional ?? false;
}

async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (item !== undefined) {
        results[index] = await work(item);
      }
    }
  };

  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return results;
}
