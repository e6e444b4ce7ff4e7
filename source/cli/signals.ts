/** The signals a run ends cleanly on, with their exit codes (128 + number). */
const handled = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143} as const;

/** A signal a run ends cleanly on. */
export type EndSignal = keyof typeof handled;

// A repeat within this window does not force the exit: a double key press is one wish, and
// execa's exit hook (signal-exit) re-raises the signal at us once while it cleans up.
const repeatWindowMs = 1000;

/**
 * Calls `onFirst` on the first SIGHUP/SIGINT/SIGTERM (to cancel the step and let the state be
 * written); another one, a second later or more, exits at once. `caught()` gives the exit
 * code of the signal seen, if any; `dispose()` removes the handlers.
 */
export function trapSignals(
  onFirst: () => void,
  options: {
    /** Which signals (all three by default; an interactive run reads Ctrl-C as a key). */
    readonly names?: readonly EndSignal[];
    /** Where to say what is happening (stderr by default; nowhere under a live screen). */
    readonly say?: (line: string) => void;
  } = {},
): {
  readonly caught: () => number | undefined;
  readonly dispose: () => void;
} {
  let code: number | undefined;
  let firstAt = 0;
  const names = options.names ?? (['SIGHUP', 'SIGINT', 'SIGTERM'] as const);
  const say =
    options.say ??
    ((line: string): void => {
      process.stderr.write(line);
    });
  const listeners = names.map((signal) => {
    const listener = (): void => {
      if (code !== undefined) {
        if (Date.now() - firstAt < repeatWindowMs) return;
        say('mke-runbook: stopping now\n');
        process.exit(code);
      }

      code = handled[signal];
      firstAt = Date.now();
      say(`mke-runbook: ${signal}: stopping the running step… (again to quit at once)\n`);
      onFirst();
    };

    process.on(signal, listener);
    return [signal, listener] as const;
  });
  return {
    caught: () => code,
    dispose() {
      for (const [signal, listener] of listeners) process.off(signal, listener);
    },
  };
}
