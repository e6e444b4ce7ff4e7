import {Box} from 'ink';
import type {PlannedStep} from '../engine/engine-api.js';
import type {ParamInfo} from '../engine/param-info.js';
import type {Lang} from '../i18n/text.js';
import {DocLines} from './doc-lines.js';
import {paramScreen} from './param-lines.js';
import type {UiStrings} from './strings.js';

type Props = {
  readonly infos: readonly ParamInfo[];
  readonly selected: number;
  /** The steps as they apply now: titles, and which can be undone. */
  readonly planned: readonly PlannedStep[];
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
};

/** Every parameter with its value in use and source; the selected one explained below. */
export function ParamsView({infos, selected, planned, width, height, strings, lang}: Props) {
  const {list, detail} = paramScreen(infos, selected, {planned, strings, lang, width, height});
  return (
    <Box flexDirection="column" width={width} height={height}>
      <DocLines lines={list} width={width} height={list.length} />
      <DocLines lines={detail} width={width} height={detail.length} />
    </Box>
  );
}
