import {useKeys} from './use-keys.js';
import type {Diagnosis} from '../diagnosis/types.js';
import type {Lang} from '../i18n/text.js';
import type {UiStrings} from './strings.js';
import {DocLines, line} from './doc-lines.js';
import {diagnosisLines} from './diagnosis-lines.js';
import {useScroll} from './use-scroll.js';

type Props = {
  readonly diagnosis: Diagnosis;
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
  readonly isActive: boolean;
  /** Jumps to the step the diagnosis suggests (key `n`). */
  readonly onJump: () => void;
};

/** The failure explained as a picture; `n` jumps to the suggested next step. */
export function DiagnosisView({diagnosis, width, height, strings, lang, isActive, onJump}: Props) {
  const lines = diagnosisLines(diagnosis, strings, lang, width);
  if (diagnosis.next.stepId) lines.push(line(strings.jumpKey, {dim: true}));
  const offset = useScroll(lines.length, height, isActive);
  useKeys(
    (input) => {
      if (input === 'n' && diagnosis.next.stepId) onJump();
    },
    {isActive},
  );
  return <DocLines lines={lines} width={width} height={height} offset={offset} />;
}
