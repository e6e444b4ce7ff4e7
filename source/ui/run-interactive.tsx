import {render} from 'ink';
import type {Engine, RunOutcome} from '../engine/engine-api.js';
import type {Lang} from '../i18n/text.js';
import {uiPrompter, type UiPrompter} from './prompter.js';
import {App} from './app.js';

/** Options for the interactive session. */
export type InteractiveOptions = {
  readonly lang: Lang;
  readonly simulated: boolean;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
  /** The prompter given to `openEngine`; the shared `uiPrompter` when not given. */
  readonly prompter?: UiPrompter;
};

/** Runs the Ink interface on an open engine until the person quits; resolves with how it ended. */
export async function runInteractive(
  engine: Engine,
  options: InteractiveOptions,
): Promise<RunOutcome> {
  let outcome: RunOutcome = 'stopped';
  const instance = render(
    <App
      engine={engine}
      prompter={options.prompter ?? uiPrompter}
      lang={options.lang}
      simulated={options.simulated}
      onExit={(value) => {
        outcome = value;
      }}
    />,
    {
      stdin: options.stdin,
      stdout: options.stdout,
      // Ctrl-C cancels the running step first (app.tsx); quitting is the app's decision.
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  await instance.waitUntilExit();
  return outcome;
}
