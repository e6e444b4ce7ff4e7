import type {Key} from 'ink';
import {useRef, useState} from 'react';
import type {Engine, PlannedStep} from '../engine/engine-api.js';
import type {Prompter} from '../engine/prompter.js';
import type {Lang} from '../i18n/text.js';
import {editParam} from './param-edit.js';
import type {UiStrings} from './strings.js';

/** What a key in the parameters view may need from the app. */
export type ParamsKeyContext = {
  readonly strings: UiStrings;
  readonly lang: Lang;
  readonly planned: readonly PlannedStep[];
  readonly close: () => void;
  /** Shows a line in place of the footer (undefined clears it). */
  readonly notify: (text: string | undefined) => void;
};

/** The parameters view's selection and keys: j/k move, Enter changes the selected one, Esc or p closes. */
export function useParamsView(
  engine: Pick<Engine, 'params' | 'setParam'>,
  prompter: Pick<Prompter, 'askParam'>,
): {
  readonly selected: number;
  readonly press: (input: string, key: Key, context: ParamsKeyContext) => void;
} {
  // A ref, not state: `j⏎` in one read must change the parameter `j` moved to.
  const selected = useRef(0);
  const [, redraw] = useState(0);
  const press = (input: string, key: Key, context: ParamsKeyContext): void => {
    const infos = engine.params();
    const move = (by: number) => {
      selected.current = Math.max(0, Math.min(infos.length - 1, selected.current + by));
      redraw(selected.current);
    };

    const info = infos[selected.current];
    if (key.escape || input === 'p') {
      // What was said here is about the parameters, not the step list.
      context.notify(undefined);
      context.close();
    } else if (key.upArrow || input === 'k') move(-1);
    else if (key.downArrow || input === 'j') move(1);
    else if (key.return && info) {
      context.notify(undefined);
      void editParam(engine, prompter, info, context).then((outcome) => {
        context.notify(outcome.kind === 'cancelled' ? undefined : outcome.notice);
      });
    }
  };

  return {selected: selected.current, press};
}
