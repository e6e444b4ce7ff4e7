import {useKeys} from './use-keys.js';
import {useState} from 'react';

/** Scrolls a document of `length` lines in a window of `height`: ↑↓ j k, PgUp/PgDn, g/G. */
export function useScroll(length: number, height: number, isActive: boolean): number {
  const [offset, setOffset] = useState(0);
  const max = Math.max(0, length - height);
  useKeys(
    (input, key) => {
      const move = (to: number) => {
        setOffset(Math.max(0, Math.min(max, to)));
      };

      if (key.upArrow || input === 'k') move(offset - 1);
      else if (key.downArrow || input === 'j') move(offset + 1);
      else if (key.pageUp) move(offset - height);
      else if (key.pageDown || input === ' ') move(offset + height);
      else if (input === 'g' || key.home) move(0);
      else if (input === 'G' || key.end) move(max);
    },
    {isActive},
  );
  return Math.min(offset, max);
}
