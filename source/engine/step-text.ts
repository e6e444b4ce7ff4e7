import type {ParamValue} from '../runbook/types.js';
import {hasTemplate, render} from '../runbook/template.js';
import type {Internals} from './internals.js';
import {templateScope} from './scope.js';

// Read-only on purpose: the resolver's `peek` would save a default into the state just
// because a text was drawn.
function shownValue(internals: Internals, id: string, fallback: ParamValue | undefined) {
  const known = internals.params.values()[id];
  if (known !== undefined && known !== '') return known;
  try {
    const given = internals.params.given(id);
    if (given !== undefined) return given;
  } catch {
    // A refused --set value: the run will say so; the text shows the saved one or the default.
  }

  return internals.store.get().params[id] ?? fallback;
}

/** A runbook text with its `{{ params.x }}` filled with the values known now (never a secret; unknown ones as `<name>`). */
export function fillText(internals: Internals, text: string): string {
  if (!hasTemplate(text)) return text;
  const params: Record<string, ParamValue | undefined> = {};
  for (const spec of internals.runbook.params) {
    if (spec.type !== 'secret') params[spec.id] = shownValue(internals, spec.id, spec.default);
  }

  try {
    return render(text, {...templateScope(internals, false, {preview: true}), params});
  } catch {
    return text;
  }
}
