import {parseAllDocuments} from 'yaml';
import type {PlannedEffect} from '../actions/types.js';
import type {ActionStep, Invocation} from '../runbook/types.js';
import {showCommand} from './command-text.js';
import type {Paint} from './paint.js';
import {renderTable} from './table.js';
import {reportWords, type ReportWords} from './words.js';
import type {Lang} from '../i18n/text.js';

/** What `plan` shows for one step (or one branch's leave actions). */
export type PlanEntry = {
  /** `step`, or `choice/branch/step` for a branch's step, or `choice/branch (on leave)`. */
  readonly label: string;
  readonly title: string;
  readonly effects: readonly PlannedEffect[];
  /** False when the effects come from the runbook's templates because values were missing. */
  readonly rendered: boolean;
};

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** An invocation as a planned effect, straight from the runbook (templates left as written). */
export function invocationEffect(invocation: Invocation): PlannedEffect {
  const {file, args, env, path} = invocation.with;
  if (typeof file === 'string' && isStringArray(args)) {
    const keys = env !== null && typeof env === 'object' ? Object.keys(env) : [];
    return {kind: 'command', file, args, ...(keys.length > 0 ? {env: keys} : {})};
  }

  if (invocation.action === 'file.write' && typeof path === 'string') {
    return {kind: 'file', path, content: ''};
  }

  return {kind: 'note', text: `${invocation.action} ${JSON.stringify(invocation.with)}`};
}

/** A step's effects straight from the runbook: its files, then its actions. */
export function templateEffects(step: ActionStep): PlannedEffect[] {
  return [
    ...step.files.map((file): PlannedEffect => ({kind: 'file', path: file.path, content: ''})),
    ...step.run.map((invocation) => invocationEffect(invocation)),
  ];
}

/** `Kind/name` of each object in a manifest, for the plan's one-line summary. */
export function manifestObjects(yaml: string): string[] {
  const names: string[] = [];
  try {
    for (const document of parseAllDocuments(yaml)) {
      if (document.errors.length > 0) return ['(unreadable manifest)'];
      const value: unknown = document.toJS();
      if (value === null || typeof value !== 'object') continue;
      const kind = 'kind' in value && typeof value.kind === 'string' ? value.kind : '?';
      const metadata = 'metadata' in value ? value.metadata : undefined;
      const name =
        metadata !== null &&
        typeof metadata === 'object' &&
        metadata !== undefined &&
        'name' in metadata &&
        typeof metadata.name === 'string'
          ? metadata.name
          : '?';
      names.push(`${kind}/${name}`);
    }
  } catch {
    return ['(unreadable manifest)'];
  }

  return names;
}

function effectRows(effect: PlannedEffect, words: ReportWords): Array<[string, string]> {
  const does = words.planDoes;
  switch (effect.kind) {
    case 'command': {
      const rows: Array<[string, string]> = [[does.run, showCommand(effect.file, effect.args)]];
      if (effect.env?.length)
        rows.push([`  ${does.env}`, effect.env.map((key) => `${key}=••••`).join(' ')]);
      if (effect.stdin !== undefined) rows.push([`  ${does.stdin}`, words.stdinGiven]);
      return rows;
    }

    case 'file': {
      return [[does.write, effect.path]];
    }

    case 'manifest': {
      return [[does[effect.action], manifestObjects(effect.yaml).join(', ')]];
    }

    case 'request': {
      return [[does.request, `${effect.method} ${effect.url}`]];
    }

    case 'note': {
      return [[does.note, effect.text]];
    }
  }
}

/** The `plan` table: one row per command, file, manifest or request, for every step and branch. */
export function planTable(
  entries: readonly PlanEntry[],
  paint: Paint,
  lang: Lang = 'en',
): string[] {
  const words = reportWords[lang];
  const rows: string[][] = [];
  for (const entry of entries) {
    const first = `${entry.label}${entry.rendered ? '' : ' *'}`;
    const effects = entry.effects.flatMap((effect) => effectRows(effect, words));
    if (effects.length === 0) rows.push([first, paint.dim('—'), paint.dim(words.nothingToRun)]);
    for (const [index, [does, what]] of effects.entries()) {
      rows.push([index === 0 ? first : '', does, what]);
    }
  }

  const footer = entries.some((entry) => !entry.rendered) ? ['', words.planAsWritten] : [];
  return [...renderTable(words.planHeads, rows), ...footer];
}
