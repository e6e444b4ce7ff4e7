import path from 'node:path';
import type {PlannedEffect} from '../actions/types.js';
import {fileDiff} from '../actions/generic/file-diff.js';
import {pick} from '../i18n/text.js';
import {render} from '../runbook/template.js';
import type {ActionStep, ChoiceStep} from '../runbook/types.js';
import type {Internals} from './internals.js';
import {readTemplate, renderArgs, templateScope} from './scope.js';

/** What a step will do, rendered with the parameters known now; nothing is written. */
export async function describeStep(
  internals: Internals,
  step: ActionStep | ChoiceStep,
): Promise<readonly PlannedEffect[]> {
  if (step.kind === 'choice') {
    return step.branches.map((branch) => ({
      kind: 'note' as const,
      text: `${branch.id}: ${pick(branch.title, internals.lang)}`,
    }));
  }

  // Values not known yet (a later parameter, an earlier step's output) show as `<name>`.
  const preview = {preview: true};
  const effects: PlannedEffect[] = [];
  for (const file of step.files) {
    const target = path.resolve(
      internals.paths.workdir,
      render(file.path, templateScope(internals, false, preview)),
    );
    const content = await readTemplate(internals, file.template, preview);
    const diff = fileDiff(target, await internals.ports.files.readText(target), content);
    effects.push({kind: 'file', path: target, content, ...(diff ? {diff} : {})});
  }

  for (const invocation of step.run) {
    const action = internals.registry.actions.get(invocation.action);
    const args = renderArgs(internals, invocation.with, preview);
    const verdict = action?.check(args);
    if (!action || !verdict?.ok) {
      effects.push({
        kind: 'note',
        text: `${invocation.action} ${JSON.stringify(args)}`,
      });
      continue;
    }

    effects.push(
      ...(await action.describe(args, {
        workdir: internals.paths.workdir,
        ports: internals.ports,
        secrets: internals.params.secrets(),
        lang: internals.lang,
        readTemplate: async (name) => readTemplate(internals, name, preview),
      })),
    );
  }

  return internals.redactor.redactDeep(effects);
}
