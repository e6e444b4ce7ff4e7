import type {ParamSpec, ParamValue, Runbook} from '../runbook/types.js';
import type {ParamSources} from './engine-api.js';
import type {EventBus} from './event-bus.js';
import type {Prompter} from './prompter.js';
import type {StateStore} from '../state/store.js';
import type {Redactor} from '../secrets/redact.js';
import {RunbookError} from './errors.js';
import {checkParamValue, type ParamVerdict} from './param-value.js';
import {paramInUse, type ParamInUse} from './param-in-use.js';
import {
  askParam,
  findParam,
  missingParams,
  refuseGivenSecrets,
  type ParamSource,
} from './param-sources.js';

// The parameters view and the UI's words read these with the resolver that produces them.
export type {ParamInUse, ParamOrigin} from './param-in-use.js';

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

  refuseGivenSecrets(runbook, sources);

  // Mask secrets from the start, even before a step asks for them: a child may print its env.
  for (const spec of runbook.params) {
    const value = spec.type === 'secret' && spec.env ? sources.env[spec.env] : undefined;
    if (value) {
      redactor.add(value);
    }
  }

  const remember = (spec: ParamSpec, value: ParamValue, from: ParamSource | 'prompt'): void => {
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

  const fromSources = (spec: ParamSpec) => findParam(spec, sources, store);

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
        throw missingParams(missing);
      }

      for (const spec of missing) {
        remember(spec, await askParam(options.prompter, spec), 'prompt');
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
      return paramInUse(spec, {known: known.get(id), typed: typed.has(id)}, () =>
        fromSources(spec),
      );
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
