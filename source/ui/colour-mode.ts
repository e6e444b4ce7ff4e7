import chalk from 'chalk';
import {colorWanted} from '../report/paint.js';

/**
 * Switches the interface's colours off when NO_COLOR asks (or FORCE_COLOR=0): Ink paints with
 * chalk, whose own detection does not read NO_COLOR. Every status keeps its mark and word, so
 * nothing is lost; the selected row keeps its `›`.
 */
export function applyColourMode(
  stream: {readonly isTTY?: boolean},
  env: Readonly<Record<string, string | undefined>>,
): void {
  if (!colorWanted(stream, env)) chalk.level = 0;
}
