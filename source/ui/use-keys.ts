import {useRef} from 'react';
import {useInput, type Key} from 'ink';

/**
 * Ink's useInput, but the handler always sees the latest render: Ink re-subscribes in an
 * effect, so keys arriving before it runs (fast typing, a pty) would reach a stale closure.
 */
export function useKeys(
  handler: (input: string, key: Key) => void,
  options: {readonly isActive?: boolean} = {},
): void {
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useRef((input: string, key: Key) => {
    latest.current(input, key);
  });
  useInput(stable.current, {isActive: options.isActive ?? true});
}
