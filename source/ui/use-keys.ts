import {useLayoutEffect, useRef} from 'react';
import {useInput, useStdin, type Key} from 'ink';
import {splitKeys} from './key-chunks.js';

/** Options of {@link useKeys}. */
export type KeysOptions = {
  readonly isActive?: boolean;
  /** Keys that arrived in one read (`kkj`) reach the handler one at a time. */
  readonly oneByOne?: boolean;
  /** Keep the terminal raw from the first frame on (the app's root listener). */
  readonly rawFromFirstFrame?: boolean;
};

/**
 * Ink's useInput, but the handler always sees the latest render: Ink re-subscribes in an
 * effect, so keys arriving before it runs (fast typing, a pty) would reach a stale closure.
 */
export function useKeys(
  handler: (input: string, key: Key) => void,
  options: KeysOptions = {},
): void {
  const latest = useRef(handler);
  latest.current = handler;
  const oneByOne = useRef(options.oneByOne ?? false);
  oneByOne.current = options.oneByOne ?? false;
  const stable = useRef((input: string, key: Key) => {
    if (!oneByOne.current) {
      latest.current(input, key);
      return;
    }

    for (const [one, oneKey] of splitKeys(input, key)) latest.current(one, oneKey);
  });
  useRawFromFirstFrame(options.rawFromFirstFrame ?? false);
  useInput(stable.current, {isActive: options.isActive ?? true});
}

// When the app replaces the boot frame, the boot frame's listener let go of raw mode (a
// passive effect cleanup) before the app's took it: for that instant the terminal was cooked,
// and an Enter typed on the app's first frame became a newline that Ink does not call Enter
// (3 first keys lost in 12 pty starts). A layout effect takes raw mode before either runs.
function useRawFromFirstFrame(active: boolean): void {
  const {setRawMode} = useStdin();
  useLayoutEffect(() => {
    if (!active) return;
    setRawMode(true);
    return () => {
      setRawMode(false);
    };
  }, [active, setRawMode]);
}
