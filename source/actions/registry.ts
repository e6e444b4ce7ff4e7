import type {
  ActionContext,
  ActionDefinition,
  ActionResult,
  PlannedEffect,
  ProbeDefinition,
  ProbeResult,
} from './types.js';

// PLACEHOLDER signatures (the engine work owns and may reshape this file): an action
// definition with its argument type erased, so actions of different argument types can
// live in one registry without `any`.

/** An action whose arguments are checked at the edge (`parse`). */
export type RegisteredAction = {
  readonly name: string;
  readonly check: (
    args: unknown,
  ) => {readonly ok: true} | {readonly ok: false; readonly message: string};
  readonly describe: (
    args: unknown,
    ctx: Pick<ActionContext, 'workdir' | 'ports' | 'secrets'>,
  ) => Promise<readonly PlannedEffect[]>;
  readonly run: (args: unknown, ctx: ActionContext) => Promise<ActionResult>;
};

/** A probe whose arguments are checked at the edge. */
export type RegisteredProbe = {
  readonly name: string;
  readonly check: (
    args: unknown,
  ) => {readonly ok: true} | {readonly ok: false; readonly message: string};
  readonly run: (args: unknown, ctx: Omit<ActionContext, 'prompter'>) => Promise<ProbeResult>;
};

/** Wraps a typed action definition for the registry. */
export function registerAction<A>(definition: ActionDefinition<A>): RegisteredAction {
  const parse = (args: unknown): A => definition.args.parse(args);
  return {
    name: definition.name,
    check(args) {
      const result = definition.args.safeParse(args);
      return result.success
        ? {ok: true}
        : {
            ok: false,
            message: result.error.issues
              .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
              .join('; '),
          };
    },
    async describe(args, ctx) {
      return definition.describe(parse(args), ctx);
    },
    async run(args, ctx) {
      return definition.run(parse(args), ctx);
    },
  };
}

/** Wraps a typed probe definition for the registry. */
export function registerProbe<A>(definition: ProbeDefinition<A>): RegisteredProbe {
  return {
    name: definition.name,
    check(args) {
      const result = definition.args.safeParse(args);
      return result.success
        ? {ok: true}
        : {
            ok: false,
            message: result.error.issues
              .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
              .join('; '),
          };
    },
    async run(args, ctx) {
      return definition.run(definition.args.parse(args), ctx);
    },
  };
}
