import type {Engine, PlannedStep} from '../engine/engine-api.js';
import type {ParamInfo} from '../engine/param-info.js';
import type {ParamSpec} from '../runbook/types.js';
import {pick, type Lang} from '../i18n/text.js';
import type {Prompter} from '../engine/prompter.js';
import {lockingUses, stepTitle} from './param-lines.js';
import type {UiStrings} from './strings.js';

/** How an edit from the parameters view ended, with the notice to show (if any). */
export type EditOutcome =
  {readonly kind: 'changed' | 'refused'; readonly notice: string} | {readonly kind: 'cancelled'};

/**
 * Changes a parameter through the same question a missing value gets (its field, its checks),
 * then hands the answer to the engine, which checks it again and saves it; a refusal asks
 * again with the engine's reason. A value a done step was built with is refused before asking.
 */
export async function editParam(
  engine: Pick<Engine, 'setParam'>,
  prompter: Pick<Prompter, 'askParam'>,
  info: ParamInfo,
  words: {
    readonly strings: UiStrings;
    readonly lang: Lang;
    readonly planned: readonly PlannedStep[];
  },
): Promise<EditOutcome> {
  const {strings, lang, planned} = words;
  const refused = (message: string): EditOutcome => ({
    kind: 'refused',
    notice: `${strings.params.refused}: ${message}`,
  });
  const locking = lockingUses(info);
  if (locking.length > 0) {
    return refused(
      strings.params.locked(locking.map((use) => stepTitle(planned, use.stepId, lang)).join(', ')),
    );
  }

  let error: string | undefined;
  for (;;) {
    let answer: string;
    try {
      answer = await prompter.askParam(fieldFor(info), error);
    } catch {
      // Esc in the field: nothing changes.
      return {kind: 'cancelled'};
    }

    try {
      const verdict = engine.setParam(info.spec.id, answer);
      if (verdict.ok) {
        return {kind: 'changed', notice: strings.params.saved(pick(info.spec.label, lang))};
      }

      error = verdict.message;
    } catch (problem) {
      return refused(problem instanceof Error ? problem.message : String(problem));
    }
  }
}

// The field opens on the value in use (the question opens on the default): a one-octet fix
// is a backspace and a digit, not a retyped address. Never on a secret.
function fieldFor(info: ParamInfo): ParamSpec {
  const {spec} = info;
  if (spec.type === 'secret' || info.value === undefined) return spec;
  return {...spec, default: info.value};
}
