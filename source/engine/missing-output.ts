import {parseRefs} from '../runbook/template.js';
import type {Internals} from './internals.js';

/**
 * The first step whose recorded output a value's templates read but which has no value yet
 * (`{{ outputs.kubeconfig.kubeconfig }}` before the kubeconfig step ran), if any.
 */
export function stepWithMissingOutput(internals: Internals, value: unknown): string | undefined {
  const steps = internals.store.get().steps;
  for (const text of stringsIn(value)) {
    let refs;
    try {
      refs = parseRefs(text);
    } catch {
      // A malformed template is reported when the value is rendered.
      continue;
    }

    for (const ref of refs) {
      const [stepId, key] = ref.parts;
      if (ref.root !== 'outputs' || stepId === undefined || key === undefined) continue;
      if (ref.filters.some((filter) => filter.name === 'default')) continue;
      if (steps[stepId]?.outputs[key] === undefined) return stepId;
    }
  }

  return undefined;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((item: unknown) => stringsIn(item));
  if (value !== null && typeof value === 'object') {
    return Object.values(value).flatMap((item: unknown) => stringsIn(item));
  }

  return [];
}
