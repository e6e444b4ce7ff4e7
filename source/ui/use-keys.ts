import {useRef} from 'react';
import {useInput, type Key} from 'ink';
import {splitKeys} from './key-chunks.js';

/**
 * Ink's useInput, but the handler always sees the latest render: Ink re-subscribes in an
 * effect, so keys arriving before it runs (fast typing, a pty) would reach a stale closure.
 * With `oneByOne`, keys that arrived in one read (`kkj`) reach the handler one at a time.
 */
export function useKeys(
  handler: (input: string, key: Key) => void,
  options: {readonly isActive?: boolean; readonly oneByOne?: boolean} = {},
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
  useInput(stable.current, {isActive: options.isActive ?? true});
}
