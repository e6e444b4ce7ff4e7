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
};

/** The failure explained as a picture (the app handles `n`, the jump to the suggested step). */
export function DiagnosisView({diagnosis, width, height, strings, lang, isActive}: Props) {
  const lines = diagnosisLines(diagnosis, strings, lang, width);
  if (diagnosis.next.stepId) lines.push(line(strings.jumpKey, {dim: true}));
  const offset = useScroll(lines.length, height, isActive);
  return <DocLines lines={lines} width={width} height={height} offset={offset} />;
}
