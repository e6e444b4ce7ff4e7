import type {ParamSpec, ParamValue, Runbook} from '../runbook/types.js';
import type {ParamSources} from './engine-api.js';
import type {EventBus} from './event-bus.js';
import type {Prompter} from './prompter.js';
import type {StateStore} from '../state/store.js';
import type {Redactor} from '../secrets/redact.js';
import {RunbookError} from './errors.js';
import {checkParamValue, type ParamVerdict} from './param-value.js';

type Source = 'flag' | 'env' | 'file' | 'state' | 'default';

/** Where the value in use comes from: a source, typed in this session (`session`), or nowhere yet. */
export type ParamOrigin = Source | 'session' | 'unset';

/** A parameter's value in use, read without saving anything; a secret's value is never in it. */
export type ParamInUse = {
  /** Undefined for a secret and for a parameter with no value yet. */
  readonly value: ParamValue | undefined;
  readonly isSet: boolean;
  readonly origin: ParamOrigin;
  /** A value typed here overrides one given for this run: which source it overrides. */
  readonly overrides?: 'flag' | 'file' | 'env';
  /** Why a value given for this run is refused (the run says so when it needs it). */
  readonly problem?: string;
};

/** Parameter values for this session: non-secrets also saved in the state, secrets in memory only. */
export type ParamResolver = {
  /** Makes sure every listed parameter has a value (asks, or fails listing all that are missing). */
  readonly resolve: (ids: readonly string[], required?: readonly string[]) => Promise<void>;
  /** A value without asking, if one can be found; undefined otherwise. */
  readonly peek: (id: string) => ParamValue | undefined;
  /** A value given explicitly for this run (flag, params file, environment), if any. */
  readonly given: (id: string) => ParamValue | undefined;
  /** Every value known now, secrets included (for rendering env/stdin). */
  readonly values: () => Readonly<Record<string, ParamValue | undefined>>;
  /** Secret values known now, by parameter id. */
  readonly secrets: () => Readonly<Record<string, string>>;
  /** The value in use and where it comes from, without resolving or saving anything. */
  readonly inUse: (id: string) => ParamInUse;
  /** Takes a value the person typed, checked and kept as an answer to its question is. */
  readonly change: (id: string, raw: ParamValue) => ParamVerdict;
};

/** Builds the resolver: flags > params file > environment > saved state > default > prompt. */
export function createParamResolver(options: {
  readonly runbook: Runbook;
  readonly sources: ParamSources;
  readonly store: StateStore;
  readonly prompter: Prompter;
  readonly assumeYes: boolean;
  readonly bus: EventBus;
  readonly redactor: Redactor;
}): ParamResolver {
  const {runbook, sources, store, bus, redactor} = options;
  const specs = new Map(runbook.params.map((spec) => [spec.id, spec]));
  const known = new Map<string, ParamValue>();
  const secrets = new Map<string, string>();
  // Values the person typed in this session (asked, or changed in the parameters view).
  const typed = new Set<string>();

  for (const spec of runbook.params) {
    if (spec.type === 'secret' && (spec.id in sources.set || spec.id in (sources.file ?? {}))) {
      throw new RunbookError(
        'secret-in-flag',
        `\`${spec.id}\` is a secret: it cannot be given with --set or a params file (it would sit in your shell history or on disk)`,
        spec.env ? `set the environment variable ${spec.env} instead` : 'enter it when asked',
      );
    }
  }

  // Mask secrets from the start, even before a step asks for them: a child may print its env.
  for (const spec of runbook.params) {
    const value = spec.type === 'secret' && spec.env ? sources.env[spec.env] : undefined;
    if (value) {
      redactor.add(value);
    }
  }

  const remember = (spec: ParamSpec, value: ParamValue, from: Source | 'prompt'): void => {
    known.set(spec.id, value);
    if (from === 'prompt') typed.add(spec.id);
    if (spec.type === 'secret') {
      secrets.set(spec.id, String(value));
      redactor.add(String(value));
    } else if (from !== 'state' && store.get().params[spec.id] !== value) {
      // A value equal to a secret is masked on disk too (the state is never a place for one).
      const saved = typeof value === 'string' ? redactor.redact(value) : value;
      store.update((state) => ({...state, params: {...state.params, [spec.id]: saved}}));
    }

    bus.emit({type: 'param-resolved', paramId: spec.id, from});
  };

  const fromSources = (spec: ParamSpec): {value: ParamValue; from: Source} | undefined => {
    const candidates: [Source, ParamValue | undefined][] = [
      ['flag', sources.set[spec.id]],
      ['file', sources.file?.[spec.id]],
      ['env', spec.env ? sources.env[spec.env] : undefined],
      ['state', spec.type === 'secret' ? undefined : store.get().params[spec.id]],
      ['default', spec.default],
    ];
    for (const [from, raw] of candidates) {
      if (raw === undefined || raw === '') {
        continue;
      }

      const verdict = checkParamValue(spec, raw);
      if (!verdict.ok) {
        throw new RunbookError(
          'param-invalid',
          `parameter \`${spec.id}\` from ${describeSource(spec, from)}: ${verdict.message}`,
          `give a valid value with ${howToGive(spec)}`,
        );
      }

      return {value: verdict.value, from};
    }

    return undefined;
  };

  const tryKnown = (spec: ParamSpec): boolean => {
    if (known.has(spec.id)) {
      return true;
    }

    const found = fromSources(spec);
    if (found) {
      remember(spec, found.value, found.from);
    }

    return found !== undefined;
  };

  return {
    async resolve(ids, required = []) {
      const wanted = [...new Set([...ids, ...required])]
        .map((id) => specs.get(id))
        .filter((spec): spec is ParamSpec => spec !== undefined);
      // Check every given value before saving any: a refused value leaves the state untouched.
      for (const spec of wanted) if (!known.has(spec.id)) fromSources(spec);
      const missing = wanted.filter(
        (spec) => !tryKnown(spec) && (!spec.optional || required.includes(spec.id)),
      );
      if (missing.length === 0) {
        return;
      }

      if (options.assumeYes) {
        throw new RunbookError(
          'params-missing',
          [
            `missing ${missing.length === 1 ? 'a parameter' : `${missing.length} parameters`}:`,
            ...missing.map((spec) => `  ${spec.id} (${spec.label.en}): ${howToGive(spec)}`),
          ].join('\n'),
          'give each one, then run again',
        );
      }

      for (const spec of missing) {
        remember(spec, await ask(options.prompter, spec), 'prompt');
      }
    },
    peek(id) {
      const spec = specs.get(id);
      if (!spec) {
        return undefined;
      }

      try {
        return tryKnown(spec) ? known.get(id) : undefined;
      } catch {
        return undefined;
      }
    },
    given(id) {
      const spec = specs.get(id);
      const found = spec ? fromSources(spec) : undefined;
      return found && ['flag', 'file', 'env'].includes(found.from) ? found.value : undefined;
    },
    values: () =>
      Object.fromEntries(
        runbook.params.map((spec) => [
          spec.id,
          known.get(spec.id) ?? (spec.optional ? '' : undefined),
        ]),
      ),
    secrets: () => Object.fromEntries(secrets),
    inUse(id) {
      const spec = specOf(specs, id);
      let found: ReturnType<typeof fromSources>;
      let problem: string | undefined;
      try {
        found = fromSources(spec);
      } catch (error) {
        problem = error instanceof RunbookError ? error.message : String(error);
      }

      const from = found?.from;
      const overrides = from === 'flag' || from === 'file' || from === 'env' ? from : undefined;
      const value = known.get(id) ?? found?.value;
      // A typed value reads as saved in the profile, unless it is a secret (memory only) or a
      // value given at start would win again at the next start: then it holds for this session.
      // A default is saved once used; it still reads as the runbook's default.
      const origin: ParamOrigin = typed.has(id)
        ? spec.type === 'secret' || overrides
          ? 'session'
          : 'state'
        : from === 'state' && value === spec.default
          ? 'default'
          : (from ?? 'unset');
      return {
        value: spec.type === 'secret' ? undefined : value,
        isSet: value !== undefined && value !== '',
        origin,
        ...(typed.has(id) && overrides ? {overrides} : {}),
        ...(problem && !known.has(id) ? {problem} : {}),
      };
    },
    change(id, raw) {
      const spec = specOf(specs, id);
      const verdict = checkParamValue(spec, raw);
      if (verdict.ok) remember(spec, verdict.value, 'prompt');
      return verdict;
    },
  };
}

function specOf(specs: ReadonlyMap<string, ParamSpec>, id: string): ParamSpec {
  const spec = specs.get(id);
  if (!spec) {
    throw new RunbookError(
      'unknown-param',
      `no parameter \`${id}\` in this runbook`,
      'see `plan` for the parameters',
    );
  }

  return spec;
}

async function ask(prompter: Prompter, spec: ParamSpec): Promise<ParamValue> {
  let error: string | undefined;
  for (let tries = 0; tries < 5; tries++) {
    const answer = await prompter.askParam(spec, error);
    const verdict = checkParamValue(spec, answer);
    if (verdict.ok) {
      return verdict.value;
    }

    error = verdict.message;
  }

  throw new RunbookError('param-invalid', `no valid value for \`${spec.id}\`: ${error ?? ''}`);
}

function howToGive(spec: ParamSpec): string {
  if (spec.type === 'secret') {
    return spec.env ? `environment variable ${spec.env}` : 'a masked prompt (run interactively)';
  }

  return `--set ${spec.id}=…${spec.env ? ` or environment variable ${spec.env}` : ''}`;
}

function describeSource(spec: ParamSpec, from: Source): string {
  switch (from) {
    case 'flag': {
      return '--set';
    }

    case 'env': {
      return `environment variable ${spec.env ?? ''}`;
    }

    case 'file': {
      return 'the params file';
    }

    case 'state': {
      return 'the saved state';
    }

    default: {
      return 'the runbook default';
    }
  }
}
