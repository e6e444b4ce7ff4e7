import type {z} from 'zod';
import type {ArgCheck, Registry} from '../actions/registry.js';
import {didYouMean} from './did-you-mean.js';
import type {DataPath} from './locate.js';
import type {Problems} from './problems.js';
import type {RawActionStep, RawChoiceStep, paramSchema} from './schema.js';
import {hasTemplate} from './template.js';
import {checkAsset, checkTemplates, unknownParam} from './validate-templates.js';
import {parseDuration} from './duration.js';

/** A parameter as written. */
export type RawParam = z.infer<typeof paramSchema>;
/** What the checks share. */
export type Context = {
  readonly registry: Registry;
  readonly problems: Problems;
  readonly params: ReadonlyMap<string, RawParam>;
  readonly stepIds: ReadonlySet<string>;
  readonly assetsDir: string;
};

/** Parameters each step uses (declared or referenced by a template), by step id. */
export type ParamUse = ReadonlyMap<string, ReadonlySet<string>>;

/** Checks what the schema cannot: names, references, secrets, templates, assets. */
export async function validateSteps(
  steps: readonly (RawActionStep | RawChoiceStep)[],
  params: readonly RawParam[],
  options: {readonly registry: Registry; readonly problems: Problems; readonly assetsDir: string},
): Promise<ParamUse> {
  const {problems} = options;
  const paramMap = new Map<string, RawParam>();
  for (const [index, param] of params.entries()) {
    if (paramMap.has(param.id)) {
      problems.add(['params', index, 'id'], `duplicate parameter id "${param.id}"`);
    }

    paramMap.set(param.id, param);
    if (param.type === 'choice' && !param.choices) {
      problems.add(['params', index], 'a choice parameter needs `choices`');
    }

    if (param.type === 'secret' && param.default !== undefined) {
      problems.add(['params', index, 'default'], 'a secret cannot have a default');
    }

    if (param.pattern !== undefined) {
      try {
        new RegExp(param.pattern, 'u');
      } catch {
        problems.add(['params', index, 'pattern'], 'not a valid regular expression');
      }
    }
  }

  const stepIds = new Set<string>();
  const visit = (id: string, at: DataPath): void => {
    if (stepIds.has(id)) {
      problems.add([...at, 'id'], `duplicate step id "${id}"`);
    }

    stepIds.add(id);
  };

  for (const [index, step] of steps.entries()) {
    visit(step.id, ['steps', index]);
    if (step.kind === 'choice') {
      for (const [b, branch] of step.branches.entries()) {
        for (const [s, inner] of branch.steps.entries()) {
          visit(inner.id, ['steps', index, 'branches', b, 'steps', s]);
        }
      }
    }
  }

  const context: Context = {...options, params: paramMap, stepIds};
  const use = new Map<string, ReadonlySet<string>>();
  for (const [index, step] of steps.entries()) {
    const at: DataPath = ['steps', index];
    checkDuration(step.expected, [...at, 'expected'], problems);
    if (step.kind !== 'choice') {
      use.set(step.id, await validateActionStep(step, at, context));
      continue;
    }

    checkTemplates(step.text, [...at, 'text'], false, context, new Set());
    if (step.param !== undefined && !paramMap.has(step.param)) {
      problems.add([...at, 'param'], unknownParam(step.param, paramMap));
    }

    for (const [b, branch] of step.branches.entries()) {
      const branchAt: DataPath = [...at, 'branches', b];
      checkTemplates(branch.text, [...branchAt, 'text'], false, context, new Set());
      const leaveUse = new Set<string>();
      for (const [n, call] of (branch.leave ?? []).entries()) {
        await checkCall(
          'action',
          call.action,
          call.with,
          [...branchAt, 'leave', n],
          context,
          leaveUse,
        );
      }

      use.set(`${step.id}/${branch.id}`, leaveUse);
      for (const [s, inner] of branch.steps.entries()) {
        const innerAt: DataPath = [...branchAt, 'steps', s];
        checkDuration(inner.expected, [...innerAt, 'expected'], problems);
        use.set(inner.id, await validateActionStep(inner, innerAt, context));
      }
    }
  }

  return use;
}

async function validateActionStep(
  step: RawActionStep,
  at: DataPath,
  context: Context,
): Promise<ReadonlySet<string>> {
  const used = new Set<string>();
  // A text names values to show them; that does not make them the step's to ask for.
  checkTemplates(step.text, [...at, 'text'], false, context, new Set());
  for (const [index, id] of (step.params ?? []).entries()) {
    if (context.params.has(id)) {
      used.add(id);
    } else {
      context.problems.add([...at, 'params', index], unknownParam(id, context.params));
    }
  }

  for (const [index, file] of (step.files ?? []).entries()) {
    const fileAt: DataPath = [...at, 'files', index];
    checkTemplates(file.path, [...fileAt, 'path'], false, context, used);
    await checkAsset(file.template, [...fileAt, 'template'], context, used);
  }

  for (const [index, call] of (step.run ?? []).entries()) {
    await checkCall('action', call.action, call.with, [...at, 'run', index], context, used);
  }

  for (const [index, call] of (step.undo ?? []).entries()) {
    await checkCall('action', call.action, call.with, [...at, 'undo', index], context, used);
  }

  if (step.done) {
    await checkCall('probe', step.done.probe, step.done.with, [...at, 'done'], context, used);
  }

  for (const [index, check] of (step.checks ?? []).entries()) {
    await checkCall('probe', check.probe, check.with, [...at, 'checks', index], context, used);
  }

  return used;
}

async function checkCall(
  kind: 'action' | 'probe',
  name: string,
  args: Readonly<Record<string, unknown>> | undefined,
  at: DataPath,
  context: Context,
  used: Set<string>,
): Promise<void> {
  const known = kind === 'action' ? context.registry.actions : context.registry.probes;
  const entry = known.get(name);
  if (!entry) {
    const guess = didYouMean(name, known.keys());
    context.problems.add(
      [...at, kind],
      `unknown ${kind} "${name}"${guess ? ` (did you mean ${guess}?)` : ''}`,
    );
  }

  const withArgs = args ?? {};
  for (const [key, value] of Object.entries(withArgs)) {
    checkTemplates(value, [...at, 'with', key], key === 'env' || key === 'stdin', context, used);
  }

  if (entry) {
    reportArgIssues(entry.check(withArgs), withArgs, [...at, 'with'], context);
  }

  // file.write renders a template under assets/: it is held to the same rules as `files:`.
  const template = withArgs['template'];
  if (name === 'file.write' && typeof template === 'string' && !hasTemplate(template)) {
    await checkAsset(template, [...at, 'with', 'template'], context, used);
  }
}

// Arguments holding templates are only known after rendering: an issue that points at a
// templated string is left for the engine's check after rendering.
function reportArgIssues(
  verdict: ArgCheck,
  args: Readonly<Record<string, unknown>>,
  at: DataPath,
  context: Context,
): void {
  if (verdict.ok) {
    return;
  }

  for (const issue of verdict.issues) {
    const value = valueAt(args, issue.path);
    if (typeof value === 'string' && hasTemplate(value)) {
      continue;
    }

    context.problems.add([...at, ...issue.path], issue.message);
  }
}

function valueAt(value: unknown, keys: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }

    current = Reflect.get(current, key);
  }

  return current;
}

function checkDuration(text: string | undefined, at: DataPath, problems: Problems): void {
  if (text !== undefined && parseDuration(text) === undefined) {
    problems.add(at, `cannot read duration "${text}" (write e.g. 500ms, 30s, 20m)`);
  }
}
