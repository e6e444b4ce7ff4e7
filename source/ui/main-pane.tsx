import {Box, Text} from 'ink';
import type {Step} from '../runbook/types.js';
import {pick, type Lang} from '../i18n/text.js';
import type {UiStrings} from './strings.js';
import type {StepView} from './ui-state.js';
import type {LiveTail} from './use-engine-state.js';
import {LiveOutput} from './live-output.js';
import {DocLines, line, type DocLine} from './doc-lines.js';
import {colors} from './theme.js';
import {wrapText} from './text-layout.js';

type Props = {
  readonly step: Step | undefined;
  readonly view: StepView | undefined;
  readonly tail: LiveTail;
  readonly running: boolean;
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
  readonly lang: Lang;
  /** Fills the text's `{{ params.x }}` with the values this run uses. */
  readonly fill?: (text: string) => string;
};

/** Why the step failed, in its own words, and what to try; the tool's last words give way so the hint fits `height`. */
export function failureLines(
  view: StepView,
  strings: UiStrings,
  width: number,
  height = Number.POSITIVE_INFINITY,
): DocLine[] {
  const error = view.error;
  if (!error) {
    return view.diagnosis
      ? [line(`D ${strings.keys.diagnosis}: ${view.diagnosis.line}`, {color: colors.accent})]
      : [];
  }

  const message = wrapText(`✗ ${strings.failedWith}: ${error.message}`, width).map((row) =>
    line(row, {color: colors.error, bold: true}),
  );
  const hint = error.hint
    ? wrapText(`${strings.hint}: ${error.hint}`, width).map((row) => line(row))
    : [];
  const diagnosis = view.diagnosis
    ? [line(`D ${strings.keys.diagnosis}: ${view.diagnosis.line}`, {color: colors.accent})]
    : [];
  const room = Math.max(1, height - message.length - hint.length - diagnosis.length);
  const detail = (error.detail ? error.detail.split('\n') : [])
    .slice(-Math.min(4, room))
    .map((row) => line('  ' + row, {dim: true}));
  return [...message, ...detail, ...hint, ...diagnosis];
}

/** Beside or under the list: the running step's live output, else the selected step's failure, output or text. */
export function MainPane(props: Props) {
  const {step, view, tail, running, now, width, height, strings, lang} = props;
  if (!step) return <Box height={height} />;
  const title = pick(step.title, lang);
  // A step set back to pending (reset, a switched branch) no longer owns what it printed.
  const lines =
    tail.stepId === step.id
      ? tail.lines
      : view?.status === 'pending'
        ? []
        : (tail.earlier?.get(step.id) ?? []);
  const hasTail = lines.length > 0;
  if (running || (hasTail && !view?.error)) {
    return (
      <LiveOutput
        title={title}
        lines={lines}
        running={running}
        startedAt={view?.startedAt}
        lastOutputAt={tail.lastOutputAt}
        expectedMs={step.expectedMs}
        now={now}
        width={width}
        height={height}
        strings={strings}
      />
    );
  }

  if (view?.error) {
    const failure = failureLines(view, strings, width, height);
    const rest = hasTail
      ? lines.slice(-Math.max(0, height - failure.length)).map((row) => line(row))
      : [];
    return <DocLines lines={[...failure, ...rest]} width={width} height={height} />;
  }

  const fill = props.fill ?? ((text: string) => text);
  const text = wrapText(fill(pick(step.text, lang)), width).map((row) => line(row));
  // A text longer than the pane says so, or a person takes the cut for the end of it.
  const room = Math.max(0, height - 1);
  const shown =
    text.length > room && room > 0
      ? [...text.slice(0, room - 1), line(strings.moreText(text.length - room + 1), {dim: true})]
      : text;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{title}</Text>
      <DocLines lines={shown} width={width} height={room} />
    </Box>
  );
}
