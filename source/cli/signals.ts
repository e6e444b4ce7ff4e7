/** The signals a headless run ends cleanly on, with their exit codes (128 + number). */
const handled = {SIGINT: 130, SIGTERM: 143} as const;

/**
 * Calls `onFirst` on the first SIGINT/SIGTERM (to cancel the step and let the state be
 * written); a second one exits at once. Returns the exit code of the signal seen, if any,
 * through `caught()`, and `dispose()` to remove the handlers.
 */
export function trapSignals(onFirst: () => void): {
  readonly caught: () => number | undefined;
  readonly dispose: () => void;
} {
  let code: number | undefined;
  const listeners = (Object.keys(handled) as Array<keyof typeof handled>).map((signal) => {
    const listener = (): void => {
      if (code !== undefined) {
        process.stderr.write('mke-runbook: stopping now\n');
        process.exit(code);
      }

      code = handled[signal];
      process.stderr.write(
        `mke-runbook: ${signal}: stopping the running step… (again to quit at once)\n`,
      );
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
