import {useEffect, useState} from 'react';
import type {Engine} from '../engine/engine-api.js';
import type {PlannedEffect} from '../actions/types.js';
import type {Step} from '../runbook/types.js';
import {pick, type Lang} from '../i18n/text.js';
import type {UiStrings} from './strings.js';
import {DocLines, line, type DocLine} from './doc-lines.js';
import {effectLines} from './effect-lines.js';
import {wrapText} from './text-layout.js';
import {useScroll} from './use-scroll.js';
import {colors} from './theme.js';

type Props = {
  readonly engine: Pick<Engine, 'describe' | 'fillText'>;
  readonly step: Step;
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
  readonly isActive: boolean;
};

type Plan =
  | {readonly phase: 'loading'}
  | {readonly phase: 'ready'; readonly effects: readonly PlannedEffect[]}
  | {readonly phase: 'error'; readonly message: string};

/** The lines of the details view: the step's text, then what will happen. */
export function detailsLines(
  step: Step,
  plan: Plan,
  strings: UiStrings,
  lang: Lang,
  width: number,
  fill: (text: string) => string = (text) => text,
): DocLine[] {
  const out: DocLine[] = [line(pick(step.title, lang), {bold: true})];
  out.push(...wrapText(fill(pick(step.text, lang)), width).map((row) => line(row)), line(''));
  out.push(line(strings.whatWillHappen, {bold: true, color: colors.accent}));
  if (plan.phase === 'loading') out.push(line(strings.loadingPlan, {dim: true}));
  else if (plan.phase === 'error') out.push(line(plan.message, {color: colors.error}));
  else out.push(...effectLines(plan.effects, strings, width));
  return out;
}

/** The selected step explained, with every command, file, manifest and diff it will run or change. */
export function DetailsView({engine, step, width, height, strings, lang, isActive}: Props) {
  const [plan, setPlan] = useState<Plan>({phase: 'loading'});
  useEffect(() => {
    let live = true;
    setPlan({phase: 'loading'});
    engine.describe(step.id).then(
      (effects) => {
        if (live) setPlan({phase: 'ready', effects});
      },
      (error: unknown) => {
        if (live)
          setPlan({
            phase: 'error',
            message: error instanceof Error ? error.message : String(error),
          });
      },
    );
    return () => {
      live = false;
    };
  }, [engine, step.id]);

  const lines = detailsLines(step, plan, strings, lang, width, engine.fillText);
  const offset = useScroll(lines.length, height, isActive);
  return <DocLines lines={lines} width={width} height={height} offset={offset} />;
}
