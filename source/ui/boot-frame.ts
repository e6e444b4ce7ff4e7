import type {Target} from '../engine/events.js';
import type {Lang} from '../i18n/text.js';
import {bootWords, type BootTask} from './boot-words.js';
import {uiStrings} from './strings.js';

// Ink, React and yoga take ≈150 ms to load and compile, more than a third of the first-frame
// budget. So the boot frame is first written here by hand — the same lines BootScreen draws —
// and erased the moment Ink draws BootScreen over it, with the same styles, or none where the
// interface has none (NO_COLOR: colour-mode.ts).

const esc = '\u001B[';

// East Asian wide and fullwidth ranges: enough for the runbook titles and the Japanese words.
const wide =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

function cells(text: string): number {
  let width = 0;
  for (const char of text) width += wide.test(char) ? 2 : 1;
  return width;
}

function clip(text: string, width: number): string {
  if (cells(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (cells(out + char) > width - 1) break;
    out += char;
  }

  return `${out}…`;
}

/** What the hand-written frame shows: the header and the tasks under way. */
export type BootFrameProps = {
  /** Bold, dim and the mark's colour, as Ink draws them; false draws plain text. */
  readonly styled: boolean;
  readonly title: string;
  readonly profile: string;
  readonly target: Target;
  readonly lang: Lang;
  readonly pending: readonly BootTask[];
};

/** The frame as terminal text (lines end in `\n`), and how many lines it takes. */
export function bootFrameText(
  props: BootFrameProps,
  columns: number,
): {readonly text: string; readonly lines: number} {
  const strings = uiStrings(props.lang);
  const said = bootWords[props.lang];
  const marker = ` [${props.target === 'real' ? strings.real : strings.simulated}] `;
  const profile = ` ${strings.profile}: ${props.profile} `;
  const right = cells(profile) + cells(marker);
  const title = clip(props.title, Math.max(4, columns - right - 1));
  const style = (codes: string, text: string) =>
    props.styled ? `${esc}${codes}m${text}${esc}0m` : text;
  const column = `${esc}${Math.max(1, columns - right + 1)}G`;
  // Magenta and red: the colours theme.ts gives the SIMULATED and REAL marks.
  const markColour = props.target === 'real' ? '31' : '35';
  const header = `${style('1', title)}${column}${style('2', profile)}${style(`1;7;${markColour}`, marker)}`;
  const rest = [...props.pending.map((task) => said[task]), said.quit].map((line) =>
    style('2', clip(line, columns - 1)),
  );
  return {text: [header, ...rest, ''].join('\n'), lines: rest.length + 1};
}

/** Writes the boot frame now; `erase` takes it off (before Ink draws), `release` gives keys back. */
export function writeBootFrame(
  props: BootFrameProps,
  io: {readonly stdin: NodeJS.ReadStream; readonly stdout: NodeJS.WriteStream},
): {readonly erase: () => void; readonly release: () => void} {
  // Raw at once: a key pressed while Ink loads waits in the terminal for Ink, unechoed.
  io.stdin.setRawMode(true);
  const {text, lines} = bootFrameText(props, io.stdout.columns || 80);
  io.stdout.write(text);
  let erased = false;
  return {
    erase() {
      if (erased) return;
      erased = true;
      io.stdout.write(`${esc}${lines}F${esc}0J`);
    },
    // Only when Ink will not take the keys over (it leaves raw mode itself when it ends).
    release() {
      io.stdin.setRawMode(false);
    },
  };
}
