import {App} from '../../../source/ui/app.js';
import {createUiPrompter, type UiPrompter} from '../../../source/ui/prompter.js';
import type {RingBuffer} from '../../../source/ui/ring-buffer.js';
import type {RunOutcome} from '../../../source/engine/engine-api.js';
import type {Lang} from '../../../source/i18n/text.js';
import type {FakeEngine} from './fake-engine.js';
import {frameLines, renderAt, type Rendered} from './render.js';

/** The app on a fake engine at a terminal size, with its prompter and exit outcome. */
export function renderApp(
  engine: FakeEngine,
  options: {
    readonly lang?: Lang;
    readonly columns?: number;
    readonly rows?: number;
    readonly ring?: RingBuffer;
  } = {},
): Rendered & {
  readonly prompter: UiPrompter;
  readonly outcome: () => RunOutcome | undefined;
  readonly screen: () => string[];
} {
  const prompter = createUiPrompter();
  let outcome: RunOutcome | undefined;
  const rendered = renderAt(
    <App
      engine={engine}
      prompter={prompter}
      lang={options.lang ?? 'en'}
      simulated
      ring={options.ring}
      onExit={(value) => {
        outcome = value;
      }}
    />,
    options.columns ?? 80,
    options.rows ?? 24,
  );
  return {
    ...rendered,
    prompter,
    outcome: () => outcome,
    // The header's clock ticks; frames compare with it pinned.
    screen: () =>
      frameLines(rendered.lastFrame()).map((l, i) =>
        i === 0 ? l.replace(/\d+:\d\d$/, 'M:SS') : l,
      ),
  };
}
