import stripAnsi from 'strip-ansi';
import {cut, isPrintableAscii} from './text-layout.js';

// A child's output may carry colours, cursor moves or a stray carriage return: printed as is,
// they would move Ink's cursor and tear the frame. The pane shows text only (the log keeps
// the bytes).
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const tabStop = 8;

/**
 * One line of a child's output as the live pane shows it: plain text cut at the pane's edge.
 * No "…" mark: a flood of cut lines would then all be non-ASCII, which Ink measures grapheme by
 * grapheme on every frame (3× the cost of a frame); the whole line is in the log (`l`).
 */
export function displayLine(text: string, width: number): string {
  if (isPrintableAscii(text)) return cut(text, width);
  return cut(expandTabs(stripAnsi(text)).replaceAll(controls, ''), width);
}

function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  for (const char of text) {
    out += char === '\t' ? ' '.repeat(tabStop - (out.length % tabStop)) : char;
  }

  return out;
}
