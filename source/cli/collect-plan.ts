import {pick, type Lang} from '../i18n/text.js';
import type {Engine} from '../engine/engine-api.js';
import type {Runbook} from '../runbook/types.js';
import {invocationEffect, templateEffects, type PlanEntry} from '../report/plan-table.js';
import {reportWords} from '../report/words.js';

/**
 * What every step of every branch would do. Rendered by the engine where it can (values
 * known); otherwise taken from the runbook as written. Nothing runs: `describe` only reads.
 */
export async function collectPlan(
  runbook: Runbook,
  engine: Engine | undefined,
  lang: Lang,
): Promise<PlanEntry[]> {
  const entries: PlanEntry[] = [];
  const describe = async (
    step: Parameters<typeof templateEffects>[0],
    label: string,
  ): Promise<void> => {
    const title = pick(step.title, lang);
    if (engine) {
      try {
        entries.push({label, title, effects: await engine.describe(step.id), rendered: true});
        return;
      } catch {
        // A value is missing or an earlier step's output is not there yet: show the templates.
      }
    }

    entries.push({label, title, effects: templateEffects(step), rendered: false});
  };

  for (const step of runbook.steps) {
    if (step.kind === 'action') {
      await describe(step, step.id);
      continue;
    }

    entries.push({
      label: step.id,
      title: pick(step.title, lang),
      effects: [
        {
          kind: 'note',
          text: reportWords[lang].chooseOne(step.branches.map((branch) => branch.id)),
        },
      ],
      rendered: true,
    });
    for (const branch of step.branches) {
      for (const inner of branch.steps)
        await describe(inner, `${step.id}/${branch.id}/${inner.id}`);
      if (branch.leave.length > 0) {
        entries.push({
          label: `${step.id}/${branch.id} (${reportWords[lang].onLeave})`,
          title: pick(branch.title, lang),
          effects: branch.leave.map((invocation) => invocationEffect(invocation)),
          rendered: false,
        });
      }
    }
  }

  return entries;
}
