import type {z} from 'zod';
import type {
  ActionContext,
  ActionDefinition,
  ActionResult,
  DescribeContext,
  PlannedEffect,
  ProbeDefinition,
  ProbeResult,
} from './types.js';

// Action and probe definitions with their argument types erased, so definitions of different
// argument types live in one registry without `any`. Arguments are checked at the edge.

/** One problem with an action's arguments, at a path inside `with`. */
export type ArgIssue = {readonly path: readonly (string | number)[]; readonly message: string};

/** The verdict of an argument check. */
export type ArgCheck =
  | {readonly ok: true}
  | {readonly ok: false; readonly message: string; readonly issues: readonly ArgIssue[]};

/** An action whose arguments are checked at the edge (`check`). */
export type RegisteredAction = {
  readonly name: string;
  readonly check: (args: unknown) => ArgCheck;
  readonly describe: (args: unknown, ctx: DescribeContext) => Promise<readonly PlannedEffect[]>;
  readonly run: (args: unknown, ctx: ActionContext) => Promise<ActionResult>;
};

/** A probe whose arguments are checked at the edge. */
export type RegisteredProbe = {
  readonly name: string;
  readonly check: (args: unknown) => ArgCheck;
  readonly run: (args: unknown, ctx: Omit<ActionContext, 'prompter'>) => Promise<ProbeResult>;
};

/** Every action and probe a runbook may name. */
export type Registry = {
  readonly actions: ReadonlyMap<string, RegisteredAction>;
  readonly probes: ReadonlyMap<string, RegisteredProbe>;
};

/** Wraps a typed action definition for the registry. */
export function registerAction<A>(definition: ActionDefinition<A>): RegisteredAction {
  return {
    name: definition.name,
    check: (args) => checkWith(definition.args, args),
    async describe(args, ctx) {
      return definition.describe(definition.args.parse(args), ctx);
    },
    async run(args, ctx) {
      return definition.run(definition.args.parse(args), ctx);
    },
  };
}

/** Wraps a typed probe definition for the registry. */
export function registerProbe<A>(definition: ProbeDefinition<A>): RegisteredProbe {
  return {
    name: definition.name,
    check: (args) => checkWith(definition.args, args),
    async run(args, ctx) {
      return definition.run(definition.args.parse(args), ctx);
    },
  };
}

/** Builds a registry; a name registered twice is a programming error. */
export function createRegistry(
  actions: readonly RegisteredAction[],
  probes: readonly RegisteredProbe[],
): Registry {
  return {actions: byName(actions), probes: byName(probes)};
}

function byName<T extends {readonly name: string}>(items: readonly T[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.name)) {
      throw new TypeError(`\`${item.name}\` is registered twice`);
    }

    map.set(item.name, item);
  }

  return map;
}

function checkWith<A>(schema: z.ZodType<A>, args: unknown): ArgCheck {
  const result = schema.safeParse(args);
  if (result.success) {
    return {ok: true};
  }

  const issues = result.error.issues.map((issue) => ({
    path: issue.path.filter((key) => typeof key !== 'symbol'),
    message: issue.message,
  }));
  return {
    ok: false,
    message: issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message)
      .join('; '),
    issues,
  };
}
