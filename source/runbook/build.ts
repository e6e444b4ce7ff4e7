import type {z} from 'zod';
import {formatPath, type DataPath} from './locate.js';
import type {Problems} from './problems.js';
import type {
  RawActionStep,
  RawChoiceStep,
  RawInvocation,
  paramSchema,
  runbookSchema,
} from './schema.js';
import type {
  ActionStep,
  ChoiceStep,
  Invocation,
  ParamSpec,
  Runbook,
  SourceRef,
  Step,
} from './types.js';
import {parseDuration} from './duration.js';
import type {ParamUse} from './validate.js';

type Where = {
  readonly file: string;
  readonly display: string;
  readonly assetsDir: string;
  readonly problems: Problems;
  readonly use: ParamUse;
};

const defaultExpectedMs = 10_000;

/** Turns validated raw data into the typed, immutable model. */
export function buildRunbook(
  top: Omit<z.infer<typeof runbookSchema>, 'steps'>,
  steps: readonly (RawActionStep | RawChoiceStep)[],
  where: Where,
): Runbook {
  return {
    id: top.id,
    version: top.version,
    title: top.title,
    summary: top.summary,
    params: (top.params ?? []).map((param) => buildParam(param)),
    steps: steps.map((step, index): Step => {
      const at: DataPath = ['steps', index];
      return step.kind === 'choice' ? buildChoice(step, at, where) : buildAction(step, at, where);
    }),
    file: where.file,
    assetsDir: where.assetsDir,
  };
}

function buildParam(raw: z.infer<typeof paramSchema>): ParamSpec {
  return {
    id: raw.id,
    type: raw.type,
    label: raw.label,
    ...(raw.help ? {help: raw.help} : {}),
    ...(raw.default === undefined ? {} : {default: raw.default}),
    ...(raw.env === undefined ? {} : {env: raw.env}),
    ...(raw.choices ? {choices: raw.choices} : {}),
    ...(raw.min === undefined ? {} : {min: raw.min}),
    ...(raw.max === undefined ? {} : {max: raw.max}),
    ...(raw.pattern === undefined ? {} : {pattern: raw.pattern}),
    ...(raw.patternMessage ? {patternMessage: raw.patternMessage} : {}),
    ...(raw.optional === undefined ? {} : {optional: raw.optional}),
  };
}

function buildChoice(step: RawChoiceStep, at: DataPath, where: Where): ChoiceStep {
  return {
    kind: 'choice',
    id: step.id,
    title: step.title,
    text: step.text,
    ...(step.param === undefined ? {} : {param: step.param}),
    expectedMs: parseDuration(step.expected ?? '') ?? defaultExpectedMs,
    source: ref(at, where),
    branches: step.branches.map((branch, b) => ({
      id: branch.id,
      title: branch.title,
      text: branch.text,
      ...(branch.grants ? {grants: branch.grants} : {}),
      ...(branch.risk ? {risk: branch.risk} : {}),
      steps: branch.steps.map((inner, s) =>
        buildAction(inner, [...at, 'branches', b, 'steps', s], where),
      ),
      leave: (branch.leave ?? []).map((call, n) =>
        invocation(call, [...at, 'branches', b, 'leave', n], where),
      ),
    })),
  };
}

function buildAction(step: RawActionStep, at: DataPath, where: Where): ActionStep {
  return {
    kind: 'action',
    id: step.id,
    title: step.title,
    text: step.text,
    params: [...(where.use.get(step.id) ?? [])],
    files: (step.files ?? []).map((file, index) => ({
      path: file.path,
      template: file.template,
      ...(file.mode === undefined ? {} : {mode: file.mode}),
      source: ref([...at, 'files', index], where),
    })),
    run: (step.run ?? []).map((call, index) => invocation(call, [...at, 'run', index], where)),
    ...(step.done
      ? {
          done: {
            action: step.done.probe,
            with: step.done.with ?? {},
            source: ref([...at, 'done'], where),
          },
        }
      : {}),
    always: step.always ?? false,
    checks: (step.checks ?? []).map((check, index) => ({
      id: check.id,
      probe: check.probe,
      with: check.with ?? {},
      title: check.title,
      source: ref([...at, 'checks', index], where),
    })),
    undo: (step.undo ?? []).map((call, index) => invocation(call, [...at, 'undo', index], where)),
    skippable: step.skippable ?? false,
    ...(step.confirm ? {confirm: step.confirm} : {}),
    expectedMs: parseDuration(step.expected ?? '') ?? defaultExpectedMs,
    source: ref(at, where),
  };
}

function invocation(call: RawInvocation, at: DataPath, where: Where): Invocation {
  return {action: call.action, with: call.with ?? {}, source: ref(at, where)};
}

function ref(at: DataPath, where: Where): SourceRef {
  return {file: where.display, line: where.problems.line(at), path: formatPath(at)};
}
