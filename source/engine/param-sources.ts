import type {ParamSpec, ParamValue, Runbook} from '../runbook/types.js';
import type {StateStore} from '../state/store.js';
import type {ParamSources} from './engine-api.js';
import {RunbookError} from './errors.js';
import {checkParamValue} from './param-value.js';
import type {Prompter} from './prompter.js';

/** Where a value found without asking comes from, in the order they win. */
export type ParamSource = 'flag' | 'env' | 'file' | 'state' | 'default';

/** A checked value and the source it came from. */
export type FoundParam = {readonly value: ParamValue; readonly from: ParamSource};

/** Refuses a secret given with --set or in a params file, before anything runs. */
export function refuseGivenSecrets(runbook: Runbook, sources: ParamSources): void {
  for (const spec of runbook.params) {
    if (spec.type === 'secret' && (spec.id in sources.set || spec.id in (sources.file ?? {}))) {
      throw new RunbookError(
        'secret-in-flag',
        `\`${spec.id}\` is a secret: it cannot be given with --set or a params file (it would sit in your shell history or on disk)`,
        spec.env ? `set the environment variable ${spec.env} instead` : 'enter it when asked',
      );
    }
  }
}

/** The first value found: flags > params file > environment > saved state > default; throws on a refused one. */
export function findParam(
  spec: ParamSpec,
  sources: ParamSources,
  store: StateStore,
): FoundParam | undefined {
  const candidates: [ParamSource, ParamValue | undefined][] = [
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
}

/** The error for parameters that have no value when nobody can be asked. */
export function missingParams(missing: readonly ParamSpec[]): RunbookError {
  return new RunbookError(
    'params-missing',
    [
      `missing ${missing.length === 1 ? 'a parameter' : `${missing.length} parameters`}:`,
      ...missing.map((spec) => `  ${spec.id} (${spec.label.en}): ${howToGive(spec)}`),
    ].join('\n'),
    'give each one, then run again',
  );
}

/** Asks the person until the answer is valid (five tries). */
export async function askParam(prompter: Prompter, spec: ParamSpec): Promise<ParamValue> {
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

function describeSource(spec: ParamSpec, from: ParamSource): string {
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
