import type {
  Engine,
  PlannedStep,
  ReconcileReport,
  RunOutcome,
} from '../../../source/engine/engine-api.js';
import type {EngineEvent} from '../../../source/engine/events.js';
import type {PlannedEffect} from '../../../source/actions/types.js';
import type {ProfileState, StepRecord} from '../../../source/state/types.js';
import type {Runbook} from '../../../source/runbook/types.js';
import type {ParamInfo} from '../../../source/engine/param-info.js';
import type {ParamVerdict} from '../../../source/engine/param-value.js';

/** A scripted engine: tests emit events and decide what each call does. */
export type FakeEngine = Engine & {
  readonly emit: (event: EngineEvent) => void;
  readonly calls: string[];
  listenerCount: () => number;
};

type Options = {
  readonly runbook: Runbook;
  readonly records?: Readonly<Record<string, StepRecord>>;
  readonly branches?: ProfileState['branches'];
  readonly effects?: Readonly<Record<string, readonly PlannedEffect[]>>;
  readonly report?: ReconcileReport;
  readonly runStep?: (stepId: string, engine: FakeEngine) => Promise<RunOutcome>;
  readonly fillText?: (text: string) => string;
  /** What `params()` lists; `setParam` takes any value into it unless told otherwise. */
  readonly params?: readonly ParamInfo[];
  readonly setParam?: (id: string, value: string) => ParamVerdict;
};

/** Makes a fake engine over a runbook, with a saved state and scripted behaviour. */
export function fakeEngine(options: Options): FakeEngine {
  const listeners = new Set<(event: EngineEvent) => void>();
  const calls: string[] = [];
  let params = options.params ?? [];
  const state: ProfileState = {
    schemaVersion: 1,
    runbookId: options.runbook.id,
    params: {},
    steps: options.records ?? {},
    branches: options.branches ?? {},
    target: 'simulated',
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
  };
  const steps = (): PlannedStep[] =>
    options.runbook.steps.flatMap((step): PlannedStep[] => {
      if (step.kind === 'action') return [{kind: 'action', step}];
      const chosen = state.branches[step.id]?.branchId;
      const branch = step.branches.find((b) => b.id === chosen);
      return [
        {kind: 'choice', step},
        ...(branch?.steps ?? []).map((s): PlannedStep => ({
          kind: 'action',
          step: s,
          branch: {choiceId: step.id, branchId: branch?.id ?? ''},
        })),
      ];
    });
  const engine: FakeEngine = {
    runbook: options.runbook,
    profile: 'workshop',
    target: 'simulated',
    paths: {profileDir: '/p', workdir: '/p/work', logDir: '/p/logs', stateFile: '/p/state.json'},
    state: () => state,
    steps,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    calls,
    listenerCount: () => listeners.size,
    async reconcile() {
      calls.push('reconcile');
      const report = options.report ?? {steps: [], proposedStepId: undefined, durationMs: 1};
      engine.emit({type: 'reconcile-started', at: 0});
      for (const s of report.steps) engine.emit({type: 'reconcile-step', ...s});
      engine.emit({type: 'reconcile-finished', proposedStepId: report.proposedStepId, at: 1});
      return report;
    },
    async describe(stepId) {
      calls.push(`describe ${stepId}`);
      return options.effects?.[stepId] ?? [];
    },
    async runStep(stepId) {
      calls.push(`runStep ${stepId}`);
      return options.runStep ? options.runStep(stepId, engine) : 'done';
    },
    async runFrom(stepId) {
      calls.push(`runFrom ${stepId ?? ''}`);
      return 'done';
    },
    async skip(stepId) {
      calls.push(`skip ${stepId}`);
    },
    async undo(stepId) {
      calls.push(`undo ${stepId}`);
      return 'done';
    },
    async choose(stepId, branchId) {
      calls.push(`choose ${stepId} ${branchId}`);
      return 'done';
    },
    async reset(stepId) {
      calls.push(`reset ${stepId ?? ''}`);
    },
    cancel() {
      calls.push('cancel');
    },
    async close() {
      calls.push('close');
    },
    fillText: options.fillText ?? ((text) => text),
    setLang(lang) {
      calls.push(`setLang ${lang}`);
    },
    params: () => params,
    setParam(id, value) {
      calls.push(`setParam ${id} ${value}`);
      const verdict = options.setParam?.(id, value) ?? {ok: true, value};
      if (verdict.ok) {
        params = params.map((info) =>
          info.spec.id === id
            ? {...info, value: verdict.value, isSet: true, origin: 'state' as const}
            : info,
        );
      }

      return verdict;
    },
  };
  return engine;
}

/** A finished step's record, as the store keeps it. */
export function record(
  status: StepRecord['status'],
  seconds = 12,
  logPath = '/p/logs/x.log',
): StepRecord {
  return {
    status,
    attempts: [
      {
        n: 1,
        startedAt: '2026-11-28T10:00:00.000Z',
        endedAt: new Date(Date.parse('2026-11-28T10:00:00.000Z') + seconds * 1000).toISOString(),
        status,
        logPath,
      },
    ],
    outputs: {},
  };
}
