import {render} from 'ink';
import type {Engine, RunOutcome} from '../engine/engine-api.js';
import {BootScreen, type BootProps, type BootTask} from './boot-screen.js';
import {applyColourMode} from './colour-mode.js';
import type {UiPrompter} from './prompter.js';

/** What the first frame shows, and the tasks it says are under way. */
export type BootInfo = Pick<BootProps, 'title' | 'profile' | 'target' | 'lang'> & {
  readonly tasks: readonly BootTask[];
};

/** Where the interface draws and reads keys (the process's own streams when not given). */
export type InteractiveOptions = {
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
};

/** One terminal session: the boot frame at once, the real screen when the engine is open. */
export type InteractiveSession = {
  /** Marks a boot task done: its line leaves the boot frame. */
  readonly finished: (task: BootTask) => void;
  /** Whether the person pressed q (or Ctrl-C) during the boot frame. */
  readonly quitRequested: () => boolean;
  /** Replaces the boot frame with the app on `engine`; resolves when the person quits. */
  readonly run: (engine: Engine, prompter: UiPrompter) => Promise<RunOutcome>;
  /** Takes the boot frame off the screen and gives the terminal back (boot failed or quit). */
  readonly close: () => Promise<void>;
};

/** Draws the boot frame now (only Ink, React and this screen are loaded for it). */
export function startInteractive(
  boot: BootInfo,
  options: InteractiveOptions = {},
): InteractiveSession {
  let pending = [...boot.tasks];
  let quit = false;
  let ran = false;
  let ended = false;
  const frame = () => (
    <BootScreen
      title={boot.title}
      profile={boot.profile}
      target={boot.target}
      lang={boot.lang}
      pending={pending}
      stopping={quit}
      onQuit={() => {
        if (quit || ran) return;
        quit = true;
        instance.rerender(frame());
      }}
    />
  );
  applyColourMode(options.stdout ?? process.stdout, process.env);
  const instance = render(frame(), {
    stdin: options.stdin,
    stdout: options.stdout,
    // Ctrl-C cancels the running step first (app.tsx); quitting is the app's decision.
    exitOnCtrlC: false,
    patchConsole: false,
  });

  return {
    finished(task) {
      pending = pending.filter((item) => item !== task);
      if (!ran) instance.rerender(frame());
    },
    quitRequested: () => quit,
    async run(engine, prompter) {
      ran = true;
      // The app and everything it draws load only now, after the first frame.
      const {App} = await import('./app.js');
      let outcome: RunOutcome = 'stopped';
      instance.rerender(
        <App
          engine={engine}
          prompter={prompter}
          lang={boot.lang}
          simulated={boot.target === 'simulated'}
          onExit={(value) => {
            outcome = value;
          }}
        />,
      );
      try {
        await instance.waitUntilExit();
      } finally {
        ended = true;
      }

      return outcome;
    },
    async close() {
      if (ended) return;
      ended = true;
      // An empty last frame erases the boot lines, so a message printed next stands alone.
      instance.rerender(null);
      instance.unmount();
      await instance.waitUntilExit().catch(() => undefined);
    },
  };
}
